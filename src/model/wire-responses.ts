// The Responses API adapter: ModelRequest → `POST /responses` body, and its SSE events → ModelDeltas.
import type OpenAI from 'openai';
import type {
  ResponseCreateParamsStreaming,
  ResponseInputItem,
  ResponseOutputItem,
  ResponseStreamEvent,
  ResponseUsage,
} from 'openai/resources/responses/responses';
import type { Usage } from '../protocol/usage.ts';
import { StreamCutError, StreamFailedError } from './errors.ts';
import type { AttemptContext, WireOptions } from './wire.ts';
import type { ConversationItem, ModelDelta, ModelRequest } from './types.ts';
import { responseFormatOf } from './response-format.ts';
import { meteredFetchOptions } from './ceiling.ts';

export function toResponsesBody(req: ModelRequest, opts: WireOptions = {}): ResponseCreateParamsStreaming {
  const input: ResponseInputItem[] = [];
  for (const item of req.input) {
    switch (item.type) {
      case 'message':
        input.push({ type: 'message', role: item.role, content: item.content });
        break;
      case 'function_call':
        input.push({ type: 'function_call', call_id: item.call_id, name: item.name, arguments: item.arguments });
        break;
      case 'function_call_output':
        input.push({ type: 'function_call_output', call_id: item.call_id, output: item.output });
        break;
      case 'reasoning':
        // Without the encrypted content the provider cannot use it (store is false); the id is not
        // sent either, since with store:false the server cannot look ids up.
        if (item.encrypted_content && opts.sendReasoning !== false) {
          input.push({
            type: 'reasoning',
            summary: item.text ? [{ type: 'summary_text', text: item.text }] : [],
            encrypted_content: item.encrypted_content,
          } as unknown as ResponseInputItem);
        }
        break;
    }
  }
  const body: ResponseCreateParamsStreaming = {
    model: req.model,
    instructions: req.instructions,
    input,
    tools: req.tools.map((t) => ({ type: 'function', name: t.name, description: t.description, parameters: t.parameters, strict: false })),
    store: false,
    stream: true,
  };
  if (req.tools.length > 0) {
    body.tool_choice = 'auto';
    if (opts.parallelToolCalls !== false) body.parallel_tool_calls = req.parallelToolCalls ?? true;
  }
  if (opts.reasoning && opts.sendReasoning !== false) {
    body.reasoning = opts.reasoning as ResponseCreateParamsStreaming['reasoning'];
    body.include = ['reasoning.encrypted_content'];
  }
  // One key for the whole run (resumes included), so the provider routes its requests to the same cache.
  if (req.promptCacheKey) body.prompt_cache_key = req.promptCacheKey;
  const format = responseFormatOf(req);
  if (format) {
    const strict = format.strict && opts.strictSchemas !== false;
    body.text = { format: { type: 'json_schema', name: format.name, schema: format.schema, strict } };
  }
  return body;
}

export async function* streamResponses(sdk: OpenAI, req: ModelRequest, ctx: AttemptContext, opts: WireOptions = {}): AsyncGenerator<ModelDelta> {
  const stream = await sdk.responses.create(toResponsesBody(req, opts), { signal: ctx.signal, ...meteredFetchOptions(ctx.meter) });
  ctx.touch();
  const items = new Map<number, ConversationItem>();
  const announced = new Set<ConversationItem>();
  const toolCallDelta = (item: ConversationItem & { type: 'function_call' }): ModelDelta => {
    announced.add(item);
    return { type: 'tool_call', call: { call_id: item.call_id, name: item.name, arguments: item.arguments } };
  };
  let usage: Usage | null = null;
  let finished = false;
  let streamedText = '';
  for await (const ev of stream as AsyncIterable<ResponseStreamEvent>) {
    ctx.touch();
    switch (ev.type) {
      case 'response.output_text.delta':
        if (ev.delta) {
          streamedText += ev.delta;
          yield { type: 'text_delta', text: ev.delta };
        }
        break;
      case 'response.reasoning_summary_part.added':
        if (ev.summary_index > 0) yield { type: 'reasoning_delta', text: '\n\n' };
        break;
      case 'response.reasoning_summary_text.delta':
      case 'response.reasoning_text.delta':
        if (ev.delta) yield { type: 'reasoning_delta', text: ev.delta };
        break;
      case 'response.output_item.done': {
        const item = fromOutputItem(ev.item);
        if (item) {
          items.set(ev.output_index, item);
          if (item.type === 'function_call') yield toolCallDelta(item);
        }
        break;
      }
      case 'response.completed':
      case 'response.incomplete': {
        // Items the provider never announced with output_item.done still count.
        ev.response.output.forEach((raw, index) => {
          if (items.has(index)) return;
          const item = fromOutputItem(raw);
          if (item) items.set(index, item);
        });
        usage = ev.response.usage ? fromResponsesUsage(ev.response.usage) : null;
        finished = true;
        break;
      }
      case 'response.failed': {
        const error = ev.response.error;
        throw new StreamFailedError(error?.message ?? 'response.failed without details', error?.code ?? undefined);
      }
      default:
        break;
    }
  }
  if (!finished) throw new StreamCutError('the stream closed before the response completed');
  const output = [...items.entries()].sort((a, b) => a[0] - b[0]).map(([, item]) => item);
  if (streamedText && !output.some((item) => item.type === 'message')) {
    // A provider that streamed text but never sent the message item: keep the text anyway.
    const firstCall = output.findIndex((item) => item.type === 'function_call');
    output.splice(firstCall < 0 ? output.length : firstCall, 0, { type: 'message', role: 'assistant', content: streamedText });
  }
  for (const item of output) {
    // Calls that arrived only in response.completed are announced now.
    if (item.type === 'function_call' && !announced.has(item)) yield toolCallDelta(item);
  }
  yield { type: 'completed', output, usage };
}

function fromOutputItem(raw: ResponseOutputItem): ConversationItem | undefined {
  switch (raw.type) {
    case 'message': {
      const text = raw.content.map((part) => (part.type === 'output_text' ? part.text : part.refusal)).join('');
      return { type: 'message', role: 'assistant', content: text };
    }
    case 'function_call':
      return { type: 'function_call', call_id: raw.call_id, name: raw.name, arguments: raw.arguments ?? '' };
    case 'reasoning': {
      const summary = raw.summary.map((s) => s.text).join('\n\n');
      const text = summary || (raw.content ?? []).map((c) => c.text).join('\n\n');
      const item: ConversationItem = { type: 'reasoning', text, id: raw.id };
      if (raw.encrypted_content) item.encrypted_content = raw.encrypted_content;
      return item;
    }
    default:
      return undefined;
  }
}

export function fromResponsesUsage(u: ResponseUsage): Usage {
  const usage: Usage = {
    input_tokens: u.input_tokens ?? 0,
    cached_input_tokens: u.input_tokens_details?.cached_tokens ?? 0,
    output_tokens: u.output_tokens ?? 0,
  };
  const reasoning = u.output_tokens_details?.reasoning_tokens;
  if (typeof reasoning === 'number') usage.reasoning_output_tokens = reasoning;
  return usage;
}
