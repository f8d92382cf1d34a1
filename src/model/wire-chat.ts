// The Chat Completions adapter: ModelRequest → `POST /chat/completions` messages, and its
// chat.completion.chunk stream → ModelDeltas.
import type OpenAI from 'openai';
import type {
  ChatCompletionChunk,
  ChatCompletionCreateParamsStreaming,
  ChatCompletionMessageParam,
  ChatCompletionAssistantMessageParam,
} from 'openai/resources/chat/completions';
import type { CompletionUsage } from 'openai/resources/completions';
import type { Usage } from '../protocol/usage.ts';
import { ToolCallAccumulator } from './chat-tool-calls.ts';
import { StreamCutError } from './errors.ts';
import type { AttemptContext, WireOptions } from './wire.ts';
import type { ConversationItem, ModelDelta, ModelRequest } from './types.ts';
import { responseFormatOf } from './response-format.ts';
import { meteredFetchOptions } from './ceiling.ts';

export function toChatBody(req: ModelRequest, opts: WireOptions = {}): ChatCompletionCreateParamsStreaming {
  const messages: ChatCompletionMessageParam[] = [];
  if (req.instructions) messages.push({ role: 'system', content: req.instructions });
  // The assistant message the next function_call items attach to, while they keep coming.
  let open: ChatCompletionAssistantMessageParam | undefined;
  for (const item of req.input) {
    if (item.type === 'reasoning') continue; // Chat providers take no reasoning back.
    if (item.type === 'function_call') {
      if (!open) {
        open = { role: 'assistant', content: null };
        messages.push(open);
      }
      open.tool_calls = [
        ...(open.tool_calls ?? []),
        { id: item.call_id, type: 'function', function: { name: item.name, arguments: item.arguments } },
      ];
      continue;
    }
    open = undefined;
    if (item.type === 'function_call_output') {
      messages.push({ role: 'tool', tool_call_id: item.call_id, content: item.output });
    } else if (item.role === 'assistant') {
      open = { role: 'assistant', content: item.content };
      messages.push(open);
    } else {
      messages.push({ role: item.role === 'developer' ? 'system' : 'user', content: item.content });
    }
  }
  const body: ChatCompletionCreateParamsStreaming = {
    model: req.model,
    messages,
    stream: true,
  };
  if (opts.streamUsage !== false) body.stream_options = { include_usage: true };
  if (req.tools.length > 0) {
    body.tools = req.tools.map((t) => ({ type: 'function', function: { name: t.name, description: t.description, parameters: t.parameters } }));
    if (opts.parallelToolCalls !== false) body.parallel_tool_calls = req.parallelToolCalls ?? true;
  }
  // Only for a provider whose `reasoning` capability is on (off for every built-in Chat provider).
  if (opts.reasoning?.effort && opts.sendReasoning !== false) body.reasoning_effort = opts.reasoning.effort as ChatCompletionCreateParamsStreaming['reasoning_effort'];
  const format = responseFormatOf(req);
  if (format) {
    const strict = format.strict && opts.strictSchemas !== false;
    body.response_format = { type: 'json_schema', json_schema: { name: format.name, schema: format.schema, strict } };
  }
  return body;
}

/** Reasoning text as the various OpenAI-compatible servers name it (DeepSeek/vLLM, Ollama/OpenRouter). */
function reasoningOf(delta: ChatCompletionChunk.Choice.Delta): string | undefined {
  const d = delta as { reasoning_content?: unknown; reasoning?: unknown };
  if (typeof d.reasoning_content === 'string') return d.reasoning_content;
  if (typeof d.reasoning === 'string') return d.reasoning;
  return undefined;
}

export async function* streamChat(sdk: OpenAI, req: ModelRequest, ctx: AttemptContext, opts: WireOptions = {}): AsyncGenerator<ModelDelta> {
  const stream = await sdk.chat.completions.create(toChatBody(req, opts), { signal: ctx.signal, ...meteredFetchOptions(ctx.meter) });
  ctx.touch();
  const calls = new ToolCallAccumulator();
  let text = '';
  let reasoning = '';
  let usage: Usage | null = null;
  let finished = false;
  for await (const chunk of stream as AsyncIterable<ChatCompletionChunk>) {
    ctx.touch();
    if (chunk.usage) usage = fromChatUsage(chunk.usage);
    for (const choice of chunk.choices ?? []) {
      if (typeof choice.index === 'number' && choice.index !== 0) continue;
      const delta = choice.delta ?? {};
      const thought = reasoningOf(delta);
      if (thought) {
        reasoning += thought;
        yield { type: 'reasoning_delta', text: thought };
      }
      if (typeof delta.content === 'string' && delta.content) {
        text += delta.content;
        yield { type: 'text_delta', text: delta.content };
      }
      for (const fragment of delta.tool_calls ?? []) calls.add(fragment);
      if (choice.finish_reason) finished = true;
    }
  }
  // The SDK swallows [DONE]; a finish_reason is the proof the response was whole.
  if (!finished) throw new StreamCutError('the stream closed before the response finished');
  const output: ConversationItem[] = [];
  if (reasoning) output.push({ type: 'reasoning', text: reasoning });
  if (text) output.push({ type: 'message', role: 'assistant', content: text });
  for (const call of calls.finish()) {
    yield { type: 'tool_call', call };
    output.push({ type: 'function_call', ...call });
  }
  yield { type: 'completed', output, usage };
}

export function fromChatUsage(u: CompletionUsage): Usage {
  const usage: Usage = {
    input_tokens: u.prompt_tokens ?? 0,
    cached_input_tokens: u.prompt_tokens_details?.cached_tokens ?? 0,
    output_tokens: u.completion_tokens ?? 0,
  };
  const reasoning = u.completion_tokens_details?.reasoning_tokens;
  if (typeof reasoning === 'number') usage.reasoning_output_tokens = reasoning;
  return usage;
}
