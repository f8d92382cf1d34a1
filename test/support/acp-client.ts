// Drives `hew acp` as an editor does: the built CLI as a child process speaking JSON-RPC 2.0 on its
// stdio, one message per line. Two clients over the same process harness:
//
//   const proc = spawnAcp(world);                       // bin/hew acp, the world's home, key and model server
//   await withSdkClient(proc, async (c) => {            // the SDK's client side (2.x app API)
//     await c.initialize();
//     const session = await c.ctx.buildSession({ cwd: world.repo, mcpServers: [] }).start();
//     c.answerPermissions(() => ({ outcome: { outcome: 'selected', optionId: 'allow_once' } }));
//     const res = await session.prompt('fix the failing test');
//     c.updatesOf(session.sessionId)                    // every session/update, in order
//   });
//   const exit = await proc.endInput();                 // stdin EOF (the editor went away) → exit
//
//   const raw = rawClient(spawnAcp(world));             // JSON-RPC lines written by hand
//   const init = await raw.request('initialize', { protocolVersion: 1 });
//   const ask = await raw.nextRequest('session/request_permission');
//   raw.respond(ask.id, { outcome: { outcome: 'selected', optionId: 'allow_once' } });
//
// The harness checks what an editor relies on: every stdout line is one JSON-RPC 2.0 message, every
// session/update and session/request_permission matches the ACP v1 schema (`proc.violations()`,
// asserted by `endInput`). Every wait is for a line, an update or the exit, with a generous safety
// timeout that names what was awaited and shows stderr (the editor's ACP log).
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { PassThrough, Readable, Writable } from 'node:stream';
import { client, methods, ndJsonStream, type ClientContext } from '@agentclientprotocol/sdk';
import type * as acp from '@agentclientprotocol/sdk';
import { expect } from 'vitest';
import { acpSchemaErrors, expectValidAcp } from './acp-schema.ts';
import { ROOT } from './fixtures.ts';
import type { World } from './world.ts';

/** How long any single wait may take before the test fails (a safety net, never the synchronisation). */
const WAIT_MS = 90_000;

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** One JSON-RPC message as read from stdout. */
export interface RpcMessage {
  jsonrpc: '2.0';
  id?: number | string | null;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: { code: number; message: string; data?: unknown };
}

export interface AcpProcess {
  readonly child: ChildProcessWithoutNullStreams;
  readonly pid: number;
  /** Every message read from stdout so far, in order. */
  readonly messages: RpcMessage[];
  /** stdout as bytes for the SDK client (a tee of the checked stream). */
  readonly stdout: Readable;
  stderr(): string;
  /** Lines that were not one JSON-RPC 2.0 message, and updates or requests the schema rejects. */
  violations(): string[];
  /** Null while running. */
  exit(): Exit | null;
  readonly exited: Promise<Exit>;
  /** Resolves with the first message (already read or still to come) that satisfies `pred`. */
  waitForMessage(pred: (m: RpcMessage) => boolean, what: string): Promise<RpcMessage>;
  /** Writes one JSON-RPC message as a line. */
  write(message: unknown): void;
  /** Closes stdin (the editor went away), waits for the exit, and asserts the stdout was pure protocol. */
  endInput(): Promise<Exit>;
  kill(): void;
}

export interface SpawnAcpOptions {
  /** Arguments after `acp` (`-a untrusted`, `--skip-git-repo-check`, …). */
  args?: string[];
  /** Added to the world's environment; `undefined` removes a variable. */
  env?: Record<string, string | undefined>;
  /** The process's cwd (an editor starts it anywhere): the world's directory, which is no repository, by default. */
  cwd?: string;
}

const running = new Set<AcpProcess>();

/** Kills every `hew acp` still running (use as `afterEach(killAcps)`, before `closeWorlds`). */
export async function killAcps(): Promise<void> {
  const procs = [...running];
  running.clear();
  for (const p of procs) {
    if (p.exit() === null) p.kill();
    await p.exited;
  }
}

