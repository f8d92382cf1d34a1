// The long-run controls of the effective config: context window, compaction threshold, the chosen
// provider's prices (its built-in ones, e.g. a local server's zero, under the configured ones) and the cost budget (a `--max-cost` flag wins over `max_cost`).
import type { LongRunOptions } from '../agent/long-run.ts';
import type { LoadedConfig } from '../config/load.ts';
import { BUILTIN_PROVIDERS } from '../config/providers.ts';

export function longRunOptions(config: LoadedConfig, maxCostFlag?: number): LongRunOptions {
  const { settings } = config;
  const maxCostUsd = maxCostFlag ?? settings.max_cost;
  return {
    contextWindow: settings.model_context_window,
    compactThreshold: settings.compact_threshold,
    prices: { ...BUILTIN_PROVIDERS[settings.provider]?.prices, ...config.providers[settings.provider]?.prices },
    ...(maxCostUsd !== undefined ? { maxCostUsd } : {}),
  };
}
