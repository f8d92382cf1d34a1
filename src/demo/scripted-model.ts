// A ModelClient that needs no network and no key: it answers each request of the first user message
// with the next step of a fixed script — text streamed word by word with small delays, then tool
// calls — so the rest of hew (tools, sandbox, working copy, events) runs for real. Any request after
// the script, or for a later user message, gets the `fallback` answer. Used by `hew demo`.
import { abortedError, sleep } from '../model/retry.ts';
import type { ConversationItem, ModelClient, ModelDelta, ModelRequest, ToolCall } from '../model/types.ts';

export interface ScriptedCall {
  name: string;
  args: unknown;
}

export interface ScriptedStep {
  /** Assistant text, streamed in word-sized pieces. */
  text?: string;
  /** Tool calls made after the text (run in order). */
  calls?: ScriptedCall[];
}

export interface ScriptedModelOptions {
  steps: ScriptedStep[];
  /** The answer to anything beyond the script (a plain message ends the turn). */
  fallback: string;
  model?: string;
  provider?: string;
  /** Delay between streamed pieces, ms (0: none). The pause before each answer is 20 times this. */
  delayMs?: number;
}

export interface ScriptedModel extends ModelClient {
  /** Every request received, in order. */
  readonly requests: ModelRequest[];
}

/** Splits text into pieces of one word and the whitespace before it, as a model streams tokens. */
export function streamPieces(text: string): string[] {
  return text.match(/\s*\S+|\s+$/g) ?? [];
}

/** A rough token count (4 characters a token), so the usage figures look like a real model's. */
function tokens(text: string): number {
  return Math.ceil(text.length / 4);
}

export function createScriptedModel(opts: ScriptedModelOptions): ScriptedModel {
  const delay = Math.max(0, opts.delayMs ?? 0);
  const requests: ModelRequest[] = [];
  let next = 0;
  let callCounter = 0;

  const pause = async (ms: number, signal: AbortSignal): Promise<void> => {
    if (signal.aborted) throw abortedError();
    if (ms > 0) await sleep(ms, signal);
  };

  async function* stream(req: ModelRequest, signal: AbortSignal): AsyncGenerator<ModelDelta> {
    requests.push(req);
    const userMessages = req.input.filter((i) => i.type === 'message' && i.role === 'user').length;
    const step: ScriptedStep = userMessages <= 1 && next < opts.steps.length ? (opts.steps[next++] as ScriptedStep) : { text: opts.fallback };
    await pause(delay * 20, signal);
    const output: ConversationItem[] = [];
    if (step.text) {
      for (const piece of streamPieces(step.text)) {
        await pause(delay, signal);
        yield { type: 'text_delta', text: piece };
      }
      output.push({ type: 'message', role: 'assistant', content: step.text });
    }
    let argChars = 0;
    for (const call of step.calls ?? []) {
      await pause(delay * 5, signal);
      const toolCall: ToolCall = { call_id: `call_demo_${++callCounter}`, name: call.name, arguments: JSON.stringify(call.args) };
      argChars += toolCall.arguments.length;
      yield { type: 'tool_call', call: toolCall };
      output.push({ type: 'function_call', ...toolCall });
    }
    const input = tokens(req.instructions) + tokens(JSON.stringify(req.input));
    yield { type: 'completed', output, usage: { input_tokens: input, cached_input_tokens: 0, output_tokens: tokens(step.text ?? '') + Math.ceil(argChars / 4) } };
  }

  return {
    provider: opts.provider ?? 'demo',
    model: opts.model ?? 'hew-demo',
    requests,
    stream,
  };
}
