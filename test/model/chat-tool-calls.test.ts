// The Chat tool-call accumulator on fragment sequences the scripted server does not produce.
import { describe, expect, it } from 'vitest';
import { ToolCallAccumulator } from '../../src/model/chat-tool-calls.ts';

describe('ToolCallAccumulator', () => {
  it('generates a call id when the provider gives none', () => {
    const acc = new ToolCallAccumulator();
    acc.add({ index: 0, function: { name: 'shell', arguments: '{"command":' } });
    acc.add({ index: 0, function: { arguments: '"ls"}' } });
    const [call] = acc.finish();
    expect(call?.name).toBe('shell');
    expect(call?.arguments).toBe('{"command":"ls"}');
    expect(call?.call_id).toMatch(/^call_[0-9a-f]{24}$/);
  });

  it('starts a new call when a new id reuses an index (providers that always send index 0)', () => {
    const acc = new ToolCallAccumulator();
    acc.add({ index: 0, id: 'a', function: { name: 'read_file', arguments: '{"path":"x"}' } });
    acc.add({ index: 0, id: 'b', function: { name: 'read_file', arguments: '{"path":"y"}' } });
    expect(acc.finish().map((c) => [c.call_id, c.arguments])).toEqual([['a', '{"path":"x"}'], ['b', '{"path":"y"}']]);
  });

  it('without an index, continues the last call until a new id appears', () => {
    const acc = new ToolCallAccumulator();
    acc.add({ id: 'a', function: { name: 'shell', arguments: '' } });
    acc.add({ function: { arguments: '{"command":"pwd"}' } });
    acc.add({ id: 'b', function: { name: 'grep', arguments: '{"pattern"' } });
    acc.add({ function: { arguments: ':"x"}' } });
    expect(acc.finish()).toEqual([
      { call_id: 'a', name: 'shell', arguments: '{"command":"pwd"}' },
      { call_id: 'b', name: 'grep', arguments: '{"pattern":"x"}' },
    ]);
  });

  it('once a provider is seen appending, a fragment that repeats the prefix is appended', () => {
    const acc = new ToolCallAccumulator();
    acc.add({ index: 0, id: 'a', function: { name: 'f', arguments: '{"a":' } });
    acc.add({ index: 0, function: { arguments: '1,' } });
    acc.add({ index: 0, function: { arguments: '"b":2}' } });
    acc.add({ index: 1, id: 'b', function: { name: 'g', arguments: '{"a":' } });
    acc.add({ index: 1, function: { arguments: '{"a":1}}' } }); // nested object that repeats the prefix
    expect(acc.finish().map((c) => c.arguments)).toEqual(['{"a":1,"b":2}', '{"a":{"a":1}}']);
  });

  it('orders calls by index even when they start out of order', () => {
    const acc = new ToolCallAccumulator();
    acc.add({ index: 1, id: 'second', function: { name: 'g', arguments: '{}' } });
    acc.add({ index: 0, id: 'first', function: { name: 'f', arguments: '{}' } });
    expect(acc.finish().map((c) => c.call_id)).toEqual(['first', 'second']);
  });
});
