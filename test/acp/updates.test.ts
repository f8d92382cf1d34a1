import { describe, expect, it } from 'vitest';
import { OUTPUT_INTERVAL_MS, UpdateMapper } from '../../src/acp/updates.ts';
import type { AgentEvent, Item } from '../../src/protocol/events.ts';
import type { InteractiveEvent, Notice } from '../../src/protocol/interactive.ts';
import { expectValidAcp } from '../support/acp-schema.ts';

const REPO = '/home/me/proj';
let seq = 0;
const stamp = (e: AgentEvent): InteractiveEvent => ({ ...e, seq: ++seq, ts: '2026-12-07T08:00:00.000Z' }) as InteractiveEvent;
const started = (item: Item): InteractiveEvent => stamp({ type: 'item.started', item });
const completed = (item: Item): InteractiveEvent => stamp({ type: 'item.completed', item });
const delta = (id: string, text: string): InteractiveEvent => stamp({ type: 'item.delta', id, text });
const usage = { input_tokens: 1000, cached_input_tokens: 0, output_tokens: 200 };

const shell = (over: Partial<Extract<Item, { type: 'command_execution' }>> = {}): Extract<Item, { type: 'command_execution' }> => ({
  id: 'item_2',
  type: 'command_execution',
  command: 'npm test',
  cwd: '/work/copy',
  exit_code: null,
  aggregated_output: '',
  duration_ms: null,
  status: 'in_progress',
  ...over,
});

/** Feeds `events` to a fresh mapper (clock at 0, moved by `tick` entries) and checks every update against the schema. */
function run(events: (InteractiveEvent | { tick: number })[], scope: Partial<ConstructorParameters<typeof UpdateMapper>[0]> = {}): unknown[] {
  let now = 0;
  const mapper = new UpdateMapper({ repo: REPO, now: () => now, ...scope });
  const out: unknown[] = [];
  for (const e of events) {
    if ('tick' in e) now += e.tick;
    else out.push(...mapper.map(e));
  }
  for (const u of out) expectValidAcp('SessionNotification', { sessionId: 's', update: u });
  return out;
}

const text = (t: string) => ({ type: 'content', content: { type: 'text', text: t } });

