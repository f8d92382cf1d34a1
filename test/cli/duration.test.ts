import { describe, expect, it } from 'vitest';
import { parseDuration } from '../../src/cli/duration.ts';

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
