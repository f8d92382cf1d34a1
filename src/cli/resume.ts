// `hew resume [RUN]`: continue a run in the TUI (default: the latest run of this repository), and the
// shared part of `hew exec --resume RUN PROMPT`: finding the run, refusing one that is still running
// or whose copy is gone (exit 2), and rebuilding its conversation from events.jsonl.
import { createInteractiveController } from '../interactive/controller.ts';
import { resumedNotices } from '../interactive/earlier.ts';
import type { RunStore } from '../runs/store.ts';
import { EXIT } from '../protocol/exit-codes.ts';
import { loadResume, ResumeError } from '../thread/resume.ts';
import type { ResumeState } from '../thread/resume.ts';
import type { UiModule } from './interactive.ts';
import { NO_TTY_MESSAGE, renderWith, warnAfterView } from './interactive.ts';
import { effectiveStatus, openStore, requireFinished } from '../runs/lifecycle.ts';
import { resolveRun } from './run-ref.ts';
import { probeFor, startSandboxProbe } from './sandbox-gate.ts';
import { buildModelSetup, loadSettings } from './setup.ts';
import { configuredNotifier, configuredThreadOptions } from './thread-settings.ts';
import type { SettingFlags } from './setup.ts';
import { UsageError } from '../errors/usage-error.ts';

/** The run named by `ref` (or the latest of the repository at `cd`), ready to continue; UsageError when it cannot be. */
export function resumeState(store: RunStore, ref: string | undefined, cd: string | undefined): ResumeState {
  const run = resolveRun(store, ref, cd);
  const meta = run.meta();
  requireFinished(meta, 'continue');
  const lastStatus = effectiveStatus(meta);
  try {
    return loadResume(run, { lastStatus, killed: meta.status === 'running' });
  } catch (err) {
    if (err instanceof ResumeError) throw new UsageError(err.message);
    throw err;
  }
}

export async function resumeCommand(ref: string | undefined, flags: SettingFlags & { cd?: string }): Promise<number> {
  const env = process.env;
  if (!(process.stdout.isTTY && process.stdin.isTTY)) {
    process.stderr.write(NO_TTY_MESSAGE.replace('`hew exec`', '`hew exec --resume RUN PROMPT`'));
    return EXIT.usage;
  }
  const probing = startSandboxProbe(env);
  const config = loadSettings(flags, env);
  const { settings } = config;
  const setup = buildModelSetup(config, env);
  const store = openStore(env).withRedactor(setup.secrets.redactor);
  const resume = resumeState(store, ref, flags.cd);
  if (setup.provider.keyRequired && !setup.apiKey) {
    process.stderr.write(`hew: no API key: set ${setup.provider.envKey ?? 'the API key'} (provider ${setup.provider.id})\n`);
    return EXIT.provider;
  }
  const ui: Promise<UiModule> = import('../ui/render.ts');
  const sandboxProbe = await probeFor(settings.sandbox, probing);
  const notifier = configuredNotifier(config, warnAfterView);
  const controller = createInteractiveController({
    source: resume.meta.repo,
    // `/new` opens a fresh run there: a plain directory resumed is one the user already chose to copy plainly.
    skipGitRepoCheck: Boolean(flags.skipGitRepoCheck) || resume.meta.kind === 'plain',
    model: setup.model,
    modelFor: setup.modelFor,
    // The configuration's `setup` runs in a run `/new` opens (never again in the resumed one).
    ...configuredThreadOptions(config, env),
    sandboxProbe,
    store,
    title: resume.meta.title,
    envPolicy: setup.secrets.envPolicy,
    resume,
    notices: resumedNotices(resume),
    notifier,
  });
  return renderWith(ui, controller, undefined, { nextSteps: true, notifications: config.tuiNotifications.value, notifier });
}
