// The script language of the scripted model server: what each request is answered with.

export type ScriptedOutput =
  /** An assistant message, streamed in a few deltas. */
  | { text: string }
  /**
   * A reasoning item (Responses) or `reasoning_content` (Chat). On Responses, a request that asks for
   * `include: ["reasoning.encrypted_content"]` also gets the item's `encrypted_content`: `encrypted`
   * when given (an opaque blob a test can look for in the next request), else `enc:<base64 of the text>`.
   */
  | { reasoning: string; encrypted?: string }
  /** A function call; a string `args` is sent raw (lets tests send malformed JSON), anything else JSON.stringify'd. */
  | { tool: string; args: unknown; id?: string };

export type Fault =
  /** Answer with an HTTP error; `retryAfter` (seconds) becomes a Retry-After header. */
  | { kind: 'status'; status: number; retryAfter?: number; body?: unknown }
  /** Stream N SSE events of the turn, then destroy the socket. */
  | { kind: 'cut'; afterEvents: number }
  /** Stream N events, then go silent for `ms`, then continue. */
  | { kind: 'stall'; afterEvents: number; ms: number }
  /**
   * Stream N events, then send event N-1 again every `everyMs` forever (until the client closes): a
   * response that never ends though bytes keep coming, so no idle timeout fires. Pick N so that
   * event N-1 is a text delta (5 for a text-only turn on the Responses wire).
   */
  | { kind: 'trickle'; afterEvents: number; everyMs: number }
  /**
   * Stream N events, then wait until `until` settles (or the server closes), then continue: a test
   * sees what the client shows of a half-streamed response, then lets it finish (event-driven).
   */
  | { kind: 'hold'; afterEvents: number; until: Promise<unknown> };

export interface ScriptedTurn {
  outputs?: ScriptedOutput[];
  /** `null` = send no usage at all; omitted = a deterministic estimate from the request and output sizes. */
  usage?: { input_tokens: number; output_tokens: number; cached_input_tokens?: number } | null;
  fault?: Fault;
  /** Delay between SSE events (a slow stream). */
  chunkDelayMs?: number;
}

/** Provider quirks, Chat Completions wire only. */
export interface Quirks {
  /** Resend the whole arguments-so-far in each tool-call delta. */
  cumulativeToolDeltas?: boolean;
  /**
   * finish_reason in one chunk, usage in a later chunk with empty `choices`. This is what OpenAI
   * itself does, so it is also the default; the flag exists to say so explicitly.
   */
  splitFinishUsage?: boolean;
  /** Usage attached to the finish_reason chunk itself (vLLM/Ollama style); overrides splitFinishUsage. */
  usageOnFinishChunk?: boolean;
  /** Never send usage. */
  noUsage?: boolean;
  /** Omit `index` on tool-call deltas (calls are then streamed one after another). */
  noToolCallIndex?: boolean;
  /** Stream the fragments of parallel tool calls round-robin instead of one call after another. */
  interleaveToolCalls?: boolean;
}

export interface RecordedRequest {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  bytes: number;
  at: number;
  /** Set when the client closed the connection before the streamed response was complete (not by a `cut` fault). */
  clientClosed?: boolean;
}

export interface ModelServer {
  /** Base URL including /v1, e.g. http://127.0.0.1:PORT/v1 */
  url: string;
  requests: RecordedRequest[];
  /** Scripted turns not yet consumed (Infinity for a function script). */
  remaining(): number;
  close(): Promise<void>;
}

export interface ModelServerOptions {
  quirks?: Quirks;
  /** Known model names: listed by GET /v1/models; a request for any other model gets OpenAI's 404 model_not_found. */
  models?: string[];
  /** When set, requests without `Authorization: Bearer <apiKey>` get OpenAI's 401 body. */
  apiKey?: string;
  /** Listen on this port (a server that comes back where an earlier one was); default: any free port. */
  port?: number;
}

export type Script = ScriptedTurn[] | ((req: RecordedRequest, index: number) => ScriptedTurn);

/** One SSE event as it goes on the wire. */
export interface SseEvent {
  event?: string;
  data: string;
}
