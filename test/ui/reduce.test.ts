import { describe, expect, it } from 'vitest';
import type { AgentEvent } from '../../src/protocol/events.ts';
import type { InteractiveEvent } from '../../src/protocol/interactive.ts';
import { initialState } from '../../src/ui/state/initial.ts';
import { reduce } from '../../src/ui/state/reduce.ts';
import { activityOf, costOf, pendingApproval } from '../../src/ui/state/status.ts';
import type { ViewState } from '../../src/ui/state/types.ts';
import { approval, command, completed, delta, message, started, stamp, usage } from './events.ts';
import { sessionInfo } from './fake-controller.ts';

const T0 = Date.parse('2026-01-01T10:00:00.000Z');
const at = (ms: number): string => new Date(T0 + ms).toISOString();

function run(events: (AgentEvent | InteractiveEvent)[], state: ViewState = initialState(sessionInfo())): ViewState {
  let seq = 0;
  return events.reduce<ViewState>((s, e) => {
    if (e.type.startsWith('notice.')) return reduce(s, e as InteractiveEvent);
    seq += 1;
    return reduce(s, 'seq' in e ? (e as InteractiveEvent) : stamp(e as AgentEvent, seq, at(seq * 100)));
  }, state);
}

describe('reduce', () => {
  it('turns a realistic turn into transcript entries, live items and status', () => {
    const events: AgentEvent[] = [
      { type: 'thread.started', thread_id: 't', run_id: 'r', repo: '/home/dev/project', working_copy: '/w', base_commit: null, model: 'm', provider: 'openai', sandbox: { kind: 'bwrap', mode: 'workspace-write', network: false }, approval: 'on-request' },
      stamp({ type: 'turn.started', turn: 1 }, 2, at(0)),
      started({ id: 'i1', type: 'reasoning', text: '', status: 'in_progress' }),
      delta('i1', 'Look at the parser.'),
      completed({ id: 'i1', type: 'reasoning', text: 'Look at the parser.', status: 'completed' }),
      started({ id: 'i2', type: 'todo_list', items: [{ text: 'Reproduce', status: 'in_progress' }, { text: 'Fix', status: 'pending' }], status: 'in_progress' }),
      completed({ id: 'i2', type: 'todo_list', items: [{ text: 'Reproduce', status: 'in_progress' }, { text: 'Fix', status: 'pending' }], status: 'completed' }),
      started(command('i3', 'npm test')),
    ];
    const mid = run(events);
    expect(mid.status.busy).toBe(true);
    expect(mid.status.turn).toBe(1);
    expect(mid.live.map((l) => l.kind)).toEqual(['command']);
    expect(mid.plan?.entries.map((e) => e.status)).toEqual(['in_progress', 'pending']);
    expect(activityOf(mid)).toBe('running `npm test`');
    expect(mid.transcript.map((e) => e.kind)).toEqual(['header', 'reasoning']);

    const end = run(
      [
        delta('i3', 'FAIL date.test.ts\n'),
        completed(command('i3', 'npm test', { status: 'failed', exit_code: 1, duration_ms: 1200, aggregated_output: 'FAIL date.test.ts\n1 failed\n' })),
        completed({ id: 'i4', type: 'file_change', changes: [{ path: 'src/date.ts', kind: 'update' }], status: 'completed' }),
        started(message('i5', '', 'in_progress')),
        delta('i5', 'Fixed '),
        delta('i5', 'the parser.'),
        completed(message('i5', 'Fixed the parser.')),
        stamp({ type: 'turn.completed', turn: 1, usage: usage(1200, 300), total_usage: usage(1200, 300) }, 30, at(4200)),
      ],
      mid,
    );
    expect(end.live).toEqual([]);
    expect(end.plan).toBeNull();
    expect(end.status.busy).toBe(false);
    expect(end.status.usage).toEqual(usage(1200, 300));
    expect(end.status.lastTurnMs).toBe(4200);
    expect(end.transcript.map((e) => e.kind)).toEqual(['header', 'reasoning', 'command', 'file_change', 'message', 'plan', 'turn_end']);
    const cmd = end.transcript[2];
    expect(cmd?.kind === 'command' && cmd.command).toMatchObject({ status: 'failed', exitCode: 1, durationMs: 1200, tail: ['FAIL date.test.ts', '1 failed'], lineCount: 2 });
    const msg = end.transcript[4];
    expect(msg?.kind === 'message' && msg.text).toBe('Fixed the parser.');
    expect(new Set(end.transcript.map((e) => e.key)).size).toBe(end.transcript.length);
  });

  it('accumulates deltas of a streamed message in the live region', () => {
    const s = run([{ type: 'turn.started', turn: 1 }, started(message('m', '', 'in_progress')), delta('m', 'Hel'), delta('m', 'lo, '), delta('m', 'world')]);
    expect(s.live).toEqual([{ kind: 'message', id: 'm', text: 'Hello, world', committed: 0 }]);
    expect(activityOf(s)).toBe('responding');
    expect(s.transcript.map((e) => e.kind)).toEqual(['header']);
  });

  it('moves finished Markdown blocks of a streaming answer to the transcript, the rest on completion', () => {
    const s = run([
      { type: 'turn.started', turn: 1 },
      started(message('m', '', 'in_progress')),
      delta('m', '## Plan\n\nFirst '),
      delta('m', 'para.\n\n```ts\nconst a = 1;\n\n'),
      delta('m', 'const b = 2;\n```\n\n- last'),
    ]);
    expect(s.transcript.filter((e) => e.kind === 'message').map((e) => e.kind === 'message' && e.text)).toEqual(['## Plan', 'First para.', '```ts\nconst a = 1;\n\nconst b = 2;\n```']);
    expect(s.live).toEqual([{ kind: 'message', id: 'm', text: '- last', committed: '## Plan\n\nFirst para.\n\n```ts\nconst a = 1;\n\nconst b = 2;\n```\n\n'.length }]);
    const done = run([completed(message('m', '## Plan\n\nFirst para.\n\n```ts\nconst a = 1;\n\nconst b = 2;\n```\n\n- last item'))], s);
    expect(done.transcript.at(-1)).toMatchObject({ kind: 'message', text: '- last item' });
    expect(done.live).toEqual([]);
  });

  it('keeps only the tail of a long command output while it runs', () => {
    const events: AgentEvent[] = [started(command('c', 'seq 5000'))];
    for (let i = 1; i <= 5000; i++) events.push(delta('c', `${i}\n`));
    events.push(delta('c', 'partial'));
    const s = run(events);
    const live = s.live[0];
    expect(live?.kind).toBe('command');
    if (live?.kind !== 'command') return;
    expect(live.command.tail).toEqual(['4993', '4994', '4995', '4996', '4997', '4998', '4999', '5000']);
    expect(live.command.partial).toBe('partial');
    expect(live.command.lineCount).toBe(5000);
  });

  it('moves an item from live to the transcript when it completes', () => {
    const running = run([started(command('c', 'ls'))]);
    expect(running.live).toHaveLength(1);
    const done = run([completed(command('c', 'ls', { status: 'completed', exit_code: 0, duration_ms: 5, aggregated_output: 'a\nb\n' }))], running);
    expect(done.live).toHaveLength(0);
    expect(done.transcript.at(-1)).toMatchObject({ kind: 'command', command: { id: 'c', exitCode: 0, tail: ['a', 'b'] } });
  });

  it('drops the partial output of a retried request and records the retry', () => {
    const s = run([
      { type: 'turn.started', turn: 1 },
      started(message('m1', '', 'in_progress')),
      delta('m1', 'half an ans'),
      completed(message('m1', 'half an ans', 'failed')),
      { type: 'error', message: 'stream cut', will_retry: true, attempt: 2, delay_ms: 1000 },
    ]);
    expect(s.live).toEqual([]);
    expect(s.transcript.map((e) => e.kind)).toEqual(['header', 'retry']);
    expect(activityOf(s)).toBe('retrying (attempt 2)');
    const next = run([started(message('m2', '', 'in_progress'))], s);
    expect(next.status.retry).toBeNull();
  });

  it('shows a pending approval and records the decision', () => {
    const req = { tool: 'shell', command: 'curl example.com', cwd: '/home/dev/project', sandboxed: true, network: true, justification: 'fetch the schema', reason: 'asks for network' };
    const s = run([{ type: 'turn.started', turn: 1 }, started(approval('a1', req))]);
    expect(pendingApproval(s)).toMatchObject({ id: 'a1', command: 'curl example.com', network: true, sandboxed: true, justification: 'fetch the schema' });
    expect(activityOf(s)).toBe('waiting for approval');
    const after = run([completed(approval('a1', req, 'denied', 'declined'))], s);
    expect(pendingApproval(after)).toBeNull();
    expect(after.transcript.at(-1)).toMatchObject({ kind: 'approval', decision: 'denied', status: 'declined' });
  });

  it('settles what was still running when a turn fails (an interrupt)', () => {
    const s = run([
      { type: 'turn.started', turn: 2 },
      started(command('c', 'sleep 100')),
      started(message('m', '', 'in_progress')),
      delta('m', 'I was saying'),
      { type: 'turn.failed', turn: 2, error: { message: 'interrupted' } },
    ]);
    expect(s.live).toEqual([]);
    expect(s.status.busy).toBe(false);
    expect(s.transcript.map((e) => e.kind)).toEqual(['header', 'command', 'message', 'error']);
    expect(s.transcript.at(-1)).toMatchObject({ message: 'Turn 2 failed: interrupted' });
  });

  it('handles notices: summary and info to the transcript, diff opens and closes, exit sets the code', () => {
    const files = [{ path: 'a.ts', kind: 'update' as const, added: 3, removed: 1, binary: false }];
    let s = run([{ type: 'notice.summary', turn: 1, files }, { type: 'notice.info', title: 'Status', lines: ['ok'] }, { type: 'notice.warning', message: 'careful' }]);
    expect(s.transcript.map((e) => e.kind)).toEqual(['header', 'notice', 'notice', 'notice']);
    s = reduce(s, { type: 'notice.diff', files: [{ path: 'a.ts', stat: files[0]!, diff: '+x\n' }] });
    expect(s.diff).toHaveLength(1);
    s = reduce(s, { type: 'ui.closeDiff' });
    expect(s.diff).toBeNull();
    s = reduce(s, { type: 'notice.exit', code: 130 });
    expect(s.exitCode).toBe(130);
  });

  it('clears everything on notice.reset and starts a new epoch with the new header', () => {
    const before = run([{ type: 'turn.started', turn: 1 }, started(command('c', 'ls')), { type: 'notice.info', title: 'x', lines: [] }]);
    const info = sessionInfo({ runId: 'r-2', model: 'other' });
    const s = reduce(reduce(before, { type: 'ui.prompt', text: 'hi' }), { type: 'notice.reset', info });
    expect(s.epoch).toBe(before.epoch + 1);
    expect(s.transcript).toEqual([{ kind: 'header', key: `${s.epoch}.0`, info }]);
    expect(s.live).toEqual([]);
    expect(s.status.turn).toBe(0);
    expect(s.info.model).toBe('other');
  });

  it('echoes the person’s prompt as a transcript entry', () => {
    const s = reduce(initialState(sessionInfo()), { type: 'ui.prompt', text: 'fix the tests' });
    expect(s.transcript.at(-1)).toMatchObject({ kind: 'prompt', text: 'fix the tests' });
  });
});

describe('costOf', () => {
  it('prices uncached input, cached input and output per million tokens', () => {
    expect(costOf(usage(1_000_000, 1_000_000, 400_000), [2, 0.5, 8])).toBeCloseTo((600_000 * 2 + 400_000 * 0.5 + 1_000_000 * 8) / 1e6);
    expect(costOf(usage(10, 10), undefined)).toBeNull();
  });
});
