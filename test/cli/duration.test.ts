import { describe, expect, it } from 'vitest';
import { parseAge, parseDuration } from '../../src/cli/duration.ts';

describe('parseDuration', () => {
  it('reads units and bare seconds', () => {
    expect(parseDuration('90s')).toBe(90_000);
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(parseDuration('1500ms')).toBe(1500);
    expect(parseDuration('2')).toBe(2000);
    expect(parseDuration('0.5m')).toBe(30_000);
  });
  it('rejects nonsense and zero', () => {
    expect(() => parseDuration('soon')).toThrow(/invalid duration "soon"/);
    expect(() => parseDuration('0s')).toThrow(/more than zero/);
  });
});

describe('parseAge', () => {
  it.each([
    ['12h', 12 * 3_600_000],
    ['7d', 7 * 86_400_000],
    ['2w', 14 * 86_400_000],
    ['0d', 0],
    [' 3d ', 3 * 86_400_000],
  ])('%s', (text, ms) => {
    expect(parseAge(text)).toBe(ms);
  });
  it.each(['7', '7 days', '1.5d', '-1d', '7m', '1d12h', ''])('rejects %j', (text) => {
    expect(() => parseAge(text)).toThrow(/invalid age .* 12h, 7d, 2w/);
  });
});
