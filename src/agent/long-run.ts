// The controls of long runs, as a front passes them down (config keys in parentheses):
// the context window (`model_context_window`), when to compact (`compact_threshold`), prices
// (`[providers.NAME.prices]`) and the cost budget (`max_cost`, `--max-cost`).
import type { PriceTable } from '../model/prices.ts';

export interface LongRunOptions {
  /** Tokens; default: the model's known window, else 128k (model/context-windows.ts). */
  contextWindow?: number;
  /** Compact when the estimated prompt is over this share of the window (0–1); default 0.8. */
  compactThreshold?: number;
  /** Configured prices by model name, USD per million tokens [input, cached input, output]. */
  prices?: PriceTable;
  /** Stop before the next step once the run has cost more than this (USD). */
  maxCostUsd?: number;
}