/** Starts `bin/hew acp` with the world's environment, stdio piped. */
export function spawnAcp(world: World, opts: SpawnAcpOptions = {}): AcpProcess {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...process.env, NO_COLOR: '1', ...world.env, ...opts.env })) {
    if (v !== undefined) env[k] = v;
  }
  const child = spawn(process.execPath, [join(ROOT, 'bin/hew'), 'acp', ...(opts.args ?? [])], {
    cwd: opts.cwd ?? world.dir,
    env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const proc = new ChildAcp(child);
  running.add(proc);
  return proc;
}

class ChildAcp implements AcpProcess {
  readonly messages: RpcMessage[] = [];
  readonly stdout = new PassThrough();
  readonly exited: Promise<Exit>;
  private err = '';
  private partial = '';
  private bad: string[] = [];
  private exitState: Exit | null = null;
  private waiters = new Set<() => void>();
  readonly child: ChildProcessWithoutNullStreams;

  constructor(child: ChildProcessWithoutNullStreams) {
    this.child = child;
    child.stdout.on('data', (chunk: Buffer) => {
      this.stdout.write(chunk);
      this.take(chunk.toString('utf8'));
    });
    child.stdout.on('end', () => this.stdout.end());
    child.stderr.setEncoding('utf8').on('data', (c: string) => (this.err += c));
    child.stdin.on('error', () => {
      // the process exited while we wrote; the exit is what the test sees
    });
    this.exited = new Promise((resolve) => {
      child.on('close', (code, signal) => {
        if (this.partial !== '') this.bad.push(`an unterminated last line: ${this.partial.slice(0, 200)}`);
        this.exitState = { code, signal };
        resolve(this.exitState);
        this.wake();
      });
    });
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  stderr(): string {
    return this.err;
  }

  violations(): string[] {
    return [...this.bad];
  }

  exit(): Exit | null {
    return this.exitState;
  }

  write(message: unknown): void {
    this.child.stdin.write(`${JSON.stringify(message)}\n`);
  }

  waitForMessage(pred: (m: RpcMessage) => boolean, what: string): Promise<RpcMessage> {
    return this.until(() => this.messages.find(pred), what);
  }

  /** Resolves with `probe()` once it is defined, re-checked on every message and at the exit. */
  until<T>(probe: () => T | undefined, what: string): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = (): void => {
        const found = probe();
        if (found !== undefined) {
          done();
          resolve(found);
        } else if (this.exitState) {
          done();
          reject(new Error(`hew acp exited (${JSON.stringify(this.exitState)}) before ${what}\nstderr:\n${this.err}`));
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`no ${what} in ${WAIT_MS / 1000} s\nstderr:\n${this.err}`));
      }, WAIT_MS);
      const done = (): void => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      this.waiters.add(check);
      check();
    });
  }

  async endInput(): Promise<Exit> {
    this.child.stdin.end();
    const exit = await this.exited;
    expect(this.violations(), `stdout of hew acp must hold only JSON-RPC lines\nstderr:\n${this.err}`).toEqual([]);
    return exit;
  }

  kill(): void {
    this.child.kill('SIGKILL');
  }

  private take(text: string): void {
    const lines = (this.partial + text).split('\n');
    this.partial = lines.pop() ?? '';
    for (const line of lines) {
      const message = checkedLine(line, this.bad);
      if (message) this.messages.push(message);
    }
    this.wake();
  }

  private wake(): void {
    for (const w of [...this.waiters]) w();
  }
}

/** One stdout line as a JSON-RPC 2.0 message, or undefined with the reason pushed to `bad`. */
function checkedLine(line: string, bad: string[]): RpcMessage | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    bad.push(`not JSON: ${line.slice(0, 200)}`);
    return undefined;
  }
  const m = value as RpcMessage;
  const isObject = typeof value === 'object' && value !== null && !Array.isArray(value);
  const shaped = isObject && m.jsonrpc === '2.0' && (
    (typeof m.method === 'string') || ('id' in m && (('result' in m) !== ('error' in m))));
  if (!shaped) {
    bad.push(`not one JSON-RPC 2.0 message: ${line.slice(0, 200)}`);
    return undefined;
  }
  const def = m.method === methods.client.session.update ? 'SessionNotification'
    : m.method === methods.client.session.requestPermission ? 'RequestPermissionRequest' : undefined;
  const errors = def ? acpSchemaErrors(def, m.params) : [];
  if (errors.length > 0) bad.push(`${m.method} against the schema's ${def}: ${errors.slice(0, 3).join('; ')} in ${line.slice(0, 300)}`);
  return m;
}

// ---------------------------------------------------------------------------------------------------
// The SDK client.

/** A permission request the agent sent, waiting for the test's answer (or answered already). */
export interface PendingPermission {
  params: acp.RequestPermissionRequest;
  /** Aborts when the agent withdraws the request (`$/cancel_request`) or the connection closes. */
  signal: AbortSignal;
  respond(response: acp.RequestPermissionResponse): void;
}

export interface SdkClient {
  ctx: ClientContext;
  proc: AcpProcess;
  /** Every session/update received, in order, all sessions. */
  updates: acp.SessionNotification[];
  /** Every permission request received, in order. */
  permissions: acp.RequestPermissionRequest[];
  /** `initialize` as an editor sends it; the answer is checked against the schema. */
  initialize(): Promise<acp.InitializeResponse>;
  updatesOf(sessionId: string): acp.SessionUpdate[];
  /** Resolves with the first update of the session (already received or to come) that satisfies `pred`. */
  waitForUpdate(sessionId: string, pred: (u: acp.SessionUpdate) => boolean, what: string): Promise<acp.SessionUpdate>;
  /** Answer every later permission request with `answer` (undefined: leave them to `nextPermission`). */
  answerPermissions(answer: ((req: acp.RequestPermissionRequest) => acp.RequestPermissionResponse) | undefined): void;
  /** The next permission request not yet taken, for a test that answers it itself (or never does). */
  nextPermission(): Promise<PendingPermission>;
}