describe('UpdateMapper: the event → update table', () => {
  const rows: { what: string; events: (InteractiveEvent | { tick: number })[]; want: unknown[]; scope?: Partial<ConstructorParameters<typeof UpdateMapper>[0]> }[] = [
    {
      what: 'thread.started, turn.started, turn.failed, thread.completed: nothing',
      events: [
        stamp({ type: 'thread.started', thread_id: 't', run_id: 'r', repo: REPO, working_copy: '/c', base_commit: null, model: 'm', provider: 'p', sandbox: { kind: 'bwrap', mode: 'workspace-write', network: false } as never, approval: 'on-request' }),
        stamp({ type: 'turn.started', turn: 1 }),
        stamp({ type: 'turn.failed', turn: 1, error: { message: 'x' } }),
      ],
      want: [],
    },
    {
      what: 'a streamed message: chunks per delta, the rest on completion',
      events: [started({ id: 'item_0', type: 'agent_message', text: '', status: 'in_progress' }), delta('item_0', 'Hel'), delta('item_0', 'lo'), completed({ id: 'item_0', type: 'agent_message', text: 'Hello world', status: 'completed' })],
      want: [
        { sessionUpdate: 'agent_message_chunk', content: { type: 'text', text: 'Hel' }, messageId: 'item_0' },
        { sessionUpdate: 'agent_message_chunk', content: { type: 'text', text: 'lo' }, messageId: 'item_0' },
        { sessionUpdate: 'agent_message_chunk', content: { type: 'text', text: ' world' }, messageId: 'item_0' },
      ],
    },
    {
      what: 'a message without deltas arrives whole; one fully streamed adds nothing',
      events: [
        completed({ id: 'item_0', type: 'agent_message', text: 'Whole', status: 'completed' }),
        started({ id: 'item_1', type: 'agent_message', text: '', status: 'in_progress' }),
        delta('item_1', 'All'),
        completed({ id: 'item_1', type: 'agent_message', text: 'All', status: 'completed' }),
      ],
      want: [
        { sessionUpdate: 'agent_message_chunk', content: { type: 'text', text: 'Whole' }, messageId: 'item_0' },
        { sessionUpdate: 'agent_message_chunk', content: { type: 'text', text: 'All' }, messageId: 'item_1' },
      ],
    },
    {
      what: 'reasoning as thought chunks; compaction\u2019s result follows its "Compacting…" as a paragraph',
      events: [
        started({ id: 'item_3', type: 'reasoning', text: 'Compacting the conversation…', status: 'in_progress' }),
        completed({ id: 'item_3', type: 'reasoning', text: 'Compacted the conversation.', status: 'completed' }),
      ],
      want: [
        { sessionUpdate: 'agent_thought_chunk', content: { type: 'text', text: 'Compacting the conversation…' }, messageId: 'item_3' },
        { sessionUpdate: 'agent_thought_chunk', content: { type: 'text', text: '\n\nCompacted the conversation.' }, messageId: 'item_3' },
      ],
    },
    {
      what: 'model text with terminal escapes is made visible',
      events: [started({ id: 'item_0', type: 'agent_message', text: '', status: 'in_progress' }), delta('item_0', 'hi\u001b]52;c;aGk=\u0007')],
      want: [{ sessionUpdate: 'agent_message_chunk', content: { type: 'text', text: 'hi␛]52;c;aGk=␇' }, messageId: 'item_0' }],
    },
    {
      what: 'a shell command: tool_call in progress, then completed with fenced output and exit',
      events: [started(shell()), completed(shell({ status: 'completed', exit_code: 0, aggregated_output: '\u001b[32mok\u001b[0m\n', duration_ms: 1200 }))],
      want: [
        { sessionUpdate: 'tool_call', toolCallId: 'item_2', title: 'npm test', kind: 'execute', status: 'in_progress', locations: [], rawInput: { command: 'npm test', cwd: '/work/copy' } },
        { sessionUpdate: 'tool_call_update', toolCallId: 'item_2', status: 'completed', content: [text('```\nok\n```\nexit 0 · 1.2s')], rawOutput: { exit_code: 0, duration_ms: 1200 } },
      ],
    },
    {
      what: 'a failing command ends failed; a declined one too, saying it did not run',
      events: [
        completed(shell({ id: 'item_4', status: 'failed', exit_code: 1, aggregated_output: 'FAIL', duration_ms: 10 })),
        completed(shell({ id: 'item_5', status: 'declined', aggregated_output: '' })),
      ],
      want: [
        { sessionUpdate: 'tool_call', toolCallId: 'item_4', title: 'npm test', kind: 'execute', status: 'failed', content: [text('```\nFAIL\n```\nexit 1 · 10ms')] },
        { sessionUpdate: 'tool_call', toolCallId: 'item_5', status: 'failed', content: [text('not run (denied)')] },
      ],
    },
    {
      what: 'a multi-line hostile command gets a one-line bounded title',
      events: [started(shell({ command: `echo \u001b[2J${'x'.repeat(100)}\nrm -rf /` }))],
      want: [{ sessionUpdate: 'tool_call', title: `echo ␛[2J${'x'.repeat(70)}…`, rawInput: { command: `echo ␛[2J${'x'.repeat(100)}\nrm -rf /` } }],
    },
    {
      what: 'read_file: kind read, title and absolute location, no content on success, the error on failure',
      events: [
        started(shell({ id: 'item_6', tool: 'read_file', command: 'read_file src/a.ts', paths: [{ path: 'src/a.ts', line: 40 }] })),
        completed(shell({ id: 'item_6', tool: 'read_file', command: 'read_file src/a.ts', paths: [{ path: 'src/a.ts', line: 40 }], status: 'completed', exit_code: 0, aggregated_output: 'secret file text' })),
        completed(shell({ id: 'item_7', tool: 'read_file', command: 'read_file nope.ts', status: 'failed', exit_code: 1, aggregated_output: 'no such file: nope.ts' })),
      ],
      want: [
        { sessionUpdate: 'tool_call', toolCallId: 'item_6', title: 'Read src/a.ts', kind: 'read', status: 'in_progress', locations: [{ path: '/home/me/proj/src/a.ts', line: 40 }] },
        { sessionUpdate: 'tool_call_update', toolCallId: 'item_6', status: 'completed', content: [] },
        { sessionUpdate: 'tool_call', toolCallId: 'item_7', title: 'Read nope.ts', kind: 'read', status: 'failed', locations: [{ path: '/home/me/proj/nope.ts' }], content: [text('```\nno such file: nope.ts\n```\nexit 1')] },
      ],
    },
    {
      what: 'read_file of a path out of the repository names no location',
      events: [started(shell({ tool: 'read_file', command: 'read_file ../../etc/passwd' }))],
      want: [{ sessionUpdate: 'tool_call', kind: 'read', locations: [] }],
    },
    {
      what: 'grep: kind search, the target as location, the matches as content',
      events: [
        started(shell({ id: 'item_8', tool: 'grep', command: "rg -n 'TODO' src", paths: [{ path: 'src' }] })),
        completed(shell({ id: 'item_8', tool: 'grep', command: "rg -n 'TODO' src", paths: [{ path: 'src' }], status: 'completed', exit_code: 0, aggregated_output: 'src/a.ts:3:// TODO' })),
      ],
      want: [
        { sessionUpdate: 'tool_call', toolCallId: 'item_8', title: "rg -n 'TODO' src", kind: 'search', locations: [{ path: '/home/me/proj/src' }] },
        { sessionUpdate: 'tool_call_update', toolCallId: 'item_8', status: 'completed', content: [text('```\nsrc/a.ts:3:// TODO\n```\nexit 0')] },
      ],
    },
    {
      what: 'an MCP call: kind other, `server: tool`, arguments in, result text out; an error fails it',
      events: [
        started({ id: 'item_9', type: 'mcp_tool_call', server: 'github', tool: 'mcp__github__search', arguments: { q: 'x' }, result: null, error: null, status: 'in_progress' }),
        completed({ id: 'item_9', type: 'mcp_tool_call', server: 'github', tool: 'mcp__github__search', arguments: { q: 'x' }, result: { content: [{ type: 'text', text: '3 issues' }] }, error: null, status: 'completed' }),
        completed({ id: 'item_10', type: 'mcp_tool_call', server: 'github', tool: 'mcp__github__search', arguments: {}, result: null, error: 'timed out', status: 'failed' }),
      ],
      want: [
        { sessionUpdate: 'tool_call', toolCallId: 'item_9', title: 'github: search', kind: 'other', status: 'in_progress', rawInput: { q: 'x' } },
        { sessionUpdate: 'tool_call_update', toolCallId: 'item_9', status: 'completed', content: [text('```\n3 issues\n```')] },
        { sessionUpdate: 'tool_call', toolCallId: 'item_10', status: 'failed', content: [text('Error: timed out')], rawOutput: { error: 'timed out' } },
      ],
    },
    {
      what: 'a patch: edit with locations, then a diff per file',
      events: [
        started({ id: 'item_11', type: 'file_change', changes: [{ path: 'src/a.ts', kind: 'update' }, { path: 'src/b.ts', kind: 'add' }], status: 'in_progress' }),
        completed({
          id: 'item_11',
          type: 'file_change',
          changes: [
            { path: 'src/a.ts', kind: 'update', diff: '@@ -1 +1 @@\n-return 1;\n+return 2;\n', lines_added: 1, lines_removed: 1 },
            { path: 'src/b.ts', kind: 'add', diff: '@@ -0,0 +1 @@\n+new\n', lines_added: 1, lines_removed: 0 },
          ],
          status: 'completed',
        }),
      ],
      want: [
        { sessionUpdate: 'tool_call', toolCallId: 'item_11', title: 'Edit src/a.ts, src/b.ts', kind: 'edit', status: 'in_progress', locations: [{ path: '/home/me/proj/src/a.ts' }, { path: '/home/me/proj/src/b.ts' }] },
        {
          sessionUpdate: 'tool_call_update',
          toolCallId: 'item_11',
          status: 'completed',
          content: [
            { type: 'diff', path: '/home/me/proj/src/a.ts', oldText: 'return 1;', newText: 'return 2;' },
            { type: 'diff', path: '/home/me/proj/src/b.ts', oldText: null, newText: 'new' },
          ],
        },
      ],
    },
    {
      what: 'deletes are kind delete, a lone move kind move; a failed patch says why',
      events: [
        started({ id: 'item_12', type: 'file_change', changes: [{ path: 'a', kind: 'delete' }, { path: 'b', kind: 'delete' }], status: 'in_progress' }),
        started({ id: 'item_13', type: 'file_change', changes: [{ path: 'a', kind: 'move', move_path: 'c' }], status: 'in_progress' }),
        completed({ id: 'item_14', type: 'file_change', changes: [{ path: 'a', kind: 'update' }], error: 'context not found', status: 'failed' }),
      ],
      want: [
        { sessionUpdate: 'tool_call', kind: 'delete', title: 'Delete a, b' },
        { sessionUpdate: 'tool_call', kind: 'move', title: 'Move a → c', locations: [{ path: '/home/me/proj/c' }] },
        { sessionUpdate: 'tool_call', toolCallId: 'item_14', kind: 'edit', status: 'failed', content: [text('Not applied: context not found')] },
      ],
    },
    {
      what: 'a plan: entries with medium priority, the explanation as a thought',
      events: [completed({ id: 'item_15', type: 'todo_list', items: [{ text: 'read', status: 'completed' }, { text: 'fix', status: 'in_progress' }, { text: 'test', status: 'pending' }], explanation: 'three steps', status: 'completed' })],
      want: [
        { sessionUpdate: 'agent_thought_chunk', content: { type: 'text', text: 'three steps\n' } },
        {
          sessionUpdate: 'plan',
          entries: [
            { content: 'read', priority: 'medium', status: 'completed' },
            { content: 'fix', priority: 'medium', status: 'in_progress' },
            { content: 'test', priority: 'medium', status: 'pending' },
          ],
        },
      ],
    },
    {
      what: 'a broken tool call is a failed tool call',
      events: [completed({ id: 'item_16', type: 'error', message: 'unknown tool frobnicate', status: 'failed' })],
      want: [{ sessionUpdate: 'tool_call', toolCallId: 'item_16', title: 'Tool call error', kind: 'other', status: 'failed', content: [text('```\nunknown tool frobnicate\n```')] }],
    },
    {
      what: 'a retry is a thought; an error without retry sends nothing',
      events: [stamp({ type: 'error', message: 'HTTP 503', will_retry: true, attempt: 2, delay_ms: 3000 }), stamp({ type: 'error', message: 'x', will_retry: false })],
      want: [{ sessionUpdate: 'agent_thought_chunk', content: { type: 'text', text: 'Retrying (attempt 2) in 3.0s: HTTP 503\n' } }],
    },
    {
      what: 'turn.completed: usage_update with the context and the cost when the window and prices are known',
      scope: { contextWindow: 272000, prices: [1.25, 0.125, 10] },
      events: [stamp({ type: 'turn.completed', turn: 1, usage, total_usage: usage, context_tokens: 1200 })],
      want: [{ sessionUpdate: 'usage_update', used: 1200, size: 272000, cost: { amount: 0.00325, currency: 'USD' } }],
    },
    {
      what: 'turn.completed without a price: no cost',
      scope: { contextWindow: 1000 },
      events: [stamp({ type: 'turn.completed', turn: 1, usage, total_usage: usage, context_tokens: 900 })],
      want: [{ sessionUpdate: 'usage_update', used: 900, size: 1000 }],
    },
    {
      what: 'turn.completed without a window or without context_tokens: no usage_update',
      events: [stamp({ type: 'turn.completed', turn: 1, usage, total_usage: usage, context_tokens: 900 })],
      want: [],
    },
  ];

  it.each(rows)('$what', ({ events, want, scope }) => {
    const out = run(events, scope);
    expect(out).toHaveLength(want.length);
    want.forEach((w, i) => expect(out[i]).toMatchObject(w as object));
  });

  it('turn.completed without context_tokens sends no usage_update even with a window', () => {
    expect(run([stamp({ type: 'turn.completed', turn: 1, usage, total_usage: usage })], { contextWindow: 1000 })).toEqual([]);
  });
});

