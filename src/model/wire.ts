// What the retry loop hands each wire adapter for one attempt, and the adapter signature itself.
import type OpenAI from 'openai';
import type { ModelDelta, ModelRequest } from './types.ts';

export interface AttemptContext {
  /** Aborts this attempt: the caller's abort or the idle watchdog. */
  signal: AbortSignal;
  /** Call on every SSE event: restarts the idle countdown. */
  touch(): void;
  /** Counts the response body's bytes against the response ceiling: pass it with meteredFetchOptions. */
  meter?: (bytes: number) => void;
}

/** Adapter-specific request settings. */
export interface WireOptions {
  /**
   * Responses: sent as `reasoning`, and asks for `reasoning.encrypted_content` so reasoning can be sent
   * back. Chat: `effort` is sent as `reasoning_effort`. Either only while `sendReasoning` is not false.
   */
  reasoning?: { effort?: 'none' | 'minimal' | 'low' | 'medium' | 'high' | 'xhigh'; summary?: 'auto' | 'concise' | 'detailed' };
  /** Provider capability: false → omit `parallel_tool_calls` (default true). */
  parallelToolCalls?: boolean;
  /** Chat, provider capability: false → no `stream_options.include_usage` (default true). */
  streamUsage?: boolean;
  /** Provider capability: false → no reasoning fields, no reasoning items sent back (default true). */
  sendReasoning?: boolean;
  /** Provider capability: false → response schemas go with `strict: false` (default true). */
  strictSchemas?: boolean;
}

/**
 * Streams one attempt: text/reasoning deltas as they arrive, tool calls when complete, then exactly one
 * `completed`. Throws (StreamCutError, SDK errors, …) when the attempt fails; never yields `retry`.
 */
export type WireAdapter = (sdk: OpenAI, req: ModelRequest, ctx: AttemptContext, opts: WireOptions) => AsyncGenerator<ModelDelta>;
