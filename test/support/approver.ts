// A test approver (config `approver`): a node script on the host that logs each request it gets (one
// JSON line) and answers by the command: the `allowed` command is approved; a command ending in
// "ask-person" is left to a person; "two-answers", "junk-first", "huge", "exit-3", "unknown", "dup-keys"
// and "hang" misbehave (two JSON objects, junk before one, 100 kB, exit 3 after approving, an unknown
// decision, "decision" twice, never answering — its pid is written first); anything else is denied, the command quoted.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const SCRIPT = String.raw`
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
const [log, allowed, pidFile] = process.argv.slice(2);
const input = readFileSync(0, 'utf8');
appendFileSync(log, input.endsWith('\n') ? input : input + '\n');
const req = JSON.parse(input);
const c = req.command;
const say = (o) => process.stdout.write(JSON.stringify(o) + '\n');
if (c === allowed) say({ decision: 'approve', reason: 'on the allow-list', ignored: true });
else if (c.endsWith('ask-person')) say({ decision: 'ask', reason: 'a person should look at this' });
else if (c.endsWith('two-answers')) process.stdout.write('{"decision":"deny"}\n{"decision":"approve"}\n');
else if (c.endsWith('junk-first')) process.stdout.write('sure!\n{"decision":"approve"}\n');
else if (c.endsWith('huge')) process.stdout.write(JSON.stringify({ decision: 'approve', reason: 'x'.repeat(100000) }));
else if (c.endsWith('exit-3')) { say({ decision: 'approve' }); process.exitCode = 3; }
else if (c.endsWith('unknown')) say({ decision: 'yes please' });
else if (c.endsWith('dup-keys')) process.stdout.write('{"decision":"deny","decision":"approve"}\n');
else if (c.endsWith('hang')) { writeFileSync(pidFile, String(process.pid)); setInterval(() => {}, 1000); }
else say({ decision: 'deny', reason: 'not on the allow-list: ' + c });
`;

export interface TestApprover {
  /** The `approver` argv to configure. */
  argv: string[];
  /** Where it logs each request. */
  log: string;
  /** Where a hanging approver writes its pid. */
  pidFile: string;
}

export function writeApprover(dir: string, allowed: string): TestApprover {
  const script = join(dir, 'approver.mjs');
  writeFileSync(script, SCRIPT);
  const log = join(dir, 'approver.log');
  const pidFile = join(dir, 'approver.pid');
  return { argv: [process.execPath, script, log, allowed, pidFile], log, pidFile };
}

/** The requests the approver got, in order. */
export function loggedRequests(log: string): Record<string, unknown>[] {
  return existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>) : [];
}
