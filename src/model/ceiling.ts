// The ceiling on one model response (one attempt): wall time from sending the request to the end of
// the stream, and bytes received. The idle watchdog only notices silence; a provider that keeps
// sending a byte now and then, or sends without end, is stopped here. Bytes are counted on the raw
// HTTP body (SSE framing included, error bodies too) before the SDK parses anything, so one huge
// event cannot fill memory either.
//
// Reaching the ceiling is not retried (a response that ran this long or this large would most likely
// do it again): the request fails with ModelError('response_limit') and the run fails (exit 1).

/** Default wall time of one response: 20 minutes (a slow reasoning model stays well within it). */
export const DEFAULT_RESPONSE_MAX_MS = 20 * 60_000;
/**
 * Default bytes of one response on the wire: 64 MiB. Each streamed token costs ~150–250 bytes of SSE
 * and JSON around it, so this still holds a response of ~100k tokens.
 */
export const DEFAULT_RESPONSE_MAX_BYTES = 64 * 1024 * 1024;

export interface CeilingOptions {
  maxMs?: number;
  maxBytes?: number;
}

export type CeilingHit = { kind: 'time'; limit: number } | { kind: 'size'; limit: number };

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface ResponseCeiling {
  /** Counts bytes received; past the limit the ceiling is hit (once) and this throws. */
  meter(bytes: number): void;
  stop(): void;
  /** What was hit, if anything. */
  readonly hit: CeilingHit | undefined;
}

/** Starts the clock for one attempt; `onHit` is called once (it should abort the attempt). */
export function startCeiling(opts: CeilingOptions, onHit: (hit: CeilingHit) => void, timers: Timers = realTimers): ResponseCeiling {
  const maxMs = opts.maxMs ?? DEFAULT_RESPONSE_MAX_MS;
  const maxBytes = opts.maxBytes ?? DEFAULT_RESPONSE_MAX_BYTES;
  let hit: CeilingHit | undefined;
  let bytes = 0;
  const fire = (h: CeilingHit): void => {
    if (hit) return;
    hit = h;
    timers.clearTimeout(timer);
    onHit(h);
  };
  const timer = timers.setTimeout(() => fire({ kind: 'time', limit: maxMs }), maxMs);
  return {
    meter(n) {
      bytes += n;
      if (bytes > maxBytes) fire({ kind: 'size', limit: maxBytes });
      if (hit) throw new Error(`hew: response ${hit.kind} ceiling`);
    },
    stop: () => timers.clearTimeout(timer),
    get hit() {
      return hit;
    },
  };
}

/** The message for a response stopped at its ceiling, naming the setting that raises it. */
export function describeCeilingHit(hit: CeilingHit, provider: string): string {
  if (hit.kind === 'time') {
    return `The response from ${provider} was still streaming after ${describeMs(hit.limit)}, the ceiling for one response; it was closed. If the provider is just slow, raise providers.${provider}.response_max_ms.`;
  }
  return `The response from ${provider} passed ${describeBytes(hit.limit)}, the ceiling for one response; it was closed. If such a response is expected, raise providers.${provider}.response_max_bytes.`;
}

function describeMs(ms: number): string {
  if (ms % 60_000 === 0) return `${ms / 60_000} minute${ms === 60_000 ? '' : 's'}`;
  if (ms % 1000 === 0) return `${ms / 1000} s`;
  return `${ms} ms`;
}

function describeBytes(n: number): string {
  if (n % (1024 * 1024) === 0) return `${n / (1024 * 1024)} MiB`;
  return `${n} bytes`;
}

const METER = Symbol('hew.responseMeter');

type MeteredInit = RequestInit & { [METER]?: (bytes: number) => void };

/** Per-request SDK options that route the response body through `meter` (see meteredFetch). */
export function meteredFetchOptions(meter: ((bytes: number) => void) | undefined): { fetchOptions?: Record<never, never> } {
  return meter ? { fetchOptions: { [METER]: meter } } : {};
}

/**
 * A fetch for the SDK: a request made with meteredFetchOptions gets its response body counted as it
 * is read; when the meter throws, the body errors and the SDK's stream (or error-body read) fails.
 */
export function meteredFetch(base: typeof fetch = globalThis.fetch): typeof fetch {
  return async (input, init) => {
    const meter = (init as MeteredInit | undefined)?.[METER];
    const response = await base(input, init);
    if (!meter || !response.body) return response;
    const counted = response.body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          meter(chunk.byteLength);
          controller.enqueue(chunk);
        },
      }),
    );
    return new Response(counted, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}
