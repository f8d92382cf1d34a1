// The notify payload (a pure builder, as tables) and the notifier: it never waits in `notify`, says a
// failure once (the caller's warn first), logs it, and `settle` waits for what is still running.
import { describe, expect, it } from 'vitest';
import { bounded, buildNotifyPayload, factsOfResult, NOTIFY_MESSAGE_MAX_CHARS, NOTIFY_PATHS_MAX } from '../../src/hooks/notify-payload.ts';
import type { NotifyFacts } from '../../src/hooks/notify-payload.ts';
import { createNotifier, NOTIFY_TIMEOUT_MS } from '../../src/hooks/notify.ts';
import type { HostCommandOptions, HostCommandResult } from '../../src/hooks/host-command.ts';
import { createRedactor } from '../../src/secrets/redact.ts';
import { emptyUsage } from '../../src/model/usage.ts';

const redactor = createRedactor({ MY_SERVICE_TOKEN: 'svc-tok-5b9e2c7a1d3f' });
const ctx = { redactor, version: '9.9.9', now: new Date('2026-01-02T03:04:05Z') };
const base: NotifyFacts = { type: 'run.completed', runId: 'R1', repository: '/repo', status: 'completed', exitCode: 0, finalMessage: 'done', files: ['a.js'] };

describe('bounded', () => {
  it.each([
    ['short', 10, 'short'],
    ['exactly10!', 10, 'exactly10!'],
    ['abcdefghijkl', 10, 'abcdefghij… [cut: 2 more characters]'],
    // never half a surrogate pair: the emoji is dropped whole
    [`${'a'.repeat(9)}😀b`, 10, `${'a'.repeat(9)}… [cut: 3 more characters]`],
  ])('%j at %i → %j', (text, max, want) => expect(bounded(text, max)).toBe(want));
});

describe('buildNotifyPayload', () => {
  it('says type, run, repository, status, exit code, message, files, cost, the commands, the time and version', () => {
    expect(buildNotifyPayload({ ...base, costUsd: 0.0123 }, ctx)).toEqual({
      type: 'run.completed',
      timestamp: '2026-01-02T03:04:05.000Z',
      hew_version: '9.9.9',
      run_id: 'R1',
      repository: '/repo',
      status: 'completed',
      exit_code: 0,
      final_message: 'done',
      files_changed: { count: 1, paths: ['a.js'] },
      cost_usd: 0.0123,
      commands: { review: 'hew diff R1', apply: 'hew apply R1' },
    });
  });

  it.each<[string, Partial<NotifyFacts>, unknown]>([
    ['no file changed', { files: [] }, null],
    ['no run kept', { runId: null }, null],
    ['files changed in a kept run', {}, { review: 'hew diff R1', apply: 'hew apply R1' }],
  ])('commands when %s', (_what, facts, want) => expect(buildNotifyPayload({ ...base, ...facts }, ctx).commands).toEqual(want));

  it('bounds the final message and the paths listed, and keeps the whole count', () => {
    const files = Array.from({ length: NOTIFY_PATHS_MAX + 7 }, (_, i) => `f${i}`);
    const p = buildNotifyPayload({ ...base, finalMessage: 'x'.repeat(NOTIFY_MESSAGE_MAX_CHARS + 5), files }, ctx);
    expect(p.final_message).toBe(`${'x'.repeat(NOTIFY_MESSAGE_MAX_CHARS)}… [cut: 5 more characters]`);
    expect(p.files_changed.count).toBe(NOTIFY_PATHS_MAX + 7);
    expect(p.files_changed.paths).toHaveLength(NOTIFY_PATHS_MAX);
    expect(p.cost_usd).toBeNull();
  });

  it('redacts secrets in the message, the paths, the error and an approval (before cutting)', () => {
    const secret = 'svc-tok-5b9e2c7a1d3f';
    const p = buildNotifyPayload(
      {
        ...base,
        type: 'approval.waiting',
        status: 'awaiting_approval',
        finalMessage: `${'y'.repeat(NOTIFY_MESSAGE_MAX_CHARS - 5)}${secret}`,
        files: [`dir/${secret}.txt`],
        error: `failed with ${secret}`,
        approval: { tool: 'shell', command: `curl -H "x: ${secret}"`, cwd: '/repo', sandboxed: false, network: true, reason: 'asked', justification: secret },
      },
      ctx,
    );
    expect(JSON.stringify(p)).not.toContain(secret);
    expect(JSON.stringify(p)).not.toContain('svc-tok');
    expect(p.approval).toMatchObject({ tool: 'shell', command: 'curl -H "x: [REDACTED]"', justification: '[REDACTED]', sandboxed: false, network: true });
  });

  it('keeps model text as it is: shell syntax, quotes, newlines and escapes are data', () => {
    const hostile = `$(id) \`id\` "q" 'q'\n\x1b]52;c;aGk=\x07`;
    expect(buildNotifyPayload({ ...base, finalMessage: hostile }, ctx).final_message).toBe(hostile);
  });
});

