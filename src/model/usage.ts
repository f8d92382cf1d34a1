// Adding up token usage: a step's, a turn's, a run's.
import type { Usage } from '../protocol/usage.ts';
import { ZERO_USAGE } from '../protocol/usage.ts';

export function emptyUsage(): Usage {
  return { ...ZERO_USAGE };
}

export function addUsage(a: Usage, b: Usage): Usage {
  const sum: Usage = {
    input_tokens: a.input_tokens + b.input_tokens,
    cached_input_tokens: a.cached_input_tokens + b.cached_input_tokens,
    output_tokens: a.output_tokens + b.output_tokens,
  };
  if (a.reasoning_output_tokens !== undefined || b.reasoning_output_tokens !== undefined) {
    sum.reasoning_output_tokens = (a.reasoning_output_tokens ?? 0) + (b.reasoning_output_tokens ?? 0);
  }
  return sum;
}
