import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { replayUpdates } from '../../src/acp/replay.ts';
import { expectValidAcp } from '../support/acp-schema.ts';

const REPO = '/home/me/proj';
const dir = mkdtempSync(path.join(tmpdir(), 'hew-acp-replay-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
function eventsFile(lines: (object | string)[]): string {
  const file = path.join(dir, `events-${++n}.jsonl`);
  writeFileSync(file, lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n');
  return file;
}

const ts = '2026-12-07T08:00:00.000Z';
const cmd = { type: 'command_execution', command: 'npm test', cwd: '/c', exit_code: 1, aggregated_output: 'FAIL', duration_ms: 20 };

describe('replayUpdates', () => {
  it('replays prompts as user messages and the rest as a live session would, whole and in order', () => {
    const file = eventsFile([
      { type: 'thread.started', seq: 1, ts, thread_id: 't', run_id: 'r1', repo: REPO },
      { type: 'hew.session', ts, instructions: 'SYSTEM PROMPT', model: 'm', provider: 'p' },
      { type: 'hew.items', ts, items: [{ type: 'message', role: 'developer', content: 'dev note' }, { type: 'message', role: 'user', content: 'fix the test\n\n<stdin>\nlog\n</stdin>' }] },
      { type: 'turn.started', seq: 2, ts, turn: 1 },
      { type: 'item.started', seq: 3, ts, item: { id: 'item_0', type: 'reasoning', text: '', status: 'in_progress' } },
      { type: 'item.completed', seq: 4, ts, item: { id: 'item_0', type: 'reasoning', text: 'think', status: 'completed' } },
      { type: 'item.started', seq: 5, ts, item: { id: 'item_1', ...cmd, exit_code: null, aggregated_output: '', duration_ms: null, status: 'in_progress' } },
      { type: 'item.started', seq: 6, ts, item: { id: 'item_2', type: 'approval', request: { tool: 'shell', command: 'npm test', cwd: '/c', sandboxed: false, network: false, reason: 'r', item_id: 'item_1' }, decision: null, status: 'in_progress' } },
      { type: 'item.completed', seq: 7, ts, item: { id: 'item_2', type: 'approval', request: { tool: 'shell', command: 'npm test', cwd: '/c', sandboxed: false, network: false, reason: 'r', item_id: 'item_1' }, decision: 'approved', decided_by: 'rule', status: 'completed' } },
      { type: 'hew.items', ts, items: [{ type: 'function_call', call_id: 'c', name: 'shell', arguments: '{}' }, { type: 'function_call_output', call_id: 'c', output: 'FAIL' }] },
      { type: 'item.completed', seq: 8, ts, item: { id: 'item_1', ...cmd, status: 'failed' } },
      { type: 'item.completed', seq: 9, ts, item: { id: 'item_3', type: 'agent_message', text: 'Fixed it.', status: 'completed' } },
      { type: 'turn.completed', seq: 10, ts, turn: 1, usage: { input_tokens: 10, cached_input_tokens: 0, output_tokens: 5 }, total_usage: { input_tokens: 10, cached_input_tokens: 0, output_tokens: 5 }, context_tokens: 15 },
      { type: 'hew.items', ts, items: [{ type: 'message', role: 'user', content: '[summary of the earlier conversation]\nold stuff' }, { type: 'message', role: 'user', content: 'and the docs' }] },
      { type: 'hew.replaced', ts, items: [] },
      { type: 'turn.failed', seq: 11, ts, turn: 2, error: { message: 'interrupted' } },
      { type: 'hew.rewound', ts, step: 3 },
      { type: 'item.started', seq: 12, ts, item: { id: 'item_4', ...cmd, command: 'sleep 30', exit_code: null, status: 'in_progress' } },
      '{"type":"item.completed","seq":13,', // a torn last line
    ]);
    const out = replayUpdates(file, { repo: REPO, contextWindow: 1000 });
    for (const u of out) expectValidAcp('SessionNotification', { sessionId: 'r1', update: u });
    const text = (u: unknown): string => ((u as { content?: { text?: string } }).content?.text ?? '');
    expect(out.map((u) => (u as { sessionUpdate: string }).sessionUpdate)).toEqual([
      'user_message_chunk',
      'agent_thought_chunk',
      'tool_call',
      'agent_message_chunk',
      'usage_update',
      'user_message_chunk',
      'agent_message_chunk',
      'agent_message_chunk',
      'agent_message_chunk',
    ]);
    expect(text(out[0])).toBe('fix the test\n\n(with piped input)');
    expect(text(out[1])).toBe('think');
    // One card per tool item, with its final status, and the approval's line on it; ids apart from the live session's.
    expect(out[2]).toMatchObject({
      sessionUpdate: 'tool_call',
      toolCallId: 'earlier/item_1',
      title: 'npm test',
      kind: 'execute',
      status: 'failed',
      content: [
        { type: 'content', content: { type: 'text', text: 'Allowed by your earlier "always".' } },
        { type: 'content', content: { type: 'text', text: '```\nFAIL\n```\nexit 1 · 20ms' } },
      ],
    });
    expect(out[3]).toMatchObject({ messageId: 'earlier/item_3', content: { text: 'Fixed it.' } });
    expect(out[4]).toMatchObject({ used: 15, size: 1000 });
    expect(text(out[5])).toBe('and the docs');
    expect(text(out[6])).toMatch(/compacted here/);
    expect(text(out[7])).toBe('Turn 2 was interrupted');
    expect(text(out[8])).toBe('↺ Rewound to step 3.');
    // The system prompt, developer notes and tool output are not the user's words.
    expect(JSON.stringify(out)).not.toMatch(/SYSTEM PROMPT|dev note|old stuff/);
  });

  it('a missing events.jsonl replays nothing', () => {
    expect(replayUpdates(path.join(dir, 'none.jsonl'), { repo: REPO })).toEqual([]);
  });

  it('model text in a replay is made safe as live', () => {
    const file = eventsFile([{ type: 'item.completed', seq: 1, ts, item: { id: 'item_0', type: 'agent_message', text: 'x\u001b]52;c;aGk=\u0007', status: 'completed' } }]);
    expect(replayUpdates(file, { repo: REPO })).toEqual([{ sessionUpdate: 'agent_message_chunk', content: { type: 'text', text: 'x␛]52;c;aGk=␇' }, messageId: 'earlier/item_0' }]);
  });
});
