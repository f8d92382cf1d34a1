// Tokens a model request (or a turn, or a run) used. Types and a constant only: the arithmetic is
// model/usage.ts.

export interface Usage {
  input_tokens: number;
  cached_input_tokens: number;
  output_tokens: number;
  reasoning_output_tokens?: number;
}

/** No tokens: the start of every count (copy it: `{ ...ZERO_USAGE }`). */
export const ZERO_USAGE: Readonly<Usage> = { input_tokens: 0, cached_input_tokens: 0, output_tokens: 0 };
