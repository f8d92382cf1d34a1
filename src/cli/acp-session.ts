// One `hew acp` session's controller: the config read for the repository the editor names, the model
// client, and the same thread options as the TUI (cli/thread-settings.ts), the flags after `acp`
// applying to every session. Loaded after `initialize` has been answered (cli/acp.ts).
import { resolve } from 'node:path';
import { createInteractiveController } from '../interactive/controller.ts';
import { contextWindowFor } from '../model/context-windows.ts';
import { HewError } from '../errors/hew-error.ts';
import { openStore } from '../runs/lifecycle.ts';
import { requireRepository, findRepoInfo } from '../thread/repo-info.ts';
import type { OpenedSession, SessionRequest } from '../acp/server.ts';
import type { SandboxProbe } from '../sandbox/probe.ts';
import { recoverInterruptedApply } from './apply-guard.ts';
import { resumeState } from './resume.ts';
import { probeFor } from './sandbox-gate.ts';
import { buildModelSetup, loadSettings } from './setup.ts';
import type { SettingFlags } from './setup.ts';
import { configuredNotifier, configuredThreadOptions } from './thread-settings.ts';

export interface SessionContext {
  flags: SettingFlags;
  /** The sandbox probe, started once with the process. */
  probing: Promise<SandboxProbe>;
  env: NodeJS.ProcessEnv;
  /** acp/server.ts's SessionOpenError (this file does not load the ACP SDK itself). */
  SessionOpenError: new (message: string, code?: number) => Error;
  log: (line: string) => void;
}

/** Opens a session for `request`; throws ctx.SessionOpenError with one line for the editor. */
export async function openSession(request: SessionRequest, ctx: SessionContext): Promise<OpenedSession> {
  const { flags, probing, env, SessionOpenError, log } = ctx;
  const cwd = resolve(request.cwd);
  let config;
  let setup;
  try {
    const loaded = loadSettings({ ...flags, cd: cwd }, env);
    // The editor's servers over the user's, the editor's winning on a name clash. Merged here, before
    // the secrets are worked out, so an editor's server credentials are redacted like the config's.
    config = { ...loaded, mcpServers: { ...loaded.mcpServers, ...request.mcpServers } };
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
    if (request.resume !== undefined) {
      resume = resumeState(store, request.resume, cwd);
      const here = (await findRepoInfo(cwd)).top;
      // The editor's project is where the session's paths point and where /apply writes: never another repository's.
      if (here !== resume.meta.repo) {
        throw new SessionOpenError(`run ${resume.meta.id} is of ${resume.meta.repo}, not of ${here}: open that folder in the editor to load it (or \`hew resume ${resume.meta.id}\` in a terminal)`);
      }
    } else located = requireRepository(await findRepoInfo(cwd), flags.skipGitRepoCheck === true);
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

