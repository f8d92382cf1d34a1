// The one money format: a table of amounts and their text, and the unknown case.
import { describe, expect, it } from 'vitest';
import { costText, formatCost } from '../../src/format/cost.ts';

describe('formatCost', () => {
  const table: [number, string][] = [
    [0, '$0.00'],
    [0.00004, '<$0.0001'],
    [0.0001, '$0.0001'],
    [0.00184, '$0.0018'],
    [0.0042, '$0.0042'],
    [0.04, '$0.04'],
    [0.0423, '$0.0423'],
    [0.042, '$0.042'],
    [0.3, '$0.30'],
    [0.25, '$0.25'],
    [0.5, '$0.50'],
    [0.99994, '$0.9999'],
    [0.99996, '$1.00'],
    [1, '$1.00'],
    [12.345, '$12.35'],
    [12.3, '$12.30'],
    [1234.5, '$1,234.50'],
    [-1, 'unknown'],
    [Number.NaN, 'unknown'],
    [Number.POSITIVE_INFINITY, 'unknown'],
  ];
  it.each(table)('%d → %s', (usd, text) => {
    expect(formatCost(usd)).toBe(text);
  });

  it('an unknown cost says so', () => {
    expect(costText(undefined)).toBe('cost unknown');
    expect(costText(0.0423)).toBe('$0.0423');
  });
});
