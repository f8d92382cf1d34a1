// The controls of long runs, as a front passes them down (config keys in parentheses):
// the context window (`model_context_window`), when to compact (`compact_threshold`), prices
// (`[providers.NAME.prices]`) and the cost budget (`max_cost`, `--max-cost`).
import type { CostMeter, PriceTable } from '../model/prices.ts';

export interface LongRunOptions {
  /** Tokens; default: the model's known window, else 128k (model/context-windows.ts). */
  contextWindow?: number;
  /** Compact when the estimated prompt is over this share of the window (0–1); default 0.8. */
  compactThreshold?: number;
  /** Configured prices by model name, USD per million tokens [input, cached input, output]. */
  prices?: PriceTable;
  /** Stop before the next step once the run has cost more than this (USD). */
  maxCostUsd?: number;
  /**
   * A meter shared by a group of runs under one budget (best of N, src/attempts/): every step this
   * run pays is added to it too; the group stops its runs with a BudgetStop when the sum passes.
   */
  sharedMeter?: CostMeter;
}

/**
 * An abort reason: the run was stopped because a budget it shares with others ran out (best of N's
 * `--max-cost` for the sum). The turn ends as budget_exceeded with `reason`, not as interrupted.
 * Not an Error: an Error as the abort reason means a failure outside the loop.
 */
export class BudgetStop {
  readonly reason: string;
  constructor(reason: string) {
    this.reason = reason;
  }
}
