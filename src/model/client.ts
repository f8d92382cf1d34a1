// createModelClient: one ModelClient over the `openai` SDK for either wire API, with our own retries
// (reported as `retry` deltas), an idle-stream watchdog, a ceiling on each response's duration and
// size, and errors mapped to ModelError kinds.
import type OpenAI from 'openai';
import { loadSdk } from './sdk.ts';
import type { OpenAIModule } from './sdk.ts';
import { displayURL } from './display-url.ts';
import { classifyError } from './errors.ts';
import { describeCeilingHit, meteredFetch, startCeiling } from './ceiling.ts';
import { startIdleWatchdog } from './idle.ts';
import { abortedError, backoffDelay, resolveRetryPolicy, sleep } from './retry.ts';
import type { RetryOptions } from './retry.ts';
import { ModelError } from './types.ts';
import type { ModelClient, ModelDelta, ModelRequest } from './types.ts';
import { streamChat } from './wire-chat.ts';
import { streamResponses } from './wire-responses.ts';
import type { WireAdapter, WireOptions } from './wire.ts';
import { plural } from '../format/plural.ts';

export interface ModelClientOptions {
  /** Provider name, used in messages and events. */
  provider: string;
  model: string;
  baseURL: string;
  /** Undefined → stream() throws ModelError('auth') naming `apiKeyEnv`. */
  apiKey: string | undefined;
  /** The environment variable the key comes from (default OPENAI_API_KEY), for messages. */
  apiKeyEnv?: string;
  /** How to point hew at another server, for the message when this one cannot be reached. */
  baseURLFix?: string;
  wireApi: 'responses' | 'chat';
  headers?: Record<string, string>;
  /** Defaults: 5 attempts in total, base 500 ms, max 20 s. */
  retry?: RetryOptions;
  /** No SSE event for this long → the stream counts as cut (retryable). Default 60 s. */
  idleTimeoutMs?: number;
  /** Time allowed until the response headers arrive (the SDK's `timeout`). Default 10 minutes. */
  requestTimeoutMs?: number;
  /** Ceiling on one response's wall time, request to end of stream (ceiling.ts). Default 20 minutes; not retried. */
  responseMaxMs?: number;
  /** Ceiling on one response's bytes on the wire (ceiling.ts). Default 64 MiB; not retried. */
  responseMaxBytes?: number;
  /** The `reasoning` setting (Responses; Chat sends only its effort); also asks for encrypted reasoning so it can be sent back. */
  reasoning?: WireOptions['reasoning'];
  /** Added to every request's URL query (the SDK's defaultQuery). */
  queryParams?: Record<string, string>;
  /** What the provider accepts (see WireOptions); each defaults to true. */
  capabilities?: Pick<WireOptions, 'parallelToolCalls' | 'streamUsage' | 'sendReasoning' | 'strictSchemas'>;
}

const IDLE_REASON = 'hew: idle stream';
const CEILING_REASON = 'hew: response ceiling';

export function createModelClient(opts: ModelClientOptions): ModelClient {
  const policy = resolveRetryPolicy(opts.retry);
  const idleMs = opts.idleTimeoutMs ?? 60_000;
  const apiKeyEnv = opts.apiKeyEnv ?? 'OPENAI_API_KEY';
  const shownURL = displayURL(opts.baseURL);
  const adapter: WireAdapter = opts.wireApi === 'chat' ? streamChat : streamResponses;
  const wireOptions: WireOptions = { ...opts.capabilities, ...(opts.reasoning ? { reasoning: opts.reasoning } : {}) };
  let sdk: OpenAI | undefined;
  let sdkModule: OpenAIModule | undefined;
  /** A response has completed: the server was up (errors.ts retries an unreachable server from then on). */
  let answered = false;

  const getSdk = async (apiKey: string): Promise<OpenAI> => {
    sdkModule ??= await loadSdk();
    const { default: OpenAIClient } = sdkModule;
    sdk ??= new OpenAIClient({
      apiKey,
      baseURL: opts.baseURL,
      maxRetries: 0, // retries are ours, so each can be reported
      fetch: meteredFetch(),
      logLevel: 'off',
      timeout: opts.requestTimeoutMs ?? 10 * 60_000,
      defaultHeaders: opts.headers ?? {},
      ...(opts.queryParams && Object.keys(opts.queryParams).length > 0 ? { defaultQuery: opts.queryParams } : {}),
      // OPENAI_ORG_ID / OPENAI_PROJECT_ID belong to OpenAI; never send them to another provider.
      ...(opts.provider === 'openai' ? {} : { organization: null, project: null }),
    });
    return sdk;
  };

  const apiKey = opts.apiKey;
  const noKey = (): ModelError => new ModelError('auth', `No API key: set ${apiKeyEnv} (provider ${opts.provider}).`);
  // Known before any request: every request would fail, so the client says so up front (ModelClient.refusal).
  const refusal = apiKey === undefined || apiKey === '' ? noKey() : undefined;

  async function* stream(req: ModelRequest, signal: AbortSignal): AsyncGenerator<ModelDelta> {
    if (apiKey === undefined || apiKey === '') throw noKey();
    const client = await getSdk(apiKey);
    for (let attempt = 1; ; attempt++) {
      if (signal.aborted) throw abortedError();
      const attemptAbort = new AbortController();
      const forward = (): void => attemptAbort.abort(signal.reason);
      signal.addEventListener('abort', forward, { once: true });
      const watchdog = startIdleWatchdog(idleMs, () => attemptAbort.abort(new Error(IDLE_REASON)));
      const ceiling = startCeiling({ maxMs: opts.responseMaxMs, maxBytes: opts.responseMaxBytes }, () => attemptAbort.abort(new Error(CEILING_REASON)));
      let failure: unknown;
      try {
        const ctx = { signal: attemptAbort.signal, touch: () => watchdog.touch(), meter: ceiling.meter };
        for await (const delta of adapter(client, req, ctx, wireOptions)) {
          watchdog.pause(); // the consumer's time is not the provider's silence
          if (delta.type === 'completed') answered = true;
          yield delta;
          watchdog.touch();
          if (delta.type === 'completed') return;
        }
        failure = new Error('the adapter ended without a completed delta');
      } catch (err) {
        failure = err;
      } finally {
        watchdog.stop();
        ceiling.stop();
        signal.removeEventListener('abort', forward);
        attemptAbort.abort(); // closes the HTTP stream if the consumer stopped early
      }

      if (ceiling.hit && !signal.aborted) throw new ModelError('response_limit', describeCeilingHit(ceiling.hit, opts.provider));
      const verdict = classifyError(failure, sdkModule as OpenAIModule, {
        provider: opts.provider,
        model: req.model,
        apiKeyEnv,
        baseURL: shownURL,
        ...(opts.baseURLFix ? { baseURLFix: opts.baseURLFix } : {}),
        aborted: signal.aborted,
        idleMs: watchdog.fired ? idleMs : undefined,
        answeredBefore: answered,
      });
      if (verdict instanceof ModelError) throw verdict;
      if (attempt >= policy.maxAttempts) {
        throw new ModelError(
          'unavailable',
          `The provider ${opts.provider} failed ${plural(attempt, 'time')}; last error: ${verdict.message}`,
        );
      }
      const delayMs = backoffDelay(policy, attempt + 1, verdict.retryAfterMs);
      yield { type: 'retry', message: verdict.message, attempt: attempt + 1, delayMs };
      await sleep(delayMs, signal);
    }
  }

  return {
    provider: opts.provider,
    model: opts.model,
    ...(refusal ? { refusal } : {}),
    stream,
  };
}