/** Connects the SDK's client side to `proc` for the lifetime of `op`. */
export async function withSdkClient<T>(proc: AcpProcess, op: (c: SdkClient) => Promise<T>): Promise<T> {
  const updates: acp.SessionNotification[] = [];
  const permissions: acp.RequestPermissionRequest[] = [];
  const untaken: PendingPermission[] = [];
  let answer: ((req: acp.RequestPermissionRequest) => acp.RequestPermissionResponse) | undefined;
  const waiters = new Set<() => void>();
  const wake = (): void => {
    for (const w of [...waiters]) w();
  };
  const until = <V>(probe: () => V | undefined, what: string): Promise<V> =>
    new Promise((resolve, reject) => {
      const check = (): void => {
        const found = probe();
        if (found !== undefined) {
          done();
          resolve(found);
        } else if (proc.exit()) {
          done();
          reject(new Error(`hew acp exited (${JSON.stringify(proc.exit())}) before ${what}\nstderr:\n${proc.stderr()}`));
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`no ${what} in ${WAIT_MS / 1000} s\nstderr:\n${proc.stderr()}`));
      }, WAIT_MS);
      const done = (): void => {
        clearTimeout(timer);
        waiters.delete(check);
      };
      waiters.add(check);
      void proc.exited.then(check);
      check();
    });

  const app = client({ name: 'hew-test-editor' })
    .onNotification(methods.client.session.update, ({ params }) => {
      updates.push(params);
      wake();
    })
    .onRequest(methods.client.session.requestPermission, ({ params, signal }) => {
      permissions.push(params);
      return new Promise<acp.RequestPermissionResponse>((resolve) => {
        if (answer) return resolve(answer(params));
        untaken.push({ params, signal, respond: resolve });
        wake();
      });
    });
  const stream = ndJsonStream(Writable.toWeb(proc.child.stdin), Readable.toWeb(proc.stdout) as ReadableStream<Uint8Array>);
  return app.connectWith(stream, (ctx) => op({
    ctx,
    proc,
    updates,
    permissions,
    async initialize() {
      const init = await ctx.request(methods.agent.initialize, {
        protocolVersion: 1,
        clientCapabilities: { fs: { readTextFile: true, writeTextFile: true }, terminal: true },
        clientInfo: { name: 'hew-test-editor', version: '1.0.0' },
      });
      expectValidAcp('InitializeResponse', init);
      return init;
    },
    updatesOf: (sessionId) => updates.filter((n) => n.sessionId === sessionId).map((n) => n.update),
    waitForUpdate: (sessionId, pred, what) =>
      until(() => updates.find((n) => n.sessionId === sessionId && pred(n.update))?.update, what),
    answerPermissions(a) {
      answer = a;
    },
    nextPermission: () => until(() => untaken.shift(), 'session/request_permission'),
  }));
}

// ---------------------------------------------------------------------------------------------------
// The raw client.

export interface RawResponse {
  id: number;
  result?: unknown;
  error?: { code: number; message: string; data?: unknown };
}

export interface RawClient {
  proc: AcpProcess;
  /** Sends a request with the next id; resolves with its response (result or error), never rejects on an error. */
  request(method: string, params?: unknown): Promise<RawResponse>;
  /** Sends a request and returns its id without waiting (`response(id)` later). */
  send(method: string, params?: unknown): number;
  response(id: number): Promise<RawResponse>;
  notify(method: string, params?: unknown): void;
  /** The next agent→client request of `method` not yet taken. */
  nextRequest(method: string): Promise<{ id: number | string; params: unknown }>;
  /** Answers an agent→client request by hand. */
  respond(id: number | string | null, result: unknown): void;
  /** Every session/update's params so far. */
  updates(): acp.SessionNotification[];
}

export function rawClient(proc: AcpProcess): RawClient {
  let nextId = 0;
  const taken = new Set<RpcMessage>();
  const raw: RawClient = {
    proc,
    send(method, params) {
      const id = ++nextId;
      proc.write(params === undefined ? { jsonrpc: '2.0', id, method } : { jsonrpc: '2.0', id, method, params });
      return id;
    },
    async response(id) {
      const m = await proc.waitForMessage((x) => x.id === id && x.method === undefined, `the response to request ${id}`);
      return { id, ...(m.error ? { error: m.error } : { result: m.result }) };
    },
    request(method, params) {
      return raw.response(raw.send(method, params));
    },
    notify(method, params) {
      proc.write({ jsonrpc: '2.0', method, params });
    },
    async nextRequest(method) {
      const m = await proc.waitForMessage((x) => x.method === method && x.id !== undefined && !taken.has(x), `a ${method} request`);
      taken.add(m);
      return { id: m.id as number | string, params: m.params };
    },
    respond(id, result) {
      proc.write({ jsonrpc: '2.0', id, result });
    },
    updates: () =>
      proc.messages.filter((m) => m.method === methods.client.session.update).map((m) => m.params as acp.SessionNotification),
  };
  return raw;
}
