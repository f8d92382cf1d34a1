// Encodes one scripted turn as Chat Completions streams it (chat.completion.chunk frames, then [DONE]),
// with optional provider quirks.
import { argsText, makeId, splitText, turnUsage } from './pieces.ts';
import type { Quirks, RecordedRequest, ScriptedTurn, SseEvent } from './types.ts';

type Json = Record<string, unknown>;

interface CallFragments {
  fragments: Json[];
}

export function chatChunks(turn: ScriptedTurn, req: RecordedRequest, turnNo: number, quirks: Quirks = {}): SseEvent[] {
  const body = (req.body ?? {}) as Json;
  const model = typeof body.model === 'string' ? body.model : 'unknown';
  const streamOptions = (body.stream_options ?? {}) as Json;
  const includeUsage = streamOptions.include_usage === true && !quirks.noUsage;
  const id = makeId('chatcmpl', turnNo, 0);
  const events: SseEvent[] = [];
  const chunk = (choices: Json[], usage?: Json | null): void => {
    const c: Json = { id, object: 'chat.completion.chunk', created: 1_700_000_000 + turnNo, model, system_fingerprint: null, choices };
    if (usage !== undefined) c.usage = usage;
    else if (includeUsage) c.usage = null;
    events.push({ data: JSON.stringify(c) });
  };
  const delta = (d: Json, finish: string | null = null): Json => ({ index: 0, delta: d, logprobs: null, finish_reason: finish });

  chunk([delta({ role: 'assistant', content: '' })]);
  const calls: CallFragments[] = [];
  for (const out of turn.outputs ?? []) {
    if ('text' in out) {
      for (const piece of splitText(out.text)) chunk([delta({ content: piece })]);
    } else if ('reasoning' in out) {
      for (const piece of splitText(out.reasoning)) chunk([delta({ content: null, reasoning_content: piece })]);
    } else {
      calls.push(callFragments(out, calls.length, turnNo, quirks));
    }
  }
  for (const call of orderFragments(calls, quirks.interleaveToolCalls === true)) {
    chunk([delta({ tool_calls: [call] })]);
  }

  const finish = calls.length > 0 ? 'tool_calls' : 'stop';
  const u = includeUsage ? turnUsage(turn, req.bytes) : null;
  const usage = u && {
    prompt_tokens: u.input_tokens,
    completion_tokens: u.output_tokens,
    total_tokens: u.input_tokens + u.output_tokens,
    prompt_tokens_details: { cached_tokens: u.cached_input_tokens },
    completion_tokens_details: { reasoning_tokens: u.reasoning_tokens },
  };
  if (usage && quirks.usageOnFinishChunk) {
    chunk([delta({}, finish)], usage);
  } else {
    chunk([delta({}, finish)]);
    if (usage) chunk([], usage);
  }
  events.push({ data: '[DONE]' });
  return events;
}

function callFragments(out: { tool: string; args: unknown; id?: string }, index: number, turnNo: number, quirks: Quirks): CallFragments {
  const callId = out.id ?? makeId('call', turnNo, index + 1);
  const withIndex = (f: Json): Json => (quirks.noToolCallIndex ? f : { index, ...f });
  const fragments: Json[] = [withIndex({ id: callId, type: 'function', function: { name: out.tool, arguments: '' } })];
  let soFar = '';
  for (const piece of splitText(argsText(out))) {
    soFar += piece;
    fragments.push(withIndex({ function: { arguments: quirks.cumulativeToolDeltas ? soFar : piece } }));
  }
  return { fragments };
}

/** One call after another, or round-robin across calls when interleaving (never without an index). */
function orderFragments(calls: CallFragments[], interleave: boolean): Json[] {
  if (!interleave) return calls.flatMap((c) => c.fragments);
  const out: Json[] = [];
  const longest = Math.max(0, ...calls.map((c) => c.fragments.length));
  for (let i = 0; i < longest; i++) {
    for (const c of calls) {
      const f = c.fragments[i];
      if (f) out.push(f);
    }
  }
  return out;
}
