// `hew acp`: serves the Agent Client Protocol on stdio for an editor (docs/editors.md). The process
// starts no run of its own: each `session/new` or `session/load` opens one, for the repository the
// editor names, with the same config, model client and thread options as the TUI (the config is read
// for that repository; the flags after `acp` apply to every session). The ACP SDK is loaded here
// only, lazily, so no other command pays for it.
//
// stdout carries the protocol alone: before the server starts, everything else that would write to
// stdout (console.log, a stray process.stdout.write) is sent to stderr, where editors keep the log.
import { resolve } from 'node:path';
import { Writable } from 'node:stream';
import pkg from '../../package.json' with { type: 'json' };
import { createInteractiveController } from '../interactive/controller.ts';
import { contextWindowFor } from '../model/context-windows.ts';
import { HewError } from '../errors/hew-error.ts';
import { openStore } from '../runs/lifecycle.ts';
import { requireRepository, findRepoInfo } from '../thread/repo-info.ts';
import type { AcpHost, OpenedSession, SessionRequest } from '../acp/server.ts';
import { recoverInterruptedApply } from './apply-guard.ts';
import { resumeState } from './resume.ts';
import { probeFor, startSandboxProbe } from './sandbox-gate.ts';
import { buildModelSetup, loadSettings } from './setup.ts';
import type { SettingFlags } from './setup.ts';
import { configuredNotifier, configuredThreadOptions } from './thread-settings.ts';

export async function acpCommand(flags: SettingFlags): Promise<number> {
  const env = process.env;
  const protocolOut = takeStdout();
  const log = (line: string): void => void process.stderr.write(`${line}\n`);
  const probing = startSandboxProbe(env);
  const server = await import('../acp/server.ts');
  const host: AcpHost = {
    version: pkg.version,
    log,
    open: (request) => openSession(request, flags, probing, env, server.SessionOpenError, log),
  };
  const stop = new AbortController();
  const onSignal = (): void => stop.abort();
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  for (const signal of signals) process.on(signal, onSignal);
  try {
    return await server.serveAcp(host, { input: process.stdin, output: protocolOut, stop: stop.signal });
  } finally {
    for (const signal of signals) process.off(signal, onSignal);
  }
}

type OpenError = new (message: string, code?: number) => Error;

async function openSession(
  request: SessionRequest,
  flags: SettingFlags,
  probing: ReturnType<typeof startSandboxProbe>,
  env: NodeJS.ProcessEnv,
  SessionOpenError: OpenError,
  log: (line: string) => void,
): Promise<OpenedSession> {
  const cwd = resolve(request.cwd);
  let config;
  let setup;
  try {
    config = loadSettings({ ...flags, cd: cwd }, env);
    setup = buildModelSetup(config, env);
  } catch (err) {
    if (err instanceof HewError) throw new SessionOpenError(err.message);
    throw err;
  }
  if (setup.provider.keyRequired && !setup.apiKey) {
    throw new SessionOpenError(`no API key: set ${setup.provider.envKey ?? 'the API key'} (provider ${setup.provider.id}) in the "env" of the editor's hew agent settings`, -32000);
  }
  const store = openStore(env).withRedactor(setup.secrets.redactor);
  let resume;
  let located;
  try {
    if (request.resume !== undefined) resume = resumeState(store, request.resume, cwd);
    else located = requireRepository(await findRepoInfo(cwd), flags.skipGitRepoCheck === true);
  } catch (err) {
    if (!(err instanceof HewError)) throw err;
    if (request.resume !== undefined) throw new SessionOpenError(err.message, -32002);
    throw new SessionOpenError(`${err.message.replace(/\.$/, '')}; hew works on a copy of a git repository (start \`hew acp --skip-git-repo-check\` to copy a plain directory)`);
  }
  const repoTop = resume ? resume.meta.repo : located!.top;
  await recoverInterruptedApply(repoTop, env, (text) => log(text.trimEnd()));
  const { settings } = config;
  const sandboxProbe = await probeFor(settings.sandbox, probing);
  const options = configuredThreadOptions(config, env);
  const controller = createInteractiveController({
    source: resume ? resume.meta.repo : cwd,
    ...(located ? { located } : {}),
    skipGitRepoCheck: Boolean(flags.skipGitRepoCheck) || resume?.meta.kind === 'plain',
    model: setup.model,
    modelFor: setup.modelFor,
    ...options,
    // The editor's servers over the user's, the editor's winning on a name clash.
    mcpServers: { ...options.mcpServers, ...request.mcpServers },
    sandboxProbe,
    store,
    envPolicy: setup.secrets.envPolicy,
    notifier: configuredNotifier(config, (message) => log(`hew: warning: ${message}`)),
    ...(resume ? { resume, title: resume.meta.title } : {}),
  });
  return {
    controller,
    repo: repoTop,
    contextWindow: contextWindowFor(setup.model.model, settings.model_context_window),
    ...(resume ? { replay: resume.run.eventsPath } : {}),
  };
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
