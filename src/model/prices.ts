// What tokens cost: USD per million tokens as [input, cached input, output], from config
// (`[providers.NAME.prices] "model" = [in, cached, out]`, `"*"` for every other model of that
// provider) or a built-in table of published list prices (standard tier, short context). The built-in
// figures are best effort and age: configure your own where they matter. Formatting lives in
// src/format/cost.ts.
import { costUsd } from '../format/cost.ts';
import type { Usage } from '../protocol/usage.ts';

/** USD per million tokens: [input, cached input, output]. */
export type Prices = [number, number, number];

export type PriceTable = Record<string, Prices>;

/**
 * Published list prices, standard tier, prompts below the long-context threshold (above it some
 * models charge more; hew does not model that). Where a provider publishes no cached-input price the
 * cached figure is the input price (no discount assumed). Each group names its source and the date it
 * was read. Models asked for but not priced here, because no published figure was found: Gemini
 * (google/…), Mistral, DeepSeek, Llama and Qwen on OpenRouter, `gpt-5.5-mini`; configure them.
 * Azure OpenAI shares these names (a deployment named after its model); its regional and data-zone
 * deployments can cost more than these global list prices.
 */
export const BUILTIN_PRICES: PriceTable = {
  // OpenAI gpt-5.5 (the default model) and gpt-5.5-pro: $5 / $0.50 cached / $30; Pro $30 / $180
  // (no cached price published). Read 2026-12-06: benchr.org "GPT-5.5 pricing explained" and
  // apidog.com "How to use GPT-5.5 API", both quoting developers.openai.com/api/docs/pricing.
  'gpt-5.5': [5, 0.5, 30],
  'gpt-5.5-pro': [30, 30, 180],
  // OpenAI gpt-5.4 family. Read 2026-12-06: docs.rs adk-model 0.6.0 src/openai/pricing.rs ("OpenAI
  // models (March 2026)").
  'gpt-5.4': [2.5, 0.25, 15],
  'gpt-5.4-mini': [0.75, 0.075, 4.5],
  // OpenAI gpt-5.2 / 5.2-codex / 5.3-codex. Read 2026-12-06: github/docs
  // data/tables/copilot/models-and-pricing.yml (per 1M tokens: input, cached input, output).
  'gpt-5.2': [1.75, 0.175, 14],
  'gpt-5.2-codex': [1.75, 0.175, 14],
  'gpt-5.3-codex': [1.75, 0.175, 14],
  // OpenAI gpt-5 / 5.1 / mini / nano, gpt-4.1, gpt-4o, o-series: openai.com/api/pricing list prices as
  // of 2025 (unchanged in the 2026 tables above where they appear: gpt-5-mini, gpt-4.1).
  'gpt-5': [1.25, 0.125, 10],
  'gpt-5.1': [1.25, 0.125, 10],
  'gpt-5-codex': [1.25, 0.125, 10],
  'gpt-5.1-codex': [1.25, 0.125, 10],
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
  // Anthropic (on OpenRouter as anthropic/claude-…): cached input = the cache-read price (0.1× input).
  // Read 2026-12-06: docs.rs synaps pricing module (citing platform.claude.com/docs/en/about-claude/pricing,
  // verified 2026-10) and docs.rs tokr data/pricing.toml. Cache writes (1.25× input) are not modelled:
  // OpenAI-compatible usage does not report them.
  'claude-opus-4.7': [5, 0.5, 25],
  'claude-opus-4.6': [5, 0.5, 25],
  'claude-opus-4.5': [5, 0.5, 25],
  'claude-opus-4.1': [15, 1.5, 75],
  'claude-opus-4': [15, 1.5, 75],
  'claude-sonnet-4.5': [3, 0.3, 15],
  'claude-sonnet-4': [3, 0.3, 15],
  'claude-haiku-4.5': [1, 0.1, 5],
};

/** Every other model of a provider whose table has this key. */
const ANY_MODEL = '*';

/**
 * The names `model` is looked up under, most specific first: as given; without a provider prefix
 * (`openai/gpt-5.5`, OpenRouter's form; everything up to the last `/`); without a date (`gpt-4o-2024-08-06`, `…-20250929`); and with
 * Anthropic's dashed version dotted (`claude-sonnet-4-5` → `claude-sonnet-4.5`). Nothing else is
 * guessed: `gpt-5.5-turbo` is not `gpt-5.5`.
 */
export function priceNames(model: string): string[] {
  const names = [model];
  const add = (name: string): void => {
    if (!names.includes(name)) names.push(name);
  };
  const bare = model.replace(/^.*\//s, '');
  add(bare);
  const undated = bare.replace(/-(\d{4}-\d{2}-\d{2}|\d{8})$/, '');
  add(undated);
  add(undated.replace(/^(claude-[a-z]+-\d+)-(\d)$/, '$1.$2'));
  return names;
}

/**
 * The prices of `model`: the configured table first (a name of `priceNames`, then `"*"`), then the
 * built-in one; undefined when unknown.
 */
export function priceFor(model: string, configured: PriceTable = {}, builtin: PriceTable = BUILTIN_PRICES): Prices | undefined {
  const names = priceNames(model);
  for (const name of names) if (Object.hasOwn(configured, name)) return configured[name];
  if (Object.hasOwn(configured, ANY_MODEL)) return configured[ANY_MODEL];
  for (const name of names) if (Object.hasOwn(builtin, name)) return builtin[name];
  return undefined;
}

/** One line: why the cost is unknown and the config that makes it known. */
export function unknownPriceHint(provider: string, model: string): string {
  return `no price is known for the model ${JSON.stringify(model)}; set one in your config.toml: [providers.${provider}.prices] ${JSON.stringify(model)} = [input, cached_input, output] (USD per million tokens; "*" prices every model of ${provider})`;
}

/**
 * The running cost of a session. Each step is priced with the model that made it; once any step's
 * price is unknown the total is unknown (undefined) rather than wrong.
 */
export class CostMeter {
  private readonly table: PriceTable;
  private total: number | undefined = 0;
  private readonly shared: CostMeter | undefined;
  private readonly onAdd: ((usd: number | undefined) => void) | undefined;

  /**
   * `shared`: a meter several sessions add to as well (best of N: one budget for the sum of the
   * attempts); `onAdd`: told this meter's total after each addition.
   */
  constructor(table: PriceTable = {}, shared?: CostMeter, onAdd?: (usd: number | undefined) => void) {
    this.table = table;
    this.shared = shared;
    this.onAdd = onAdd;
  }

  pricesFor(model: string): Prices | undefined {
    return priceFor(model, this.table);
  }

  add(model: string, usage: Usage): void {
    const prices = this.pricesFor(model);
    this.total = prices && this.total !== undefined ? this.total + costUsd(usage, prices) : undefined;
    this.shared?.add(model, usage);
    this.onAdd?.(this.total);
  }

  /** USD so far, or undefined when a price was unknown. */
  get usd(): number | undefined {
    return this.total;
  }
}
