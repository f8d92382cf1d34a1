// Sorts a failed attempt into "retry it" or a final ModelError, from the SDK's error classes and the
// provider's error body.
import type { APIError } from 'openai';
import type { OpenAIModule } from './sdk.ts';
import { scrubURLs } from './display-url.ts';
import { parseRetryAfter } from './retry.ts';
import { ModelError } from './types.ts';

/** The stream ended (or was closed) before the provider's completion event. */
export class StreamCutError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StreamCutError';
  }
}

/** The provider reported a failure inside a 200 stream (Responses `response.failed`). */
export class StreamFailedError extends Error {
  readonly code: string | undefined;
  constructor(message: string, code: string | undefined) {
    super(message);
    this.name = 'StreamFailedError';
    this.code = code;
  }
}

export interface Retryable {
  retryable: true;
  message: string;
  retryAfterMs?: number;
}

export interface ErrorContext {
  provider: string;
  model: string;
  apiKeyEnv: string;
  /** The caller's signal aborted. */
  aborted: boolean;
  /** The idle watchdog closed the stream. */
  idleMs: number | undefined;
  /** The base URL as it may be shown (display-url.ts: no credentials, no query). */
  baseURL?: string;
  /** How to point hew at the right server, e.g. "set OPENAI_BASE_URL or providers.openai.base_url". */
  baseURLFix?: string;
  /** The server has completed a response for this client before (an unreachable server is then retried). */
  answeredBefore?: boolean;
}

/**
 * Connection failures that another attempt will not fix: nothing listens at the port, or the host name
 * does not resolve. They end the request at once with the URL and the fix — but only while the server
 * has never answered this client: once it has, the same failure is a server restarting (a local
 * model server reloading) and is retried like a reset. A reset, a timeout or a temporary DNS failure
 * (EAI_AGAIN) is always retried.
 */
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND']);

const CONTEXT_CODES = new Set(['context_length_exceeded', 'string_above_max_length']);
const CONTEXT_TEXT = /context[ _-]?(length|window)|maximum context|too many tokens|prompt is too long|exceeds the context/i;
const MODEL_MISSING_TEXT = /model\b.*\b(does not exist|not found|not exist|unknown)|unknown model|no such model|model_not_found/i;

/** `sdk` is the loaded `openai` module, whose error classes are checked (it loads lazily). */
export function classifyError(err: unknown, sdk: Pick<OpenAIModule, 'APIConnectionError' | 'APIConnectionTimeoutError' | 'APIError' | 'APIUserAbortError'>, ctx: ErrorContext): ModelError | Retryable {
  const { APIConnectionError, APIConnectionTimeoutError, APIError: ApiError, APIUserAbortError } = sdk;
  if (err instanceof ModelError) return err;
  if (ctx.aborted) return new ModelError('aborted', 'The model request was aborted.');
  if (ctx.idleMs !== undefined) {
    return { retryable: true, message: `${ctx.provider} sent nothing for ${seconds(ctx.idleMs)}; the stream was closed` };
  }
  if (err instanceof APIConnectionTimeoutError) return { retryable: true, message: `the request to ${ctx.provider} timed out` };
  if (err instanceof APIUserAbortError) return { retryable: true, message: `the request to ${ctx.provider} was cancelled` };
  if (err instanceof APIConnectionError) {
    const where = ctx.baseURL ? ` at ${ctx.baseURL}` : '';
    const code = causeCode(err);
    if (code && UNREACHABLE_CODES.has(code)) {
      if (ctx.answeredBefore) return { retryable: true, message: unreachable(ctx, where, code) };
      return new ModelError('unavailable', unreachable(ctx, where, code));
    }
    if (/URL that includes credentials/i.test(describeCause(err))) {
      return new ModelError('unavailable', `cannot reach ${ctx.provider}${where}: a base URL may not hold a user name or password; put the key in ${ctx.apiKeyEnv} (or a header under providers.${ctx.provider}.headers).`);
    }
    return { retryable: true, message: scrubURLs(`could not reach ${ctx.provider}${where}: ${describeCause(err)}`) };
  }
  if (err instanceof ApiError) return classifyApiError(err, ctx);
  if (err instanceof StreamFailedError) {
    if (err.code && CONTEXT_CODES.has(err.code)) return contextError(err.message, ctx);
    return { retryable: true, message: `${ctx.provider} failed the response: ${err.message}` };
  }
  if (err instanceof StreamCutError) return { retryable: true, message: err.message };
  return { retryable: true, message: scrubURLs(`the stream from ${ctx.provider} broke: ${describeCause(err)}`) };
}

