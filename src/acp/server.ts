// `hew acp`: the Agent Client Protocol server an editor (Zed, JetBrains, Neovim) starts as a child
// process and talks JSON-RPC 2.0 to over stdio, one message per line. One connection, any number of
// sessions; each session is an interactive controller (the TUI's core) seen through session.ts.
//
// Guarantees:
// - `initialize` answers at once: it waits for no config, sandbox probe or git (those are per session).
// - Nothing but protocol messages goes to `output`; logs go to the host's `log` (stderr).
// - Every update of a session goes out before the answer to the request that caused it (a prompt,
//   `session/load`'s replay), in the order the core emitted them.
// - When the connection closes (the editor quits, stdin ends, a signal), every session is quit: its
//   run is saved (or removed when it never got a prompt) before `serveAcp` resolves.
// - hew never uses the client's file system or terminals: it edits its own copy, and the editor sees
//   diffs and takes them with `/apply`.
import { Readable, Writable } from 'node:stream';
import { agent, methods, ndJsonStream, PROTOCOL_VERSION, RequestError } from '@agentclientprotocol/sdk';
import type * as acp from '@agentclientprotocol/sdk';
import type { McpServerConfig } from '../mcp/types.ts';
import type { InteractiveController } from '../protocol/interactive.ts';
import { availableCommands } from './commands.ts';
import { editorMcpServers } from './mcp-servers.ts';
import { modeState, policyOfMode } from './modes.ts';
import { AcpSession } from './session.ts';

/** What a session needs from the command line: a controller for a repository (a new run, or a run to continue). */
export interface SessionRequest {
  /** The editor's working directory for the session (absolute): the repository. */
  cwd: string;
  /** The editor's MCP servers, merged over the user's `[mcp_servers]` (the editor's win on a name clash). */
  mcpServers: Record<string, McpServerConfig>;
  /** `session/load`: the run to continue (an id or a unique prefix). */
  resume?: string;
}

export interface OpenedSession {
  controller: InteractiveController;
  /** The repository's top (absolute): ACP paths are absolute in it. */
  repo: string;
  /** The model's context window in tokens (for usage updates). */
  contextWindow?: number;
  /** `session/load`: the resumed run's events.jsonl, replayed to the editor before the answer. */
  replay?: string;
}

/** A session the host could not open: `code` is the JSON-RPC error code the editor gets. */
export class SessionOpenError extends Error {
  readonly code: number;

  constructor(message: string, code = -32602) {
    super(message);
    this.code = code;
  }
}

export interface AcpHost {
  version: string;
  /** Opens a session; throws SessionOpenError with a message for the editor. */
  open(request: SessionRequest): Promise<OpenedSession>;
  /** A line for the log (stderr; the editor's ACP log pane shows it). */
  log(line: string): void;
  /** Called once `initialize` has been answered: the time to load what sessions need. */
  initialized?: () => void;
}

export interface AcpIo {
  input: Readable;
  output: Writable;
  /** Closes the connection from outside (a signal); the sessions are then quit as on EOF. */
  stop?: AbortSignal;
}

function initializeAnswer(version: string): acp.InitializeResponse {
  return {
    protocolVersion: PROTOCOL_VERSION,
    agentCapabilities: {
      loadSession: true,
      promptCapabilities: { image: false, audio: false, embeddedContext: true },
      mcpCapabilities: { http: true, sse: false },
    },
    authMethods: [],
    agentInfo: { name: 'hew', title: 'hew', version },
  };
}

/** Serves one connection until it closes; resolves with the exit code once every session is saved. */
export async function serveAcp(host: AcpHost, io: AcpIo): Promise<number> {
  const sessions = new Map<string, AcpSession>();
  const session = (id: string): AcpSession => {
    const found = sessions.get(id);
    if (!found) throw RequestError.sessionNotFound(id);
    return found;
  };
  const open = async (request: SessionRequest, client: acp.AgentContext): Promise<{ id: string; session: AcpSession }> => {
    // An editor reopening a session it still has open here (its tab closed, the thread picked from its
    // history): the run is in use by this very process, so it is quit (saved) first and then loaded.
    // Only by its exact id: a prefix that happens to match an open session may mean another run.
    const reopened = request.resume !== undefined ? sessions.get(request.resume) : undefined;
    if (request.resume !== undefined && reopened) {
      sessions.delete(request.resume);
      await reopened.close();
    }
    let opened: OpenedSession;
    try {
      opened = await host.open(request);
    } catch (err) {
      if (err instanceof SessionOpenError) throw new RequestError(err.code, err.message);
      throw err;
    }
    const id = request.resume ?? opened.controller.info().runId;
    const created = new AcpSession({ id, client, ...opened, log: host.log });
    sessions.get(id)?.close().catch(() => undefined);
    sessions.set(id, created);
    return { id, session: created };
  };
  /** The editor routes updates only for a session id it knows: the commands go out after the answer. */
  const announce = (s: AcpSession): void => void setImmediate(() => s.update({ sessionUpdate: 'available_commands_update', availableCommands: availableCommands() }));
  const mcpOf = (servers: acp.McpServer[]): Record<string, McpServerConfig> => {
    const { servers: taken, skipped } = editorMcpServers(servers);
    for (const line of skipped) host.log(`hew acp: ${line}`);
    return taken;
  };

  const app = agent({ name: 'hew' })
    .onRequest(methods.agent.initialize, () => {
      if (host.initialized) setImmediate(host.initialized);
      return initializeAnswer(host.version);
    })
    .onRequest(methods.agent.session.new, async ({ params, client }) => {
      const { id, session: s } = await open({ cwd: params.cwd, mcpServers: mcpOf(params.mcpServers) }, client);
      announce(s);
      return { sessionId: id, modes: modeState(s.policy()) };
    })
    .onRequest(methods.agent.session.load, async ({ params, client }) => {
      const { session: s } = await open({ cwd: params.cwd, mcpServers: mcpOf(params.mcpServers), resume: params.sessionId }, client);
      await s.replayed();
      announce(s);
      return { modes: modeState(s.policy()) };
    })
    .onRequest(methods.agent.session.prompt, ({ params, signal }) => session(params.sessionId).prompt(params.prompt, signal))
    .onRequest(methods.agent.session.setMode, async ({ params }) => {
      const policy = policyOfMode(params.modeId);
      if (policy === null) throw RequestError.invalidParams({ modeId: params.modeId }, `unknown mode "${params.modeId}": the modes are ask, auto and never-ask`);
      await session(params.sessionId).setPolicy(policy, params.modeId);
      return {};
    })
    .onNotification(methods.agent.session.cancel, ({ params }) => {
      sessions.get(params.sessionId)?.cancel();
    });

  const output = Writable.toWeb(io.output) as WritableStream<Uint8Array>;
  const input = Readable.toWeb(io.input) as ReadableStream<Uint8Array>;
  const connection = app.connect(ndJsonStream(output, input));
  const stop = (): void => connection.close();
  io.stop?.addEventListener('abort', stop, { once: true });
  await connection.closed.catch((err: unknown) => host.log(`hew acp: the connection ended: ${(err as Error).message ?? String(err)}`));
  io.stop?.removeEventListener('abort', stop);
  const results = await Promise.allSettled([...sessions.values()].map((s) => s.close()));
  for (const r of results) if (r.status === 'rejected') host.log(`hew acp: a session could not be saved: ${(r.reason as Error).message ?? String(r.reason)}`);
  return results.some((r) => r.status === 'rejected') ? 1 : 0;
}
