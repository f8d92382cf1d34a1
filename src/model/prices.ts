// What tokens cost: USD per million tokens as [input, cached input, output], from config
// (`[providers.NAME.prices] "model" = [in, cached, out]`) or a small built-in table of well-known
// OpenAI models (best-effort list prices; configure your own where they matter).
import type { Usage } from '../agent/events.ts';

/** USD per million tokens: [input, cached input, output]. */
export type Prices = [number, number, number];

export type PriceTable = Record<string, Prices>;

/** Published list prices of well-known OpenAI models (standard tier). */
export const BUILTIN_PRICES: PriceTable = {
  'gpt-5': [1.25, 0.125, 10],
  'gpt-5.1': [1.25, 0.125, 10],
  'gpt-5-codex': [1.25, 0.125, 10],
  'gpt-5-mini': [0.25, 0.025, 2],
  'gpt-5-nano': [0.05, 0.005, 0.4],
  'gpt-4.1': [2, 0.5, 8],
  'gpt-4.1-mini': [0.4, 0.1, 1.6],
  'gpt-4.1-nano': [0.1, 0.025, 0.4],
  'gpt-4o': [2.5, 1.25, 10],
  'gpt-4o-mini': [0.15, 0.075, 0.6],
  o3: [2, 0.5, 8],
  'o3-mini': [1.1, 0.55, 4.4],
  'o4-mini': [1.1, 0.275, 4.4],
  o1: [15, 7.5, 60],
};

/**
 * The prices of `model`: the configured table first, then the built-in one. A dated snapshot
 * (`gpt-4o-2024-08-06`) takes its family's prices; nothing else is guessed (undefined: unknown).
 */
export function priceFor(model: string, configured: PriceTable = {}, builtin: PriceTable = BUILTIN_PRICES): Prices | undefined {
  const undated = model.replace(/-\d{4}-\d{2}-\d{2}$/, '');
  return configured[model] ?? configured[undated] ?? builtin[model] ?? builtin[undated];
}

/** Cost in USD: uncached input, cached input and output each at their own price. */
export function costUsd(usage: Usage, prices: Prices): number {
  const [input, cached, output] = prices;
  const cachedTokens = Math.min(usage.cached_input_tokens, usage.input_tokens);
  const uncached = usage.input_tokens - cachedTokens;
  return (uncached * input + cachedTokens * cached + usage.output_tokens * output) / 1_000_000;
}

/** `$0.0123`: four decimals below a dollar, two above. */
export function formatCost(usd: number): string {
  return usd >= 1 ? `$${usd.toFixed(2)}` : `$${usd.toFixed(4)}`;
}

/**
 * The running cost of a session. Each step is priced with the model that made it; once any step's
 * price is unknown the total is unknown (undefined) rather than wrong.
 */
export class CostMeter {
  private readonly table: PriceTable;
  private total: number | undefined = 0;

  constructor(table: PriceTable = {}) {
    this.table = table;
  }

  pricesFor(model: string): Prices | undefined {
    return priceFor(model, this.table);
  }

  add(model: string, usage: Usage): void {
    const prices = this.pricesFor(model);
    this.total = prices && this.total !== undefined ? this.total + costUsd(usage, prices) : undefined;
  }

  /** USD so far, or undefined when a price was unknown. */
  get usd(): number | undefined {
    return this.total;
  }
}
