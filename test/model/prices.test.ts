// Prices: the lookup order (config, built-in, dated snapshots), the cost formula and the meter.
import { describe, expect, it } from 'vitest';
import { BUILTIN_PRICES, CostMeter, priceFor, priceNames, unknownPriceHint } from '../../src/model/prices.ts';
import { costUsd } from '../../src/format/cost.ts';
import type { PriceTable, Prices } from '../../src/model/prices.ts';
import { contextWindowFor, DEFAULT_CONTEXT_WINDOW } from '../../src/model/context-windows.ts';

describe('prices', () => {
  it('configured prices win over built-in ones; dated snapshots take their family; the unknown stays unknown', () => {
    expect(priceFor('gpt-4o', { 'gpt-4o': [9, 9, 9] })).toEqual([9, 9, 9]);
    expect(priceFor('gpt-4o')).toEqual([2.5, 1.25, 10]);
    expect(priceFor('gpt-4o-2024-08-06')).toEqual([2.5, 1.25, 10]);
    expect(priceFor('gpt-4o-mini')).toEqual([0.15, 0.075, 0.6]);
    expect(priceFor('my-local-model')).toBeUndefined();
  });

  // [model, configured table, expected prices (undefined: unknown)]
  const lookups: [string, PriceTable, Prices | undefined][] = [
    ['gpt-5.5', {}, [5, 0.5, 30]], // the default model has a price
    ['openai/gpt-5.5', {}, [5, 0.5, 30]], // OpenRouter's provider prefix
    ['gpt-5.5-2026-04-23', {}, [5, 0.5, 30]], // a dated snapshot
    ['gpt-5.4-mini', {}, [0.75, 0.075, 4.5]],
    ['anthropic/claude-sonnet-4.5', {}, [3, 0.3, 15]],
    ['claude-sonnet-4-5-20250929', {}, [3, 0.3, 15]], // Anthropic's dashed, dated id
    ['claude-opus-4-5', {}, [5, 0.5, 25]],
    ['gpt-5.5-turbo', {}, undefined], // not guessed from gpt-5.5
    ['gpt-5.55', {}, undefined],
    ['google/gemini-2.5-pro', {}, undefined], // no published figure found: unknown, not invented
    ['qwen3-coder', {}, undefined],
    ['qwen3-coder', { '*': [0, 0, 0] }, [0, 0, 0]], // a provider's "*" prices every other model
    ['gpt-5.5', { '*': [0, 0, 0] }, [0, 0, 0]], // … the provider's table wins over the built-in one
    ['gpt-5.5', { 'gpt-5.5': [1, 0.1, 2], '*': [0, 0, 0] }, [1, 0.1, 2]], // a named model over "*"
    ['openai/gpt-5.5', { 'openai/gpt-5.5': [9, 9, 9], 'gpt-5.5': [1, 1, 1] }, [9, 9, 9]], // the exact name first
    ['constructor', {}, undefined], // no prototype keys
  ];
  it.each(lookups)('priceFor(%j, %j) is %j', (model, configured, expected) => {
    expect(priceFor(model, configured)).toEqual(expected);
  });

  it('names a model is looked up under, most specific first', () => {
    expect(priceNames('openrouter/anthropic/claude-haiku-4-5-20251001')).toEqual([
      'openrouter/anthropic/claude-haiku-4-5-20251001',
      'claude-haiku-4-5-20251001',
      'claude-haiku-4-5',
      'claude-haiku-4.5',
    ]);
    expect(priceNames('gpt-5.5')).toEqual(['gpt-5.5']);
  });

  it('every built-in price is three non-negative numbers, cached at most the input price', () => {
    for (const [model, [input, cached, output]] of Object.entries(BUILTIN_PRICES)) {
      expect(input, model).toBeGreaterThan(0);
      expect(cached, model).toBeGreaterThanOrEqual(0);
      expect(cached, model).toBeLessThanOrEqual(input);
      expect(output, model).toBeGreaterThan(0);
    }
  });

  it('the hint names the config key, quoted for TOML', () => {
    expect(unknownPriceHint('openrouter', 'x/y.z')).toBe(
      'no price is known for the model "x/y.z"; set one in your config.toml: [providers.openrouter.prices] "x/y.z" = [input, cached_input, output] (USD per million tokens; "*" prices every model of openrouter)',
    );
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

});

describe('context windows', () => {
  it('config first, then the longest known prefix, else the default', () => {
    expect(contextWindowFor('gpt-4o', 5000)).toBe(5000);
    expect(contextWindowFor('gpt-4.1-mini')).toBe(1_047_576);
    expect(contextWindowFor('openai/gpt-5-mini')).toBe(400_000);
    expect(contextWindowFor('something-else')).toBe(DEFAULT_CONTEXT_WINDOW);
  });
});
