// Compaction in-process: the real model client over HTTP to the scripted server, real tools, a temp
// directory, a small configured context window. The summary is a normal request the server sees.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SUMMARY_INSTRUCTIONS, SUMMARY_MARKER, splitForCompaction } from '../../src/agent/compaction.ts';
import type { AgentEvent } from '../../src/protocol/events.ts';
import { Session } from '../../src/agent/session.ts';
import type { LongRunOptions } from '../../src/agent/long-run.ts';
import { createModelClient } from '../../src/model/client.ts';
import type { ConversationItem } from '../../src/model/types.ts';
import { createNoneSandbox } from '../../src/sandbox/none.ts';
import { builtinTools, toolSpecs } from '../../src/tools/registry.ts';
import { tempDir } from '../support/fixtures.ts';
import { startModelServer } from '../support/model-server.ts';
import type { ModelServer, RecordedRequest, ScriptedTurn } from '../support/model-server.ts';

let server: ModelServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A file of `lines` lines, each carrying `tag`, so a request's text shows whether it holds the file. */
function bigFile(root: string, name: string, tag: string, lines: number): void {
  writeFileSync(join(root, name), Array.from({ length: lines }, (_, i) => `${tag} line ${i} of the file ${name}`).join('\n') + '\n');
}

const isSummary = (r: RecordedRequest): boolean => r.body?.instructions === SUMMARY_INSTRUCTIONS;

/** Agent steps answer from `steps` in order; a summary request gets a fixed summary. */
function script(steps: ScriptedTurn[]) {
  let n = 0;
  return (req: RecordedRequest): ScriptedTurn =>
    isSummary(req) ? { outputs: [{ text: 'SUMMARY-7Q: read a.txt and b.txt; next read c.txt.' }] } : (steps[n++] ?? { outputs: [{ text: 'out of script' }] });
}

async function session(steps: ScriptedTurn[], longRun: LongRunOptions) {
  server = await startModelServer(script(steps));
  const root = tempDir('hew-compact-');
  bigFile(root, 'a.txt', 'OLD-ALPHA', 40);
  bigFile(root, 'b.txt', 'OLD-BRAVO', 40);
  bigFile(root, 'c.txt', 'NEW-CHARLIE', 40);
  bigFile(root, 'huge.txt', 'HUGE', 400);
  const events: AgentEvent[] = [];
  const tools = builtinTools();
  const s = new Session({
    model: createModelClient({ provider: 'openai', model: 'm', baseURL: server.url, apiKey: 'k', wireApi: 'responses', retry: { baseDelayMs: 1, maxDelayMs: 5 } }),
    tools,
    toolSpecs: toolSpecs(tools),
    instructions: 'test',
    toolContext: { root, sandbox: createNoneSandbox() },
    emit: (e) => events.push(e),
    longRun,
  });
  return { s, events };
}

const read = (path: string): ScriptedTurn => ({ outputs: [{ tool: 'read_file', args: { path } }] });
const text = (r: RecordedRequest): string => JSON.stringify(r.body?.input ?? []);

