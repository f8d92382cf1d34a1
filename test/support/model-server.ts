// A scripted OpenAI-compatible model server on 127.0.0.1 for tests and the benchmark: real HTTP and SSE
// on both wire APIs (Responses and Chat Completions), each request answered by the next scripted turn,
// with injectable faults (HTTP errors, cut streams, stalls, endless trickles) and Chat provider quirks.
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { chatChunks } from './model-server/chat-chunks.ts';
import { errorBody } from './model-server/pieces.ts';
import { responsesEvents } from './model-server/responses-events.ts';
import type { ModelServer, ModelServerOptions, RecordedRequest, Script, ScriptedTurn, SseEvent } from './model-server/types.ts';

export type {
  Fault,
  ModelServer,
  ModelServerOptions,
  Quirks,
  RecordedRequest,
  Script,
  ScriptedOutput,
  ScriptedTurn,
} from './model-server/types.ts';

export async function startModelServer(script: Script, opts: ModelServerOptions = {}): Promise<ModelServer> {
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const closing = new AbortController();
  let consumed = 0;

  const nextTurn = (rec: RecordedRequest): ScriptedTurn | undefined => {
    if (typeof script === 'function') return script(rec, consumed++);
    const turn = script[consumed];
    if (turn) consumed++;
    return turn;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const raw = await readBody(req);
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    let body: unknown = undefined;
    if (raw.length > 0) {
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        body = raw.toString('utf8');
      }
    }
    const rec: RecordedRequest = { path, headers: { ...req.headers }, body, bytes: raw.length, at: Date.now() };
    requests.push(rec);

    if (opts.apiKey !== undefined && req.headers.authorization !== `Bearer ${opts.apiKey}`) {
      const shown = (req.headers.authorization ?? '').replace(/^Bearer\s*/, '').slice(0, 6);
      return sendJson(res, 401, errorBody(
        `Incorrect API key provided: ${shown}****. You can find your API key at https://platform.openai.com/account/api-keys.`,
        'invalid_request_error', 'invalid_api_key'));
    }
    if (req.method === 'GET' && path === '/v1/models') {
      const data = (opts.models ?? ['test-model']).map((id) => ({ id, object: 'model', created: 1_700_000_000, owned_by: 'model-server' }));
      return sendJson(res, 200, { object: 'list', data });
    }
    const wire = req.method === 'POST' && path === '/v1/responses' ? 'responses'
      : req.method === 'POST' && path === '/v1/chat/completions' ? 'chat' : undefined;
    if (!wire) {
      return sendJson(res, 404, errorBody(`Invalid URL (${req.method ?? 'GET'} ${path})`, 'invalid_request_error', null));
    }
    const fields = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    if (opts.models && !opts.models.includes(String(fields.model))) {
      return sendJson(res, 404, errorBody(
        `The model \`${String(fields.model)}\` does not exist or you do not have access to it.`,
        'invalid_request_error', 'model_not_found'));
    }
    if (fields.stream !== true) {
      return sendJson(res, 400, errorBody('model-server: only streaming requests (stream: true) are supported.', 'invalid_request_error', null));
    }
    const turn = nextTurn(rec);
    if (!turn) {
      return sendJson(res, 500, errorBody(`model-server: script exhausted after ${consumed} turns`, 'server_error', null));
    }
    const turnNo = consumed;
    const fault = turn.fault;
    if (fault?.kind === 'status') {
      const headers: Record<string, string> = {};
      if (fault.retryAfter !== undefined) headers['retry-after'] = String(fault.retryAfter);
      return sendJson(res, fault.status, fault.body ?? defaultErrorBody(fault.status), headers);
    }
    const events = wire === 'responses' ? responsesEvents(turn, rec, turnNo) : chatChunks(turn, rec, turnNo, opts.quirks);
    await streamEvents(res, rec, events, turn, closing.signal);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) sendJson(res, 500, errorBody(`model-server: ${String(err)}`, 'server_error', null));
      else res.destroy();
    });
  });
  server.on('connection', (socket) => {
    socket.setNoDelay(true);
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('model-server: no TCP address');

  return {
    url: `http://127.0.0.1:${address.port}/v1`,
    requests,
    remaining: () => (typeof script === 'function' ? Number.POSITIVE_INFINITY : script.length - consumed),
    close: async () => {
      closing.abort();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const s of sockets) s.destroy();
      await closed;
    },
  };
}

async function streamEvents(res: ServerResponse, rec: RecordedRequest, events: SseEvent[], turn: ScriptedTurn, closing: AbortSignal): Promise<void> {
  let cutByUs = false;
  res.on('close', () => {
    if (!res.writableFinished && !cutByUs && !closing.aborted) rec.clientClosed = true;
  });
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive' });
  res.flushHeaders();
  const fault = turn.fault;
  try {
    for (let i = 0; i < events.length; i++) {
      if (fault?.kind === 'cut' && i === fault.afterEvents) {
        cutByUs = true;
        res.socket?.destroy();
        return;
      }
      if (fault?.kind === 'trickle' && i === fault.afterEvents) {
        await trickle(res, events[i - 1] as SseEvent, fault.everyMs, closing);
        return;
      }
      if (fault?.kind === 'hold' && i === fault.afterEvents) await held(fault.until, closing);
      else if (fault?.kind === 'stall' && i === fault.afterEvents) await sleep(fault.ms, undefined, { signal: closing });
      else if (turn.chunkDelayMs && i > 0) await sleep(turn.chunkDelayMs, undefined, { signal: closing });
      if (res.destroyed) return;
      const ev = events[i] as SseEvent;
      const frame = sseFrame(ev);
      await new Promise<void>((resolve) => res.write(frame, () => resolve()));
    }
    if (fault?.kind === 'cut' && fault.afterEvents >= events.length) {
      cutByUs = true;
      res.socket?.destroy();
      return;
    }
    res.end();
  } catch {
    res.destroy(); // the server is closing
  }
}

/** Resolves when `until` settles or the server closes. */
function held(until: Promise<unknown>, closing: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    until.then(() => resolve(), () => resolve());
    if (closing.aborted) resolve();
    else closing.addEventListener('abort', () => resolve(), { once: true });
  });
}

/** Sends `ev` every `everyMs` until the client goes away or the server closes. */
async function trickle(res: ServerResponse, ev: SseEvent, everyMs: number, closing: AbortSignal): Promise<void> {
  const frame = sseFrame(ev);
  while (!res.destroyed && !closing.aborted) {
    await new Promise<void>((resolve) => res.write(frame, () => resolve()));
    await sleep(everyMs, undefined, { signal: closing });
  }
}

function sseFrame(ev: SseEvent): string {
  return `${ev.event ? `event: ${ev.event}\n` : ''}data: ${ev.data}\n\n`;
}

function defaultErrorBody(status: number): unknown {
  if (status === 429) return errorBody('Rate limit reached for requests. Please try again later.', 'requests', 'rate_limit_exceeded');
  if (status === 401) return errorBody('Incorrect API key provided.', 'invalid_request_error', 'invalid_api_key');
  if (status >= 500) return errorBody('The server had an error while processing your request. Sorry about that!', 'server_error', null);
  return errorBody(`model-server: scripted HTTP ${status}`, 'invalid_request_error', null);
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
