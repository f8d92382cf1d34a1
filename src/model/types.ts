// The model seam: one provider-neutral request and one stream of deltas, whatever the wire API.
import type { Usage } from '../protocol/usage.ts';

export type JsonSchema = Record<string, unknown>;

export interface ToolSpec {
  name: string;
  description: string;
  parameters: JsonSchema;
}

/** The conversation as the model sees it, in a Responses-like shape both adapters translate. */
export type ConversationItem =
  | { type: 'message'; role: 'user' | 'assistant' | 'developer'; content: string }
  | { type: 'function_call'; call_id: string; name: string; arguments: string }
  | { type: 'function_call_output'; call_id: string; output: string }
  | { type: 'reasoning'; text: string; encrypted_content?: string; id?: string };

export interface ModelRequest {
  model: string;
  instructions: string;
  input: ConversationItem[];
  tools: ToolSpec[];
  parallelToolCalls?: boolean;
  /**
   * Responses only: `prompt_cache_key`, the same for every request of a run so the provider can route
   * them to one prompt cache. Chat providers get nothing (not every server accepts the field).
   */
  promptCacheKey?: string;
}

export interface ToolCall {
  call_id: string;
  name: string;
  /** Raw JSON text as the model sent it; the loop parses and validates it. */
  arguments: string;
}

export type ModelDelta =
  | { type: 'text_delta'; text: string }
  | { type: 'reasoning_delta'; text: string }
  /** A complete tool call, emitted once its arguments have fully arrived. */
  | { type: 'tool_call'; call: ToolCall }
  /**
   * The attempt failed and is being retried: the consumer must discard everything it received
   * from this request so far. Emitted before the backoff sleep.
   */
  | { type: 'retry'; message: string; attempt: number; delayMs: number }
  /** The response finished. `output` is what to append to the conversation. */
  | { type: 'completed'; output: ConversationItem[]; usage: Usage | null };

export interface ModelClient {
  readonly provider: string;
  readonly model: string;
  /**
   * Set when every request is known to fail before one is sent (no API key): the error `stream` throws.
   * A headless run then makes no working copy for a request that cannot go out.
   */
  readonly refusal?: ModelError;
  stream(req: ModelRequest, signal: AbortSignal): AsyncIterable<ModelDelta>;
}

export type ModelErrorKind =
  /** No API key, 401 or 403. Exit 3. */
  | 'auth'
  /** The provider does not know the model. Exit 3. */
  | 'model_not_found'
  /** The prompt no longer fits the context window. */
  | 'context_length'
  /** A 4xx the model cannot recover from (bad request). Exit 1. */
  | 'bad_request'
  /** Retries ran out on 429/5xx/connection errors. Exit 1. */
  | 'unavailable'
  /** One response passed its ceiling on duration or size (model/ceiling.ts); not retried. Exit 1. */
  | 'response_limit'
  | 'aborted';

export class ModelError extends Error {
  readonly kind: ModelErrorKind;
  readonly status: number | undefined;
  constructor(kind: ModelErrorKind, message: string, status?: number) {
    super(message);
    this.name = 'ModelError';
    this.kind = kind;
    this.status = status;
  }
}
