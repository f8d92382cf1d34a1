// End to end: the run survives provider faults, broken tool calls and a hanging command.
import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { StampedEvent } from '../../src/protocol/events.ts';
import { fixtureRepo, treeFingerprint } from '../support/fixtures.ts';
import { hewHome, runHew } from '../support/hew-cli.ts';
import { startModelServer } from '../support/model-server.ts';
import type { ModelServer } from '../support/model-server.ts';
import { DATE_FIX_ANSWER, dateFixScript } from '../support/scripts.ts';

let server: ModelServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function lastEvent(events: StampedEvent[]): Extract<StampedEvent, { type: 'thread.completed' }> {
  const last = events.at(-1);
  if (last?.type !== 'thread.completed') throw new Error(`last event is ${last?.type}`);
  return last;
}

async function exec(args: string[], repo: string, url: string): Promise<Awaited<ReturnType<typeof runHew>>> {
  const home = hewHome();
  return runHew(['exec', '--json', ...args], {
    cwd: repo,
    env: { ...home.env, OPENAI_BASE_URL: url, OPENAI_API_KEY: 'sk-test' },
    timeoutMs: 60_000,
  });
}

describe('hew exec under provider faults', () => {
  it('survives a 429, a 500 and a cut stream and still fixes the repo', async () => {
    const [read, patch, test, answer] = dateFixScript();
    server = await startModelServer([
      { fault: { kind: 'status', status: 429, retryAfter: 1 } },
      read!,
      { ...patch!, fault: { kind: 'status', status: 500 } },
      patch!,
      { ...test!, fault: { kind: 'cut', afterEvents: 3 } },
      test!,
      answer!,
    ]);
    const repo = fixtureRepo('date-parser');
    const before = treeFingerprint(repo);
    const result = await exec(['-c', 'providers.openai.request_max_retries=4', 'fix the date parser'], repo, server.url);
    expect(result.code).toBe(0);
    const events = result.events();
    const retries = events.filter((e) => e.type === 'error');
    expect(retries).toHaveLength(3);
    expect(retries.every((e) => e.type === 'error' && e.will_retry)).toBe(true);
    const first = retries[0];
    expect(first?.type === 'error' && first.delay_ms).toBeGreaterThanOrEqual(1000);
    const done = lastEvent(events);
    expect(done.final_message).toBe(DATE_FIX_ANSWER);
    expect(done.files_changed).toEqual([{ path: 'src/date.js', kind: 'update' }]);
    expect(server.remaining()).toBe(0);
    expect(treeFingerprint(repo)).toBe(before);
  });

  it('answers malformed tool arguments and an unknown tool with errors and finishes', async () => {
    server = await startModelServer([
      { outputs: [{ tool: 'read_file', args: '{"path": "src/date.js"' }] },
      { outputs: [{ tool: 'read_file', args: { offset: 3 } }] },
      { outputs: [{ tool: 'teleport', args: { to: 'mars' } }] },
      { outputs: [{ text: 'Done, despite my clumsy calls.' }] },
    ]);
    const repo = fixtureRepo('date-parser');
    const result = await exec(['look around'], repo, server.url);
    expect(result.code).toBe(0);
    const outputs = server.requests.slice(1).map((r) => {
      const input = r.body.input as { type: string; output?: string }[];
      return input.filter((i) => i.type === 'function_call_output').at(-1)?.output ?? '';
    });
    expect(outputs[0]).toMatch(/not valid JSON/i);
    expect(outputs[1]).toMatch(/path/);
    expect(outputs[2]).toMatch(/Unknown tool "teleport"/);
    expect(outputs[2]).toMatch(/read_file/);
    const errors = result.events().filter((e) => e.type === 'item.completed' && e.item.type === 'error');
    expect(errors).toHaveLength(3);
    expect(lastEvent(result.events()).status).toBe('completed');
  });

  it('kills a hanging command and its children at the timeout', async () => {
    // Unique durations mark the processes; inside the sandbox's pid namespace their pids mean nothing
    // on the host, so the host's /proc is searched for them by command line.
    const script = 'sleep 317 & sleep 318';
    server = await startModelServer([
      { outputs: [{ tool: 'shell', args: { command: script, timeout_ms: 800 } }] },
      { outputs: [{ text: 'The command hung; I stopped.' }] },
    ]);
    const repo = fixtureRepo('date-parser');
    const result = await exec(['run the hanging thing'], repo, server.url);
    expect(result.code).toBe(0);
    const output = (server.requests[1]?.body.input as { type: string; output?: string }[]).find((i) => i.type === 'function_call_output')?.output;
    expect(output).toMatch(/Exit code: 124/);
    expect(livingWithArgs(['sleep', '317'])).toEqual([]);
    expect(livingWithArgs(['sleep', '318'])).toEqual([]);
  });
});

/** Host pids (not zombies) whose command line is exactly `argv`. */
function livingWithArgs(argv: string[]): number[] {
  const wanted = `${argv.join('\0')}\0`;
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8') !== wanted) continue;
      if (/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${entry}/stat`, 'utf8'))) continue;
      found.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return found;
}
