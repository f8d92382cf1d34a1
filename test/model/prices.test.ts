// Prices: the lookup order (config, built-in, dated snapshots), the cost formula and the meter.
import { describe, expect, it } from 'vitest';
import { CostMeter, costUsd, formatCost, priceFor } from '../../src/model/prices.ts';
import { contextWindowFor, DEFAULT_CONTEXT_WINDOW } from '../../src/model/context-windows.ts';

describe('prices', () => {
  it('configured prices win over built-in ones; dated snapshots take their family; the unknown stays unknown', () => {
    expect(priceFor('gpt-4o', { 'gpt-4o': [9, 9, 9] })).toEqual([9, 9, 9]);
    expect(priceFor('gpt-4o')).toEqual([2.5, 1.25, 10]);
    expect(priceFor('gpt-4o-2024-08-06')).toEqual([2.5, 1.25, 10]);
    expect(priceFor('gpt-4o-mini')).toEqual([0.15, 0.075, 0.6]);
    expect(priceFor('gpt-5.5')).toBeUndefined(); // not guessed from gpt-5
    expect(priceFor('my-local-model')).toBeUndefined();
  });

  it('charges uncached input, cached input and output each at their own price', () => {
    const usage = { input_tokens: 1_000_000, cached_input_tokens: 250_000, output_tokens: 100_000 };
    expect(costUsd(usage, [2, 0.5, 8])).toBeCloseTo(750_000 * 2e-6 + 250_000 * 0.5e-6 + 100_000 * 8e-6, 12);
    // Cached tokens above the input (a confused provider) are capped at the input.
    expect(costUsd({ input_tokens: 10, cached_input_tokens: 50, output_tokens: 0 }, [1, 0, 0])).toBe(0);
  });

  it('the meter adds each step at its own model, and becomes unknown once a price is missing', () => {
    const meter = new CostMeter({ cheap: [1, 0, 1] });
    meter.add('cheap', { input_tokens: 1_000_000, cached_input_tokens: 0, output_tokens: 0 });
    meter.add('gpt-4o', { input_tokens: 0, cached_input_tokens: 0, output_tokens: 1_000_000 });
    expect(meter.usd).toBeCloseTo(11, 10);
    meter.add('unpriced', { input_tokens: 1, cached_input_tokens: 0, output_tokens: 1 });
    expect(meter.usd).toBeUndefined();
  });

  it('formats small and large amounts', () => {
    expect(formatCost(0.01234)).toBe('$0.0123');
    expect(formatCost(12.345)).toBe('$12.35');
  });
});

describe('context windows', () => {
  it('config first, then the longest known prefix, else the default', () => {
    expect(contextWindowFor('gpt-4o', 5000)).toBe(5000);
    expect(contextWindowFor('gpt-4.1-mini')).toBe(1_047_576);
    expect(contextWindowFor('openai/gpt-5-mini')).toBe(400_000);
    expect(contextWindowFor('something-else')).toBe(DEFAULT_CONTEXT_WINDOW);
  });
});
