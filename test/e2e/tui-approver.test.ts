// End to end in a real terminal: with `approver` configured, the TUI asks it first. What it approves or
// denies is shown decided, with its reason ("approved by your approver (on the allow-list)"), never as a
// question; what it leaves to the person ("ask") is asked, with the approver's reason on the prompt.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loggedRequests, writeApprover } from '../support/approver.ts';
import { fixtureRepo, tempDir, treeFingerprint } from '../support/fixtures.ts';
import { hewHome, writeUserConfig } from '../support/hew-cli.ts';
import { startModelServer, type ModelServer } from '../support/model-server.ts';
import { startHewTui, type TmuxSession } from '../support/tmux.ts';

let server: ModelServer | undefined;
let tmux: TmuxSession | undefined;
afterEach(async () => {
  tmux?.kill();
  tmux = undefined;
  await server?.close();
  server = undefined;
});

describe('the approver in the TUI', () => {
  it('decides first; the person sees only what it leaves to them, with why', async () => {
    server = await startModelServer([
      { outputs: [{ tool: 'shell', args: { command: 'touch one.txt' } }] },
      { outputs: [{ tool: 'shell', args: { command: 'touch two.txt' } }] },
      { outputs: [{ tool: 'shell', args: { command: 'touch three.txt # ask-person' } }] },
      { outputs: [{ text: 'All three were decided.' }] },
    ]);
    const repo = fixtureRepo('date-parser');
    const before = treeFingerprint(repo);
    const home = hewHome();
    const approver = writeApprover(tempDir('hew-approver-'), 'touch one.txt');
    writeUserConfig(home, `approver = ${JSON.stringify(approver.argv)}\n`);
    tmux = startHewTui({ cwd: repo, args: ['-a', 'untrusted'], home, env: { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: server.url } });
    await tmux.waitFor('Ask hew to do something');
    await tmux.submit('make three files');

    const asking = await tmux.waitFor('y yes, once');
    expect(asking).toContain('$ touch three.txt # ask-person');
    expect(asking).toContain('your approver left this to you: a person should look at this');
    // The first two were decided by the approver before the person was asked anything.
    expect(asking).toMatch(/approved by your approver: touch one\.txt \(on the allow-list\)/);
    expect(asking).toMatch(/denied by your approver: touch two\.txt \(not on the allow-list: touch two\.txt\)/);
    tmux.type('y');
    const done = await tmux.waitFor('All three were decided.');
    expect(done).toMatch(/approved once: touch three\.txt # ask-person/);
    expect(loggedRequests(approver.log).map((r) => r.command)).toEqual(['touch one.txt', 'touch two.txt', 'touch three.txt # ask-person']);
    expect(existsSync(join(repo, 'one.txt'))).toBe(false);
    expect(treeFingerprint(repo)).toBe(before);

    tmux.keys('C-c');
    tmux.keys('C-c');
    await tmux.waitFor(/\[exit 0\]/);
  }, 300_000);

  it('does not replace a missing sandbox: with no usable sandbox every command goes to the person, the approver is not asked', async () => {
    server = await startModelServer([
      { outputs: [{ tool: 'shell', args: { command: 'touch one.txt' } }] },
      { outputs: [{ text: 'Decided by you.' }] },
    ]);
    const repo = fixtureRepo('date-parser');
    const before = treeFingerprint(repo);
    const home = hewHome();
    // It would approve this very command: the command would run directly on this machine.
    const approver = writeApprover(tempDir('hew-approver-'), 'touch one.txt');
    writeUserConfig(home, `approver = ${JSON.stringify(approver.argv)}\n`);
    tmux = startHewTui({ cwd: repo, home, env: { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: server.url, HEW_BWRAP: '/nonexistent/bin/bwrap' } });
    await tmux.waitFor('Ask hew to do something');
    await tmux.submit('make one file');

    const asking = await tmux.waitFor('y yes, once');
    expect(asking).toContain('$ touch one.txt');
    expect(asking).not.toMatch(/approved by your approver/);
    expect(asking).toContain('approver does not decide that');
    expect(loggedRequests(approver.log)).toEqual([]);
    tmux.keys('n');
    await tmux.waitFor('A note for the model (optional)');
    tmux.keys('Enter');
    await tmux.waitFor('Decided by you.');
    expect(loggedRequests(approver.log)).toEqual([]);
    expect(treeFingerprint(repo)).toBe(before);

    tmux.keys('C-c');
    tmux.keys('C-c');
    await tmux.waitFor(/\[exit 0\]/);
  }, 300_000);
});