function classifyApiError(err: APIError, ctx: ErrorContext): ModelError | Retryable {
  const status = err.status;
  const message = providerMessage(err);
  const code = err.code ?? undefined;
  if (code && CONTEXT_CODES.has(code)) return contextError(message, ctx, status);
  if (status === undefined) {
    // An error event inside a 200 stream.
    if (CONTEXT_TEXT.test(message)) return contextError(message, ctx);
    return { retryable: true, message: `${ctx.provider} reported an error mid-stream: ${message}` };
  }
  if (status === 401 || status === 403) {
    return new ModelError('auth', `The provider ${ctx.provider} refused the API key (HTTP ${status}); check ${ctx.apiKeyEnv}.`, status);
  }
  if (status === 429 && (code === 'insufficient_quota' || err.type === 'insufficient_quota')) {
    return new ModelError('unavailable', `The provider ${ctx.provider} says the quota is exhausted: ${message}`, status);
  }
  if (status === 408 || status === 409 || status === 429 || status >= 500) {
    const retry: Retryable = { retryable: true, message: `HTTP ${status} from ${ctx.provider}: ${message}` };
    const after = parseRetryAfter(err.headers);
    if (after !== undefined) retry.retryAfterMs = after;
    return retry;
  }
  if (code === 'model_not_found' || ((status === 404 || status === 400) && MODEL_MISSING_TEXT.test(message))) {
    return new ModelError('model_not_found', `The provider ${ctx.provider} does not know the model ${ctx.model}; \`hew models\` lists the models it serves (choose one with -m MODEL or model = "…" in the config).`, status);
  }
  if (status === 413 || CONTEXT_TEXT.test(message)) return contextError(message, ctx, status);
  return new ModelError('bad_request', `The provider ${ctx.provider} rejected the request (HTTP ${status}): ${message}`, status);
}

function contextError(message: string, ctx: ErrorContext, status?: number): ModelError {
  return new ModelError('context_length', `The conversation no longer fits the context window of ${ctx.model}: ${message}`, status);
}

/** The provider's own message from the error body, without the SDK's "400 " prefix. */
function providerMessage(err: APIError): string {
  const body = err.error as { message?: unknown } | string | undefined;
  if (typeof body === 'string' && body) return body;
  if (body && typeof body === 'object' && typeof body.message === 'string' && body.message) return body.message;
  return err.message.replace(/^\d{3}\s+/, '') || 'no details given';
}

/** `cannot reach openai at http://127.0.0.1:9/v1 (ECONNREFUSED); …fix…`: one line, said once. */
function unreachable(ctx: ErrorContext, where: string, code: string): string {
  const why = code === 'ENOTFOUND' ? 'the host name does not resolve' : 'nothing is listening there';
  const first = code === 'ENOTFOUND' ? 'check the host name' : 'start the server';
  const fix = `${first}, or ${ctx.baseURLFix ?? 'point hew at the right URL'}`;
  return `cannot reach ${ctx.provider}${where} (${code}: ${why}); ${fix}; \`hew doctor\` checks the connection.`;
}

/** The first system error code (`ECONNREFUSED`, …) in the cause chain. */
function causeCode(err: unknown): string | undefined {
  let cause: unknown = err;
  for (let depth = 0; cause instanceof Error && depth < 5; depth++) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return code;
    const nested = (cause as { errors?: unknown }).errors; // an AggregateError (IPv4 and IPv6 both refused)
    if (Array.isArray(nested) && nested[0] instanceof Error) {
      const inner = (nested[0] as { code?: unknown }).code;
      if (typeof inner === 'string' && /^E[A-Z]+$/.test(inner)) return inner;
    }
    cause = cause.cause;
  }
  return undefined;
}

function describeCause(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const parts = [err.message];
  let cause: unknown = err.cause;
  for (let depth = 0; cause instanceof Error && depth < 3; depth++) {
    const code = (cause as { code?: unknown }).code;
    parts.push(typeof code === 'string' ? `${cause.message} (${code})` : cause.message);
    cause = cause.cause;
  }
  return parts.filter((p, i) => p && parts.indexOf(p) === i).join(': ');
}

function seconds(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 1)}s` : `${ms}ms`;
}
