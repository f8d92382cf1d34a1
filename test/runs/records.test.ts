// Replaying hew's internal records: items append, replaced sets, rewound truncates (and forgets later
// checkpoints); SPEC events are ignored; a torn last line in events.jsonl is skipped.
import { appendFileSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ConversationItem } from '../../src/model/types.ts';
import { checkpointFor, readConversation, unansweredCalls } from '../../src/runs/records.ts';
import { RunStore } from '../../src/runs/store.ts';
import { tempDir } from '../support/fixtures.ts';

const user = (content: string): ConversationItem => ({ type: 'message', role: 'user', content });
const dev = (content: string): ConversationItem => ({ type: 'message', role: 'developer', content });
const call = (id: string): ConversationItem => ({ type: 'function_call', call_id: id, name: 'shell', arguments: '{}' });
const out = (id: string): ConversationItem => ({ type: 'function_call_output', call_id: id, output: 'ok' });

describe('readConversation', () => {
  it('appends items in order, keeps the latest instructions, ignores SPEC events', () => {
    const replayed = readConversation([
      { type: 'hew.session', instructions: 'first', model: 'm', provider: 'p' },
      { type: 'thread.started' },
      { type: 'hew.items', items: [dev('context')], step: 0 },
      { type: 'hew.items', items: [user('hi')], step: 0 },
      { type: 'item.completed' },
      { type: 'hew.items', items: [call('a')], step: 1 },
      { type: 'hew.items', items: [out('a')], step: 1 },
      { type: 'hew.session', instructions: 'second', model: 'm2', provider: 'p' },
    ]);
    expect(replayed.items).toEqual([dev('context'), user('hi'), call('a'), out('a')]);
    expect(replayed.instructions).toBe('second');
    expect(replayed.lastStep).toBe(1);
    expect(replayed.baseItems).toBe(1);
  });

  it('replaced sets the whole list and keeps earlier checkpoints (and step 0) reachable', () => {
    const replayed = readConversation([
      { type: 'hew.items', items: [user('a'), call('x'), out('x')], step: 1 },
      { type: 'hew.checkpoint', step: 1, commit: 'c1', items: 3 },
      { type: 'hew.replaced', items: [dev('summary')] },
      { type: 'hew.items', items: [user('b')], step: 1 },
    ]);
    expect(replayed.items).toEqual([dev('summary'), user('b')]);
    expect(replayed.checkpoints).toEqual([{ step: 1, commit: 'c1', items: 3, generation: 0 }]);
    expect(replayed.baseItems).toBe(0);
    expect(replayed.generations).toEqual([[user('a'), call('x'), out('x')]]);
  });

  // A run that compacted after step 2 and then went on to step 3; each row rewinds to a step.
  const compacted = [
    { type: 'hew.items', items: [dev('ctx'), user('go')], step: 0 },
    { type: 'hew.items', items: [call('p1'), out('p1')], step: 1 },
    { type: 'hew.checkpoint', step: 1, commit: 'c1', items: 4 },
    { type: 'hew.items', items: [call('p2'), out('p2')], step: 2 },
    { type: 'hew.checkpoint', step: 2, commit: 'c2', items: 6 },
    { type: 'hew.replaced', items: [dev('summary')] },
    { type: 'hew.items', items: [user('more'), call('p3'), out('p3')], step: 3 },
    { type: 'hew.checkpoint', step: 3, commit: 'c3', items: 4 },
  ];
  it.each([
    { step: 0, commit: 'base', generation: 0, items: [dev('ctx')] },
    { step: 1, commit: 'c1', generation: 0, items: [dev('ctx'), user('go'), call('p1'), out('p1')] },
    { step: 2, commit: 'c2', generation: 0, items: [dev('ctx'), user('go'), call('p1'), out('p1'), call('p2'), out('p2')] },
    { step: 3, commit: 'c3', generation: 1, items: [dev('summary'), user('more'), call('p3'), out('p3')] },
  ])('after a compaction, rewinding to step $step restores $commit and the conversation of generation $generation', ({ step, commit, generation, items }) => {
    const target = checkpointFor(readConversation(compacted), step, 'base');
    expect(target).toMatchObject({ commit, generation });
    const after = readConversation([...compacted, { type: 'hew.rewound', step, commit, items: target?.items ?? -1, generation }]);
    expect(after.items).toEqual(items);
    expect(after.checkpoints.every((c) => c.step <= step)).toBe(true);
    // The conversation goes on from there: a new item appends to the restored generation.
    const next = readConversation([...compacted, { type: 'hew.rewound', step, commit, items: target?.items ?? -1, generation }, { type: 'hew.items', items: [user('again')], step }]);
    expect(next.items).toEqual([...items, user('again')]);
  });

  it('a rewound record without a generation (written before compaction kept checkpoints) cuts the current conversation', () => {
    const replayed = readConversation([...compacted, { type: 'hew.rewound', step: 3, commit: 'c3', items: 2 }]);
    expect(replayed.items).toEqual([dev('summary'), user('more')]);
  });

  it('rewound truncates to the checkpoint, forgets later checkpoints and numbers steps from there', () => {
    const replayed = readConversation([
      { type: 'hew.items', items: [dev('ctx'), user('go')], step: 0 },
      { type: 'hew.items', items: [call('p1')], step: 1 },
      { type: 'hew.items', items: [out('p1')], step: 1 },
      { type: 'hew.checkpoint', step: 1, commit: 'c1', items: 4 },
      { type: 'hew.items', items: [call('p2')], step: 2 },
      { type: 'hew.items', items: [out('p2')], step: 2 },
      { type: 'hew.checkpoint', step: 2, commit: 'c2', items: 6 },
      { type: 'hew.rewound', step: 1, commit: 'c1', items: 4 },
      { type: 'hew.items', items: [user('again')], step: 1 },
    ]);
    expect(replayed.items).toEqual([dev('ctx'), user('go'), call('p1'), out('p1'), user('again')]);
    expect(replayed.checkpoints).toEqual([{ step: 1, commit: 'c1', items: 4, generation: 0 }]);
    expect(replayed.lastStep).toBe(1);
  });

  it('finds the checkpoint for a step: the latest at or before it, 0 the base, past the end none', () => {
    const replayed = readConversation([
      { type: 'hew.items', items: [dev('ctx'), user('go')], step: 0 },
      { type: 'hew.items', items: [call('p1'), out('p1')], step: 1 },
      { type: 'hew.checkpoint', step: 1, commit: 'c1', items: 4 },
      { type: 'hew.items', items: [call('r'), out('r')], step: 2 },
      { type: 'hew.items', items: [call('p3'), out('p3')], step: 3 },
      { type: 'hew.checkpoint', step: 3, commit: 'c3', items: 8 },
    ]);
    expect(checkpointFor(replayed, 0, 'base')).toEqual({ step: 0, commit: 'base', items: 1, generation: 0 });
    expect(checkpointFor(replayed, 2, 'base')).toEqual({ step: 1, commit: 'c1', items: 4, generation: 0 });
    expect(checkpointFor(replayed, 3, 'base')?.commit).toBe('c3');
    expect(checkpointFor(replayed, 4, 'base')).toBeNull();
    expect(checkpointFor(replayed, Number.NaN, 'base')).toBeNull();
  });

  it('lists calls that never got an output', () => {
    expect(unansweredCalls([user('x'), call('a'), out('a'), call('b'), call('c'), out('c')])).toEqual(['b']);
  });
});

