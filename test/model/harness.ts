// Test helpers for the model client: a client pointed at a scripted server, and delta collection.
import { createModelClient } from '../../src/model/client.ts';
import type { ModelClientOptions } from '../../src/model/client.ts';
import type { ModelClient, ModelDelta, ModelRequest } from '../../src/model/types.ts';
import { ModelError } from '../../src/model/types.ts';

export const TEST_KEY = 'sk-test-key';

export function clientFor(url: string, wireApi: 'responses' | 'chat', extra: Partial<ModelClientOptions> = {}): ModelClient {
  return createModelClient({
    provider: 'scripted',
    model: 'test-model',
    baseURL: url,
    apiKey: TEST_KEY,
    apiKeyEnv: 'SCRIPTED_API_KEY',
    wireApi,
    retry: { maxAttempts: 4, baseDelayMs: 5, maxDelayMs: 2_000 },
    idleTimeoutMs: 5_000,
    ...extra,
  });
}

export function request(extra: Partial<ModelRequest> = {}): ModelRequest {
  return { model: 'test-model', instructions: 'You are a test.', input: [{ type: 'message', role: 'user', content: 'hi' }], tools: [], ...extra };
}

export interface Collected {
  deltas: ModelDelta[];
  error: unknown;
}

/** Drains the stream; never throws (the error, if any, is returned). */
export async function collect(client: ModelClient, req: ModelRequest = request(), signal: AbortSignal = new AbortController().signal): Promise<Collected> {
  const deltas: ModelDelta[] = [];
  try {
    for await (const d of client.stream(req, signal)) deltas.push(d);
    return { deltas, error: undefined };
  } catch (error) {
    return { deltas, error };
  }
}

/** The deltas of the last attempt (what a consumer keeps after discarding on `retry`). */
export function lastAttempt(deltas: ModelDelta[]): ModelDelta[] {
  const i = deltas.findLastIndex((d) => d.type === 'retry');
  return deltas.slice(i + 1);
}

export function textOf(deltas: ModelDelta[]): string {
  return deltas.map((d) => (d.type === 'text_delta' ? d.text : '')).join('');
}

export function completedOf(deltas: ModelDelta[]): Extract<ModelDelta, { type: 'completed' }> {
  const last = deltas.at(-1);
  if (!last || last.type !== 'completed') throw new Error(`expected a completed delta last, got ${JSON.stringify(last)}`);
  return last;
}

export function retriesOf(deltas: ModelDelta[]): Extract<ModelDelta, { type: 'retry' }>[] {
  return deltas.filter((d): d is Extract<ModelDelta, { type: 'retry' }> => d.type === 'retry');
}

export function modelError(e: unknown): ModelError {
  if (!(e instanceof ModelError)) throw new Error(`expected a ModelError, got ${String(e)}`);
  return e;
}

export const TOOLS = [
  { name: 'shell', description: 'Run a command', parameters: { type: 'object', properties: { command: { type: 'string' } }, required: ['command'] } },
  { name: 'read_file', description: 'Read a file', parameters: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] } },
];
