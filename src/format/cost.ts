// What tokens cost, and the one way hew writes an amount of money (exec's summary, the TUI's status
// line, `hew runs`, `hew report`, batch lines, budget messages). Pure; this folder imports only the
// protocol, so every layer may use it.
//
//   0            → $0.00
//   below $0.0001 → <$0.0001   (never a misleading $0.0000)
//   below $1     → four decimals, trailing zeros trimmed to two: $0.0423, $0.30, $0.05
//   $1 and up    → two decimals with thousands separators: $1.50, $1,234.50
import type { Usage } from '../protocol/usage.ts';

/** Cost in USD: uncached input, cached input and output each at their own price. */
export function costUsd(usage: Usage, prices: readonly [number, number, number]): number {
  const [input, cached, output] = prices;
  const cachedTokens = Math.min(usage.cached_input_tokens, usage.input_tokens);
  const uncached = usage.input_tokens - cachedTokens;
  return (uncached * input + cachedTokens * cached + usage.output_tokens * output) / 1_000_000;
}

/** USD as text, e.g. `$0.0423`; a value that is not a finite, non-negative number is `unknown`. */
export function formatCost(usd: number): string {
  if (!Number.isFinite(usd) || usd < 0) return 'unknown';
  if (usd === 0) return '$0.00';
  if (usd < 0.0001) return '<$0.0001';
  if (usd < 0.99995) return `$${usd.toFixed(4).replace(/(\.\d\d\d*?)0+$/, '$1')}`;
  return `$${usd.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

/** The cost or, when a price was unknown, `cost unknown`. */
export function costText(usd: number | undefined): string {
  return usd === undefined ? 'cost unknown' : formatCost(usd);
}