describe('factsOfResult', () => {
  it('turns a batch line or watch result into task.completed facts', () => {
    const facts = factsOfResult(
      'task.completed',
      { run_id: 'R2', status: 'failed', exit_code: 1, check: { command: 'npm test', exit_code: 1, passed: false }, files_changed: [{ path: 'b.js', kind: 'update' }], total_usage: emptyUsage(), total_cost_usd: 0.5, duration_ms: 10, error: 'the check failed' },
      { repository: '/repo', finalMessage: 'tried', task: { file: 'tasks/a.md', title: 'A' } },
    );
    expect(buildNotifyPayload(facts, ctx)).toMatchObject({ type: 'task.completed', task: { file: 'tasks/a.md', title: 'A' }, status: 'failed', exit_code: 1, check: { passed: false }, error: 'the check failed', cost_usd: 0.5, files_changed: { count: 1, paths: ['b.js'] } });
  });
});

describe('createNotifier', () => {
  const ok: HostCommandResult = { exitCode: 0, timedOut: false, stdout: '', output: '', durationMs: 1 };

  it('does nothing without a notify argv', async () => {
    const calls: HostCommandOptions[] = [];
    const n = createNotifier({ argv: undefined, warn: () => undefined, version: '1', run: async (o) => (calls.push(o), ok) });
    n.notify(base, { redactor });
    await n.settle();
    expect(n.enabled).toBe(false);
    expect(calls).toEqual([]);
  });

  it('appends the payload as one last argument, with the notify timeout, and returns before it ends', async () => {
    let finish: (r: HostCommandResult) => void = () => undefined;
    const calls: HostCommandOptions[] = [];
    const n = createNotifier({ argv: ['notify-send', 'hew'], warn: () => undefined, version: '1', run: (o) => (calls.push(o), new Promise((r) => (finish = r))) });
    n.notify(base, { redactor });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.argv.slice(0, 2)).toEqual(['notify-send', 'hew']);
    expect(calls[0]!.argv).toHaveLength(3);
    expect(JSON.parse(calls[0]!.argv[2]!)).toMatchObject({ type: 'run.completed', run_id: 'R1' });
    expect(calls[0]!).toMatchObject({ purpose: 'notify', timeoutMs: NOTIFY_TIMEOUT_MS });
    let settled = false;
    const settling = n.settle().then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false);
    finish(ok);
    await settling;
    expect(settled).toBe(true);
  });

  it('a failure is one warning (the caller\'s first, else the notifier\'s) and a line in the log', async () => {
    const failed: HostCommandResult = { exitCode: 3, timedOut: false, stdout: '', output: 'broke\n', durationMs: 1 };
    const warned: string[] = [];
    const logged: string[] = [];
    const n = createNotifier({ argv: ['sh'], warn: (m) => warned.push(`own: ${m}`), version: '1', run: async () => failed });
    n.notify(base, { redactor, log: (t) => logged.push(t) });
    n.notify(base, { redactor, warn: (m) => (warned.push(`caller: ${m}`), true) });
    n.notify(base, { redactor, warn: () => false, log: () => { throw new Error('the run is gone'); } });
    await n.settle();
    expect(warned).toEqual([
      'own: the notify command `sh` exited with code 3: broke (run.completed)',
      'caller: the notify command `sh` exited with code 3: broke (run.completed)',
      'own: the notify command `sh` exited with code 3: broke (run.completed)',
    ]);
    expect(logged).toEqual(['[hew: the notify command `sh` exited with code 3: broke (run.completed)]\n']);
  });
});