describe('UpdateMapper: running command output', () => {
  it('sends output at most every 100 ms per tool call, the whole so far each time, and flush() sends what was held', () => {
    let now = 0;
    const mapper = new UpdateMapper({ repo: REPO, now: () => now });
    mapper.map(started(shell()));
    mapper.map(started(shell({ id: 'item_9' })));
    const first = mapper.map(delta('item_2', 'a\n'));
    expect(first).toEqual([{ sessionUpdate: 'tool_call_update', toolCallId: 'item_2', status: 'in_progress', content: [text('```\na\n```')] }]);
    now = OUTPUT_INTERVAL_MS - 1;
    expect(mapper.map(delta('item_2', 'b\n'))).toEqual([]);
    // Another tool call has its own clock.
    expect(mapper.map(delta('item_9', 'x'))).toHaveLength(1);
    now = OUTPUT_INTERVAL_MS;
    expect(mapper.map(delta('item_2', 'c\n'))).toEqual([{ sessionUpdate: 'tool_call_update', toolCallId: 'item_2', status: 'in_progress', content: [text('```\na\nb\nc\n```')] }]);
    now += 10;
    expect(mapper.map(delta('item_2', 'd'))).toEqual([]);
    expect(mapper.flush()).toEqual([{ sessionUpdate: 'tool_call_update', toolCallId: 'item_2', status: 'in_progress', content: [text('```\na\nb\nc\nd\n```')] }]);
    expect(mapper.flush()).toEqual([]);
    // The end carries everything; nothing is held for an ended call.
    mapper.map(delta('item_2', 'e'));
    const end = mapper.map(completed(shell({ status: 'completed', exit_code: 0, aggregated_output: 'a\nb\nc\nde', duration_ms: 5 })));
    expect(end[0]).toMatchObject({ status: 'completed', content: [text('```\na\nb\nc\nde\n```\nexit 0 · 5ms')] });
    expect(mapper.flush()).toEqual([]);
  });

  it('keeps only the tail of a flood of output, stripped of escapes', () => {
    let now = 0;
    const mapper = new UpdateMapper({ repo: REPO, now: () => now });
    mapper.map(started(shell()));
    const line = `\u001b[31m${'z'.repeat(90)}\u001b[0m\n`;
    let updates = 0;
    for (let i = 0; i < 5000; i++) {
      now += 1;
      updates += mapper.map(delta('item_2', line)).length;
    }
    // 5000 deltas over 5 s: one update per 100 ms at most.
    expect(updates).toBeLessThanOrEqual(50);
    const last = mapper.flush()[0] as { content: { content: { text: string } }[] };
    const shown = last.content[0]!.content.text;
    expect(shown.length).toBeLessThan(70 * 1024);
    expect(shown).toMatch(/^```\n… \(\d+ earlier characters left out\)\nz{90}\n/);
    expect(shown).not.toContain('\u001b');
    expectValidAcp('SessionUpdate', last);
  });
});

describe('UpdateMapper: approvals', () => {
  const approval = (over: Partial<Extract<Item, { type: 'approval' }>>): Extract<Item, { type: 'approval' }> => ({
    id: 'item_3',
    type: 'approval',
    request: { tool: 'shell', command: 'npm test', cwd: '/c', sandboxed: false, network: false, reason: 'r', item_id: 'item_2' },
    decision: null,
    status: 'in_progress',
    ...over,
  });

  it('pending: nothing (the session asks the editor)', () => {
    expect(run([started(shell()), started(approval({}))])).toHaveLength(1);
  });

  it('allowed by the person: the call is back in progress (the request showed it pending); denied: it ends failed by itself', () => {
    expect(run([started(shell()), completed(approval({ decision: 'approved_always', decided_by: 'approver', status: 'completed' }))])[1]).toEqual({
      sessionUpdate: 'tool_call_update',
      toolCallId: 'item_2',
      status: 'in_progress',
    });
    expect(run([started(shell()), completed(approval({ decision: 'denied', decided_by: 'approver', status: 'declined' }))])).toHaveLength(1);
  });

  const rows: { what: string; item: Extract<Item, { type: 'approval' }>; event: 'started' | 'completed'; line: string }[] = [
    { what: 'allowed by a rule', item: approval({ decision: 'approved', decided_by: 'rule', status: 'completed' }), event: 'completed', line: 'Allowed by your earlier "always".' },
    { what: 'denied by a deny rule', item: approval({ decision: 'denied', decided_by: 'rule', status: 'declined' }), event: 'completed', line: 'Denied by your earlier "always reject".' },
    { what: 'denied by the policy', item: approval({ decision: 'denied', decided_by: 'policy', status: 'declined' }), event: 'completed', line: 'Denied: the approval policy is never (mode "Never ask").' },
    { what: 'by the approver command, with its reason', item: approval({ decision: 'denied', decided_by: 'approver_command', reason: 'no network', status: 'declined' }), event: 'completed', line: 'Denied by your approver command (no network).' },
  ];
  it.each(rows)('$what', ({ item, event, line }) => {
    const denied = line.startsWith('Denied');
    const out = run([started(shell()), event === 'started' ? started(item) : completed(item), completed(shell({ status: denied ? 'declined' : 'completed', exit_code: denied ? null : 0 }))]);
    expect(out[1]).toEqual({ sessionUpdate: 'tool_call_update', toolCallId: 'item_2', ...(denied ? {} : { status: 'in_progress' }), content: [text(line)] });
    // The line stays on the card when the command ends.
    expect((out[2] as { content: unknown[] }).content[0]).toEqual(text(line));
  });
});

describe('UpdateMapper: notices', () => {
  const rows: { what: string; notice: Notice; want: unknown[] }[] = [
    {
      what: 'the end-of-turn summary names the files and /diff, /apply',
      notice: { type: 'notice.summary', turn: 1, files: [{ path: 'src/a.ts', kind: 'update', added: 3, removed: 1, binary: false }] },
      want: [
        {
          sessionUpdate: 'agent_message_chunk',
          messageId: 'notice_1',
          content: { type: 'text', text: "1 file changed in hew's copy (your repository is untouched):\n- src/a.ts +3 −1\n\n`/diff` to review, `/apply` to write them into your repository." },
        },
      ],
    },
    { what: 'an empty summary says nothing', notice: { type: 'notice.summary', turn: 1, files: [] }, want: [] },
    {
      what: '/diff is a read tool call with a diff per file',
      notice: { type: 'notice.diff', files: [{ path: 'a.ts', stat: { path: 'a.ts', kind: 'update', added: 1, removed: 1, binary: false }, diff: 'diff --git a/a.ts b/a.ts\n--- a/a.ts\n+++ b/a.ts\n@@ -1 +1 @@\n-x\n+y\n' }] },
      want: [
        {
          sessionUpdate: 'tool_call',
          toolCallId: 'notice_1',
          kind: 'read',
          status: 'completed',
          title: 'Changes in the working copy (1 file)',
          locations: [{ path: '/home/me/proj/a.ts' }],
          content: [{ type: 'diff', path: '/home/me/proj/a.ts', oldText: 'x', newText: 'y' }],
        },
      ],
    },
    {
      what: '/apply applied',
      notice: { type: 'notice.apply', ok: true, applied: [{ path: 'a.ts', action: 'update' }], conflicts: [], message: 'your tree: /home/me/proj' },
      want: [{ sessionUpdate: 'agent_message_chunk', content: { type: 'text', text: 'Applied to your repository (1 file):\n- a.ts (update)\n\nyour tree: /home/me/proj' } }],
    },
    {
      what: '/apply with conflicts',
      notice: { type: 'notice.apply', ok: false, applied: [], conflicts: [{ path: 'a.ts', reason: 'changed in your tree' }], message: 'nothing was written: 1 conflict with your tree' },
      want: [{ sessionUpdate: 'agent_message_chunk', content: { type: 'text', text: 'Not applied — nothing was written: 1 conflict with your tree:\n- a.ts: changed in your tree' } }],
    },
    {
      what: 'info in a code block under its title',
      notice: { type: 'notice.info', title: 'Status', lines: ['run  r1', 'model m'] },
      want: [{ sessionUpdate: 'agent_message_chunk', content: { type: 'text', text: '**Status**\n```\nrun  r1\nmodel m\n```' } }],
    },
    { what: 'a warning', notice: { type: 'notice.warning', message: 'MCP server x failed' }, want: [{ sessionUpdate: 'agent_message_chunk', content: { type: 'text', text: 'Warning: MCP server x failed' } }] },
    { what: 'an error', notice: { type: 'notice.error', message: 'no step 9' }, want: [{ sessionUpdate: 'agent_message_chunk', content: { type: 'text', text: 'Error: no step 9' } }] },
    { what: 'exit: nothing', notice: { type: 'notice.exit', code: 0 }, want: [] },
  ];
  it.each(rows)('$what', ({ notice, want }) => {
    const out = run([notice]);
    expect(out).toHaveLength(want.length);
    want.forEach((w, i) => expect(out[i]).toMatchObject(w as object));
  });

  it('/new: says the new run, sends the commands again, and the new thread\u2019s items get other ids', () => {
    const info = { runId: 'r2', repo: REPO, workingCopy: '/c2', model: 'm', provider: 'p', sandbox: 's', approval: 'on-request', network: false, projectDocs: [] };
    const out = run([started(shell()), { type: 'notice.reset', info }, started(shell()), completed(shell({ status: 'completed', exit_code: 0 }))]);
    expect(out[1]).toMatchObject({ sessionUpdate: 'agent_message_chunk', content: { type: 'text', text: 'New run r2 on a fresh copy of your repository.' } });
    expect(out[2]).toMatchObject({ sessionUpdate: 'available_commands_update' });
    expect(out[3]).toMatchObject({ sessionUpdate: 'tool_call', toolCallId: 'r2/item_2' });
    expect(out[4]).toMatchObject({ sessionUpdate: 'tool_call_update', toolCallId: 'r2/item_2' });
  });

  it('toolCallId follows the prefix', () => {
    const mapper = new UpdateMapper({ repo: REPO, idPrefix: 'earlier/' });
    expect(mapper.toolCallId('item_2')).toBe('earlier/item_2');
    expect(mapper.map(started(shell()))[0]).toMatchObject({ toolCallId: 'earlier/item_2' });
  });
});
