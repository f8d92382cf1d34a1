// The long-run controls of the effective config: context window, compaction threshold, the chosen
// provider's configured prices and the cost budget (a `--max-cost` flag wins over `max_cost`).
import type { LongRunOptions } from '../agent/long-run.ts';
import type { LoadedConfig } from './load.ts';

export function longRunOptions(config: LoadedConfig, maxCostFlag?: number): LongRunOptions {
  const { settings } = config;
  const maxCostUsd = maxCostFlag ?? settings.max_cost;
  return {
    contextWindow: settings.model_context_window,
    compactThreshold: settings.compact_threshold,
    prices: config.providers[settings.provider]?.prices ?? {},
    ...(maxCostUsd !== undefined ? { maxCostUsd } : {}),
  };
}