describe('compaction', () => {
  it('summarises the older part when the window fills, keeps the recent part verbatim, and finishes', async () => {
    const { s, events } = await session([read('a.txt'), read('b.txt'), read('c.txt'), { outputs: [{ text: 'All read.' }] }], { contextWindow: 3000 });
    const outcome = await s.turn('read the three files, TASK-9X', new AbortController().signal);
    expect(outcome).toEqual({ status: 'completed', finalMessage: 'All read.' });

    const requests = server!.requests;
    const at = requests.findIndex(isSummary);
    expect(at).toBeGreaterThan(0);
    const summaryReq = requests[at]!;
    expect(summaryReq.body.tools ?? []).toEqual([]);
    expect(text(summaryReq)).toContain('OLD-ALPHA');

    const next = requests[at + 1]!;
    const input = text(next);
    expect(input).toContain(SUMMARY_MARKER);
    expect(input).toContain('SUMMARY-7Q');
    expect(input).toContain('TASK-9X'); // the task stays verbatim
    expect(input).not.toContain('OLD-ALPHA'); // the oldest output is gone
    // Every request after the summary is smaller than the one before it.
    expect(next.bytes).toBeLessThan(requests[at - 1]!.bytes);
    // The last request still holds the most recent output verbatim.
    expect(text(requests.at(-1)!)).toContain('NEW-CHARLIE line 39');

    const note = events.find((e) => e.type === 'item.completed' && e.item.type === 'reasoning' && e.item.text.startsWith('Compacted the conversation'));
    expect(note).toBeDefined();
    // The summary request's tokens are part of the turn's usage.
    const done = events.find((e) => e.type === 'turn.completed');
    expect(done?.type === 'turn.completed' && done.usage.input_tokens).toBeGreaterThan(Math.ceil(summaryReq.bytes / 4) - 1);
  });

  it('ends as budget_exceeded when even the recent part does not fit', async () => {
    const { s, events } = await session([read('a.txt'), read('b.txt'), read('huge.txt'), { outputs: [{ text: 'never' }] }], { contextWindow: 3000 });
    const outcome = await s.turn('read them', new AbortController().signal);
    expect(outcome.status).toBe('budget_exceeded');
    if (outcome.status === 'budget_exceeded') expect(outcome.reason).toMatch(/could not be compacted further/);
    expect(server!.requests.some(isSummary)).toBe(true);
    expect(server!.requests.some((r) => text(r).includes('never'))).toBe(false);
    expect(events.some((e) => e.type === 'turn.failed')).toBe(true);
  });

  it('a context_length error from the provider triggers one compaction, then the step is retried', async () => {
    const full: ScriptedTurn = { fault: { kind: 'status', status: 400, body: { error: { message: 'This model maximum context length is exceeded.', type: 'invalid_request_error', param: 'input', code: 'context_length_exceeded' } } } };
    const { s } = await session([read('a.txt'), read('b.txt'), read('c.txt'), full, { outputs: [{ text: 'Fits now.' }] }], { contextWindow: 100_000 });
    const outcome = await s.turn('read them TASK-3', new AbortController().signal);
    expect(outcome).toEqual({ status: 'completed', finalMessage: 'Fits now.' });
    const requests = server!.requests;
    const at = requests.findIndex(isSummary);
    expect(at).toBe(4); // three steps, the refused request, then the summary
    expect(text(requests[5]!)).toContain('SUMMARY-7Q');
    expect(text(requests[5]!)).not.toContain('OLD-ALPHA');
    expect(s.steps).toBe(4);
  });

  it('a second context_length error after compacting ends the turn as budget_exceeded', async () => {
    const full: ScriptedTurn = { fault: { kind: 'status', status: 400, body: { error: { message: 'too long', type: 'invalid_request_error', param: 'input', code: 'context_length_exceeded' } } } };
    const { s } = await session([read('a.txt'), read('b.txt'), full, full, full], { contextWindow: 100_000 });
    const outcome = await s.turn('read them', new AbortController().signal);
    expect(outcome.status).toBe('budget_exceeded');
    expect(server!.requests.filter(isSummary)).toHaveLength(1);
  });

  it('/compact by hand: compacts between turns, and says when there is nothing to compact', async () => {
    const { s } = await session([read('a.txt'), { outputs: [{ text: 'Read a.' }] }, { outputs: [{ text: 'Next.' }] }], { contextWindow: 100_000 });
    expect((await s.compact(new AbortController().signal)).compacted).toBe(false);
    await s.turn('first TASK-1', new AbortController().signal);
    await s.turn('second TASK-2', new AbortController().signal);
    const result = await s.compact(new AbortController().signal);
    expect(result.compacted).toBe(true);
    const items = JSON.stringify(s.conversation.items);
    expect(items).toContain('SUMMARY-7Q');
    expect(items).not.toContain('OLD-ALPHA');
    expect(items).toContain('TASK-2');
  });
});

describe('splitForCompaction', () => {
  const user = (content: string): ConversationItem => ({ type: 'message', role: 'user', content });
  const call = (id: string): ConversationItem => ({ type: 'function_call', call_id: id, name: 'shell', arguments: '{}' });
  const out = (id: string, size = 10): ConversationItem => ({ type: 'function_call_output', call_id: id, output: 'x'.repeat(size) });

  it('never parts a call from its output and keeps leading developer messages and the task', () => {
    const items: ConversationItem[] = [
      { type: 'message', role: 'developer', content: 'AGENTS' },
      user('task'),
      call('1'), out('1', 4000),
      { type: 'reasoning', text: 'think' }, call('2'), call('3'), out('2'), out('3'),
    ];
    const split = splitForCompaction(items, 100);
    expect(split.head).toEqual([items[0]]);
    expect(split.task).toEqual(items[1]);
    expect(split.recent).toEqual(items.slice(4));
    expect(split.older).toEqual(items.slice(2, 4));
  });
});
