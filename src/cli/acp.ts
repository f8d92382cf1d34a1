// `hew acp`: serves the Agent Client Protocol on stdio for an editor (docs/editors.md). The process
// starts no run of its own: each `session/new` or `session/load` opens one (acp-session.ts), for the
// repository the editor names. The ACP SDK is loaded here only, lazily, so no other command pays for
// it; and `initialize` waits for nothing else: what a session needs (config, model client, the
// interactive core) is loaded after the answer, while the editor gets ready to open a session.
//
// stdout carries the protocol alone: before the server starts, everything else that would write to
// stdout (console.log, a stray process.stdout.write) is sent to stderr, where editors keep the log.
import { Writable } from 'node:stream';
import pkg from '../../package.json' with { type: 'json' };
import type { AcpHost } from '../acp/server.ts';
import type * as SessionModule from './acp-session.ts';
import { startSandboxProbe } from './sandbox-gate.ts';
import type { SettingFlags } from './setup.ts';

export async function acpCommand(flags: SettingFlags): Promise<number> {
  const env = process.env;
  const protocolOut = takeStdout();
  const log = (line: string): void => void process.stderr.write(`${line}\n`);
  const probing = startSandboxProbe(env);
  const server = await import('../acp/server.ts');
  let sessions: Promise<typeof SessionModule> | null = null;
  const sessionModule = (): Promise<typeof SessionModule> => (sessions ??= import('./acp-session.ts'));
  const host: AcpHost = {
    version: pkg.version,
    log,
    initialized: () => void sessionModule(),
    open: async (request) => (await sessionModule()).openSession(request, { flags, probing, env, SessionOpenError: server.SessionOpenError, log }),
  };
  const stop = new AbortController();
  const onSignal = (): void => stop.abort();
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  for (const signal of signals) process.on(signal, onSignal);
  // The editor closed its end of hew's stdout (it crashed, or it stopped reading): as when stdin ends,
  // the sessions are saved and hew exits, instead of dying on an unhandled EPIPE with its runs open.
  const onOutputError = (err: Error): void => {
    if (!stop.signal.aborted) log(`hew acp: the editor stopped reading hew's output (${err.message}); saving the sessions`);
    stop.abort();
  };
  process.stdout.on('error', onOutputError);
  protocolOut.on('error', onOutputError);
  try {
    return await server.serveAcp(host, { input: process.stdin, output: protocolOut, stop: stop.signal });
  } finally {
    for (const signal of signals) process.off(signal, onSignal);
  }
}

/**
 * The real stdout, for the protocol alone; from now on console.log and process.stdout.write go to
 * stderr, so nothing else can put a line into the stream the editor parses.
 */
function takeStdout(): Writable {
  const write = process.stdout.write.bind(process.stdout);
  const protocolOut = new Writable({
    write(chunk: Buffer, _encoding, done) {
      write(chunk, (err) => done(err ?? null));
    },
  });
  const toStderr = process.stderr.write.bind(process.stderr) as typeof process.stdout.write;
  process.stdout.write = toStderr;
  for (const name of ['log', 'info', 'debug'] as const) console[name] = console.error;
  return protocolOut;
}
