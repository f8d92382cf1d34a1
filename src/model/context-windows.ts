// How many tokens a model's context window holds: from config (`model_context_window`), else a
// small built-in table of well-known models (best-effort), else a conservative default.
export const DEFAULT_CONTEXT_WINDOW = 128_000;

/** Longest matching prefix wins, so `gpt-4.1-mini` finds `gpt-4.1`, `qwen3-coder:30b` finds `qwen3-coder`. */
const KNOWN_WINDOWS: [prefix: string, tokens: number][] = [
  ['gpt-5', 400_000],
  ['gpt-4.1', 1_047_576],
  ['gpt-4o', 128_000],
  ['o1', 200_000],
  ['o3', 200_000],
  ['o4-mini', 200_000],
  ['codex-mini', 200_000],
  ['claude', 200_000],
  ['gemini', 1_048_576],
  ['qwen3-coder', 262_144],
  ['deepseek', 128_000],
];

export function contextWindowFor(model: string, configured?: number): number {
  if (configured !== undefined && configured > 0) return configured;
  const name = model.toLowerCase().split('/').at(-1) ?? model;
  let best: [string, number] | undefined;
  for (const entry of KNOWN_WINDOWS) {
    if (name.startsWith(entry[0]) && (!best || entry[0].length > best[0].length)) best = entry;
  }
  return best ? best[1] : DEFAULT_CONTEXT_WINDOW;
}
