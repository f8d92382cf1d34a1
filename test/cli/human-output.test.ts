// The exec front's human progress lines: a completed patch names each file with its +/- counts.
import { describe, expect, it } from 'vitest';
import type { StampedEvent } from '../../src/protocol/events.ts';
import { humanPrinter, makeStyle } from '../../src/cli/human-output.ts';

describe('humanPrinter: file_change', () => {
  const cases = [
    { name: 'with counts', changes: [{ path: 'src/a.js', kind: 'update', lines_added: 3, lines_removed: 1, diff: '@@ -1 +1 @@\n' }], line: '✎ update src/a.js +3 -1' },
    { name: 'without counts (an older run)', changes: [{ path: 'b.txt', kind: 'add' }], line: '✎ add b.txt' },
  ];
  it.each(cases)('$name', ({ changes, line }) => {
    const out: string[] = [];
    const print = humanPrinter((l) => out.push(l), makeStyle(false));
    print({ type: 'item.completed', seq: 1, ts: '', item: { id: 'f', type: 'file_change', status: 'completed', changes } } as unknown as StampedEvent);
    expect(out).toEqual([`${line}\n`]);
  });
});

const ev = (e: Record<string, unknown>): StampedEvent => ({ seq: 0, ts: '', ...e }) as unknown as StampedEvent;
const started = ev({ type: 'thread.started', thread_id: 'r', run_id: 'r', repo: '/repo', working_copy: '/copy', base_commit: null, model: 'm', provider: 'p', sandbox: { kind: 'bwrap', mode: 'workspace-write', network: false }, approval: 'never' });
const cmd = { id: 'c1', type: 'command_execution', command: 'npm test', cwd: '/repo/pkg', exit_code: null, aggregated_output: '', duration_ms: null };
const msg = (status: string, text: string) => ev({ type: status === 'in_progress' ? 'item.started' : 'item.completed', item: { id: 'm1', type: 'agent_message', text, status } });
const run = [
  started,
  msg('in_progress', ''),
  ev({ type: 'item.delta', id: 'm1', text: 'Running ' }),
  ev({ type: 'item.delta', id: 'm1', text: 'the tests.' }),
  msg('completed', 'Running the tests.'),
  ev({ type: 'item.started', item: { ...cmd, status: 'in_progress' } }),
  ev({ type: 'item.delta', id: 'c1', text: 'output of the command\n' }),
  ev({ type: 'item.completed', item: { ...cmd, status: 'failed', exit_code: 1, duration_ms: 300 } }),
  ev({ type: 'error', message: 'the model broke', will_retry: false }),
];

describe('humanPrinter: progress', () => {
  function print(opts: Parameters<typeof humanPrinter>[2]): string {
    const out: string[] = [];
    const p = humanPrinter((l) => out.push(l), makeStyle(false), opts);
    for (const e of run) p(e);
    return out.slice(1).join('');
  }

  it('plain: the message once complete, a start line and an end line; no command output, no partial text', () => {
    expect(print({})).toBe('Running the tests.\n› $ npm test · in pkg\n  ✗ exit 1 · 300ms\nerror: the model broke\n');
  });

  it('streaming: the text as it arrives, then the same lines; command output is not shown', () => {
    const out: string[] = [];
    const p = humanPrinter((l) => out.push(l), makeStyle(false), { stream: true });
    for (const e of run) p(e);
    expect(out.slice(1)).toEqual(['Running ', 'the tests.', '\n', '› $ npm test · in pkg\n', '  ✗ exit 1 · 300ms\n', 'error: the model broke\n']);
  });

  it('quiet: errors only', () => {
    const out: string[] = [];
    const p = humanPrinter((l) => out.push(l), makeStyle(false), { quiet: true });
    for (const e of run) p(e);
    expect(out).toEqual(['error: the model broke\n']);
  });

  it('a command that never got a start line is shown whole when it ends', () => {
    const out: string[] = [];
    const p = humanPrinter((l) => out.push(l), makeStyle(false));
    p(ev({ type: 'item.completed', item: { ...cmd, status: 'completed', exit_code: 0, duration_ms: 100 } }));
    expect(out).toEqual(['› $ npm test (ok 0.1s)\n']);
  });

  it('a hostile command is shown with its escapes visible', () => {
    const out: string[] = [];
    const p = humanPrinter((l) => out.push(l), makeStyle(false));
    p(started);
    p(ev({ type: 'item.started', item: { ...cmd, command: 'rm -rf x\u001b[2K\rls', cwd: '/repo', status: 'in_progress' } }));
    expect(out.at(-1)).toBe('› $ rm -rf x␛[2K␍ls · in .\n');
  });
});

describe('humanPrinter: an approval decided by the approver command', () => {
  const req = { tool: 'shell', command: 'npm install x', cwd: '/c', sandboxed: false, network: true, reason: 'asks to run outside the sandbox' };
  it.each([
    ['approved', 'completed', 'on the allow-list', '✓ approved `npm install x` (asks to run outside the sandbox)\n  by your approver: on the allow-list\n'],
    ['denied', 'declined', 'no \u001b[2Jthanks', '✋ denied `npm install x` (asks to run outside the sandbox)\n  by your approver: no ␛[2Jthanks\n'],
  ])('%s: says who decided and why, one safe line', (decision, status, reason, line) => {
    const out: string[] = [];
    const print = humanPrinter((l) => out.push(l), makeStyle(false));
    print(ev({ type: 'item.completed', item: { id: 'a', type: 'approval', request: req, decision, decided_by: 'approver_command', reason, status } }));
    expect(out).toEqual([line]);
  });
});

describe('humanPrinter: reject always', () => {
  const req = { tool: 'shell', command: 'git push', cwd: '/c', sandboxed: true, network: false, reason: 'not known to be read-only' };
  it.each([
    ['denied_always', 'approver', '✋ denied `git push` (not known to be read-only) — always, for this prefix\n'],
    ['denied', 'rule', '✋ denied `git push` (not known to be read-only) — by an earlier "always deny"\n'],
  ])('%s decided by %s says so', (decision, by, line) => {
    const out: string[] = [];
    const print = humanPrinter((l) => out.push(l), makeStyle(false));
    print(ev({ type: 'item.completed', item: { id: 'a', type: 'approval', request: req, decision, decided_by: by, status: 'declined' } }));
    expect(out).toEqual([line]);
  });
});
