// One step: a single model request streamed into items. Retries reported by the client are shown
// as `error` events and the partial output of the failed attempt is discarded.
import type { EmitFn, Item } from '../protocol/events.ts';
import type { Usage } from '../protocol/usage.ts';
import type { ConversationItem, ModelClient, ModelRequest, ToolCall } from '../model/types.ts';

export interface StepResult {
  output: ConversationItem[];
  calls: ToolCall[];
  text: string;
  usage: Usage;
}

export interface StepDeps {
  model: ModelClient;
  emit: EmitFn;
  nextId: () => string;
  deltas?: boolean;
}

interface Streamed {
  id: string;
  type: 'agent_message' | 'reasoning';
  text: string;
}

export async function runStep(deps: StepDeps, req: ModelRequest, signal: AbortSignal): Promise<StepResult> {
  const { emit } = deps;
  let message: Streamed | null = null;
  let reasoning: Streamed | null = null;
  let calls: ToolCall[] = [];

  const append = (current: Streamed | null, type: Streamed['type'], text: string): Streamed => {
    const item = current ?? { id: deps.nextId(), type, text: '' };
    if (!current) emit({ type: 'item.started', item: { id: item.id, type, text: '', status: 'in_progress' } });
    item.text += text;
    if (deps.deltas) emit({ type: 'item.delta', id: item.id, text });
    return item;
  };
  const finish = (item: Streamed | null, status: 'completed' | 'failed'): void => {
    if (item) emit({ type: 'item.completed', item: { id: item.id, type: item.type, text: item.text, status } as Item });
  };

  for await (const delta of deps.model.stream(req, signal)) {
    switch (delta.type) {
      case 'text_delta':
        message = append(message, 'agent_message', delta.text);
        break;
      case 'reasoning_delta':
        reasoning = append(reasoning, 'reasoning', delta.text);
        break;
      case 'tool_call':
        calls.push(delta.call);
        break;
      case 'retry':
        finish(reasoning, 'failed');
        finish(message, 'failed');
        message = null;
        reasoning = null;
        calls = [];
        emit({ type: 'error', message: delta.message, will_retry: true, attempt: delta.attempt, delay_ms: delta.delayMs });
        break;
      case 'completed': {
        finish(reasoning, 'completed');
        finish(message, 'completed');
        const outputCalls = delta.output.filter((i) => i.type === 'function_call');
        const finalCalls = outputCalls.length > 0 ? outputCalls.map(({ call_id, name, arguments: a }) => ({ call_id, name, arguments: a })) : calls;
        return {
          output: delta.output,
          calls: finalCalls,
          text: message?.text ?? '',
          usage: delta.usage ?? estimateUsage(req, delta.output),
        };
      }
    }
  }
  throw new Error('the model stream ended without completing');
}

/** Rough token estimate (4 bytes a token) for providers that report no usage. */
function estimateUsage(req: ModelRequest, output: ConversationItem[]): Usage {
  const inBytes = Buffer.byteLength(req.instructions) + Buffer.byteLength(JSON.stringify(req.input)) + Buffer.byteLength(JSON.stringify(req.tools));
  const outBytes = Buffer.byteLength(JSON.stringify(output));
  return { input_tokens: Math.ceil(inBytes / 4), cached_input_tokens: 0, output_tokens: Math.ceil(outBytes / 4) };
}
