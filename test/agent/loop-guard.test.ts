// The loop guard: which repeated failing calls get a nudge, and which do not.
import { describe, expect, it } from 'vitest';
import { LoopGuard, normaliseArguments } from '../../src/agent/loop-guard.ts';

const ERR = 'File not found: nope.txt';

describe('LoopGuard', () => {
  it('nudges the second failure in a row of the same call, and counts on', () => {
    const g = new LoopGuard();
    expect(g.record('read_file', '{"path":"nope.txt"}', true, ERR)).toBeNull();
    expect(g.record('read_file', '{ "path": "nope.txt" }', true, ERR)).toContain('failed 2 times with the same result');
    expect(g.record('read_file', '{"path":"nope.txt"}', true, ERR)).toContain('failed 3 times');
  });

  it('nudges the third failure among the last calls even with other calls between', () => {
    const g = new LoopGuard();
    expect(g.record('shell', '{"command":"make"}', true, 'exit 2')).toBeNull();
    expect(g.record('read_file', '{"path":"Makefile"}', false, 'all:')).toBeNull();
    expect(g.record('shell', '{"command":"make"}', true, 'exit 2')).toBeNull();
    expect(g.record('grep', '{"pattern":"x"}', false, 'x')).toBeNull();
    const nudge = g.record('shell', '{"command":"make"}', true, 'exit 2 again');
    expect(nudge).toContain('failed 3 times.');
    expect(nudge).not.toContain('with the same result'); // the outputs differed
  });

  it('does not nudge different arguments, a success in between, or calls that succeed', () => {
    const g = new LoopGuard();
    expect(g.record('read_file', '{"path":"a"}', true, ERR)).toBeNull();
    expect(g.record('read_file', '{"path":"b"}', true, ERR)).toBeNull();
    expect(g.record('read_file', '{"path":"a"}', false, 'ok')).toBeNull();
    expect(g.record('read_file', '{"path":"a"}', true, ERR)).toBeNull();
    expect(g.record('read_file', '{"path":"c"}', false, 'ok')).toBeNull();
    expect(g.record('read_file', '{"path":"c"}', false, 'ok')).toBeNull();
  });

  it('forgets calls older than its window', () => {
    const g = new LoopGuard(3);
    g.record('x', '{}', true, 'e');
    g.record('y', '{}', false, 'ok');
    g.record('z', '{}', false, 'ok');
    g.record('x', '{}', true, 'e');
    g.record('w', '{}', false, 'ok');
    expect(g.record('x', '{}', true, 'e')).toBeNull(); // the first failure has left the window
  });

  it('normalises key order and surrounding whitespace, not content', () => {
    expect(normaliseArguments('{"b":1,"a":" x "}')).toBe(normaliseArguments('{"a":"x","b":1}'));
    expect(normaliseArguments('{"a":"x y"}')).not.toBe(normaliseArguments('{"a":"xy"}'));
    expect(normaliseArguments(' not json ')).toBe('not json');
  });
});
