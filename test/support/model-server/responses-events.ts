// Encodes one scripted turn as the OpenAI Responses API streams it (`event:` + `data:` SSE frames).
import { argsText, makeId, splitText, turnUsage } from './pieces.ts';
import type { RecordedRequest, ScriptedTurn, SseEvent } from './types.ts';

type Json = Record<string, unknown>;

export function responsesEvents(turn: ScriptedTurn, req: RecordedRequest, turnNo: number): SseEvent[] {
  const body = (req.body ?? {}) as Json;
  const model = typeof body.model === 'string' ? body.model : 'unknown';
  const include = Array.isArray(body.include) ? (body.include as unknown[]) : [];
  const wantsEncrypted = include.includes('reasoning.encrypted_content');
  const responseId = makeId('resp', turnNo, 0);
  const createdAt = 1_700_000_000 + turnNo;
  const events: SseEvent[] = [];
  let seq = 0;
  const emit = (type: string, fields: Json): void => {
    events.push({ event: type, data: JSON.stringify({ type, sequence_number: seq++, ...fields }) });
  };
  const response = (status: string, output: Json[], usage: Json | null): Json => ({
    id: responseId,
    object: 'response',
    created_at: createdAt,
    status,
    error: null,
    incomplete_details: null,
    instructions: body.instructions ?? null,
    model,
    output,
    parallel_tool_calls: body.parallel_tool_calls ?? true,
    store: body.store ?? false,
    temperature: 1,
    tool_choice: 'auto',
    tools: body.tools ?? [],
    top_p: 1,
    usage,
  });

  emit('response.created', { response: response('in_progress', [], null) });
  emit('response.in_progress', { response: response('in_progress', [], null) });

  const done: Json[] = [];
  (turn.outputs ?? []).forEach((out, outputIndex) => {
    const n = outputIndex + 1;
    if ('text' in out) {
      const id = makeId('msg', turnNo, n);
      const part = { type: 'output_text', text: out.text, annotations: [], logprobs: [] };
      emit('response.output_item.added', {
        output_index: outputIndex,
        item: { id, type: 'message', status: 'in_progress', role: 'assistant', content: [] },
      });
      emit('response.content_part.added', {
        item_id: id, output_index: outputIndex, content_index: 0,
        part: { type: 'output_text', text: '', annotations: [], logprobs: [] },
      });
      for (const delta of splitText(out.text)) {
        emit('response.output_text.delta', { item_id: id, output_index: outputIndex, content_index: 0, delta, logprobs: [] });
      }
      emit('response.output_text.done', { item_id: id, output_index: outputIndex, content_index: 0, text: out.text, logprobs: [] });
      emit('response.content_part.done', { item_id: id, output_index: outputIndex, content_index: 0, part });
      const item = { id, type: 'message', status: 'completed', role: 'assistant', content: [part] };
      emit('response.output_item.done', { output_index: outputIndex, item });
      done.push(item);
    } else if ('reasoning' in out) {
      const id = makeId('rs', turnNo, n);
      const blob = out.encrypted ?? `enc:${Buffer.from(out.reasoning).toString('base64')}`;
      const encrypted = wantsEncrypted ? { encrypted_content: blob } : {};
      emit('response.output_item.added', {
        output_index: outputIndex,
        item: { id, type: 'reasoning', summary: [], ...encrypted },
      });
      emit('response.reasoning_summary_part.added', {
        item_id: id, output_index: outputIndex, summary_index: 0, part: { type: 'summary_text', text: '' },
      });
      for (const delta of splitText(out.reasoning)) {
        emit('response.reasoning_summary_text.delta', { item_id: id, output_index: outputIndex, summary_index: 0, delta });
      }
      emit('response.reasoning_summary_text.done', { item_id: id, output_index: outputIndex, summary_index: 0, text: out.reasoning });
      emit('response.reasoning_summary_part.done', {
        item_id: id, output_index: outputIndex, summary_index: 0, part: { type: 'summary_text', text: out.reasoning },
      });
      const item = { id, type: 'reasoning', summary: [{ type: 'summary_text', text: out.reasoning }], ...encrypted };
      emit('response.output_item.done', { output_index: outputIndex, item });
      done.push(item);
    } else {
      const id = makeId('fc', turnNo, n);
      const callId = out.id ?? makeId('call', turnNo, n);
      const args = argsText(out);
      emit('response.output_item.added', {
        output_index: outputIndex,
        item: { id, type: 'function_call', status: 'in_progress', call_id: callId, name: out.tool, arguments: '' },
      });
      for (const delta of splitText(args)) {
        emit('response.function_call_arguments.delta', { item_id: id, output_index: outputIndex, delta });
      }
      emit('response.function_call_arguments.done', { item_id: id, output_index: outputIndex, name: out.tool, arguments: args });
      const item = { id, type: 'function_call', status: 'completed', call_id: callId, name: out.tool, arguments: args };
      emit('response.output_item.done', { output_index: outputIndex, item });
      done.push(item);
    }
  });

  const u = turnUsage(turn, req.bytes);
  const usage = u && {
    input_tokens: u.input_tokens,
    input_tokens_details: { cached_tokens: u.cached_input_tokens },
    output_tokens: u.output_tokens,
    output_tokens_details: { reasoning_tokens: u.reasoning_tokens },
    total_tokens: u.input_tokens + u.output_tokens,
  };
  emit('response.completed', { response: response('completed', done, usage) });
  return events;
}
