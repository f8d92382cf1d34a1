// Small deterministic helpers shared by both wire encoders: splitting text into deltas, ids, usage.
import type { ScriptedOutput, ScriptedTurn } from './types.ts';

/** Splits text into up to `parts` pieces (by code point, so no surrogate pair is cut). */
export function splitText(text: string, parts = 3): string[] {
  const chars = Array.from(text);
  if (chars.length === 0) return [''];
  const size = Math.max(1, Math.ceil(chars.length / parts));
  const out: string[] = [];
  for (let i = 0; i < chars.length; i += size) out.push(chars.slice(i, i + size).join(''));
  return out;
}

export function argsText(out: { args: unknown }): string {
  return typeof out.args === 'string' ? out.args : JSON.stringify(out.args);
}

/** A deterministic id: `prefix_<turn>_<n>`. */
export function makeId(prefix: string, turn: number, n: number): string {
  return `${prefix}_${turn}_${n}`;
}

function outputChars(outputs: ScriptedOutput[]): number {
  let n = 0;
  for (const o of outputs) {
    if ('text' in o) n += o.text.length;
    else if ('reasoning' in o) n += o.reasoning.length;
    else n += o.tool.length + argsText(o).length;
  }
  return n;
}

export interface TurnUsage {
  input_tokens: number;
  output_tokens: number;
  cached_input_tokens: number;
  reasoning_tokens: number;
}

/** The usage to report: the scripted one, or an estimate (≈4 bytes a token); null when scripted as null. */
export function turnUsage(turn: ScriptedTurn, requestBytes: number): TurnUsage | null {
  if (turn.usage === null) return null;
  const outputs = turn.outputs ?? [];
  const reasoning = outputs.reduce((n, o) => n + ('reasoning' in o ? Math.ceil(o.reasoning.length / 4) : 0), 0);
  if (turn.usage) {
    return {
      input_tokens: turn.usage.input_tokens,
      output_tokens: turn.usage.output_tokens,
      cached_input_tokens: turn.usage.cached_input_tokens ?? 0,
      reasoning_tokens: Math.min(reasoning, turn.usage.output_tokens),
    };
  }
  return {
    input_tokens: Math.ceil(requestBytes / 4),
    output_tokens: Math.ceil(outputChars(outputs) / 4),
    cached_input_tokens: 0,
    reasoning_tokens: reasoning,
  };
}

export function errorBody(message: string, type: string, code: string | null, param: string | null = null): unknown {
  return { error: { message, type, param, code } };
}