describe('records in events.jsonl', () => {
  it('are stamped, kept apart from SPEC events, and a torn last line is skipped', () => {
    const store = new RunStore(tempDir('hew-records-'), { env: {} });
    const run = store.create({ repo: '/tmp/x', title: 't', model: 'm', provider: 'p' });
    run.appendEvent({ type: 'turn.started', turn: 1, seq: 1, ts: new Date().toISOString() });
    run.appendRecord({ type: 'hew.items', items: [user('hello')], step: 0 });
    run.appendRecord({ type: 'hew.items', items: [call('a')], step: 1 });
    // A writer killed mid-line.
    appendFileSync(run.eventsPath, '{"type":"hew.items","items":[{"type":"function_call_output","call_id":"a","out');
    expect(run.readEvents().map((e) => e.type)).toEqual(['turn.started']);
    const records = run.readRecords();
    expect(records.map((r) => r.type)).toEqual(['hew.items', 'hew.items']);
    expect(typeof records[0]?.ts).toBe('string');
    expect(readConversation(records).items).toEqual([user('hello'), call('a')]);
    // The next writer starts on a fresh line, so its record is readable too.
    const again = store.open(run.id);
    again.appendRecord({ type: 'hew.items', items: [out('a')], step: 1 });
    expect(readConversation(again.readLines()).items).toEqual([user('hello'), call('a'), out('a')]);
    expect(readFileSync(run.eventsPath, 'utf8').split('\n').filter((l) => l.includes('"seq"'))).toHaveLength(1);
  });
});
