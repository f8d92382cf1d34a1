// `hew [PROMPT]`: the interactive session. Needs a terminal (scripts and CI use `hew exec`).
// Builds the same config, provider and model client as exec, makes the controller (which opens the
// run and starts the copy at once), loads the Ink UI lazily — so `hew exec` never loads Ink or React —
// and resolves with the exit code the UI resolves with. PROMPT goes to the view, which shows it as the
// user's first message and submits it.
import { resolve } from 'node:path';
import { createInteractiveController } from '../interactive/controller.ts';
import type { InteractiveController, TuiNotifications } from '../protocol/interactive.ts';
import { RunStore } from '../runs/store.ts';
import { stateDir } from '../runs/paths.ts';
import { EXIT } from '../protocol/exit-codes.ts';
import { probeFor, startSandboxProbe } from './sandbox-gate.ts';
import { requireRepo, startRepoLookup } from './repo-gate.ts';
import { buildModelSetup, loadSettings } from './setup.ts';
import { configuredNotifier, configuredThreadOptions } from './thread-settings.ts';
import type { Notifier } from '../hooks/notify.ts';
import { safeText } from '../format/safe-text.ts';
import type { SettingFlags } from './setup.ts';

export interface InteractiveFlags extends SettingFlags {
  cd?: string;
}

/** What this front needs of the UI module (src/ui/render.ts). */
export interface UiModule {
  /** `initialPrompt` is echoed and submitted by the view once it listens. */
  renderTui(controller: InteractiveController, opts?: { initialPrompt?: string; notifications?: TuiNotifications }): Promise<number>;
}

export const NO_TTY_MESSAGE = 'hew: the interactive UI needs a terminal; use `hew exec` for scripts and CI\n';

export async function interactiveCommand(prompt: string | undefined, flags: InteractiveFlags): Promise<number> {
  const env = process.env;
  // Ink needs a terminal both ways: one to draw on, and one to read keys from.
  if (!(process.stdout.isTTY && process.stdin.isTTY)) {
    process.stderr.write(NO_TTY_MESSAGE);
    return EXIT.usage;
  }
  const probing = startSandboxProbe(env);
  const source = resolve(flags.cd ?? process.cwd());
  const locating = startRepoLookup(source);
  const config = loadSettings(flags, env);
  const { settings } = config;
  const setup = buildModelSetup(config, env);
  if (setup.provider.keyRequired && !setup.apiKey) {
    process.stderr.write(`hew: no API key: set ${setup.provider.envKey ?? 'the API key'} (provider ${setup.provider.id}), or try \`hew demo\`\n`);
    return EXIT.provider;
  }
  // Start loading the UI while the run and its copy are being set up.
  const ui: Promise<UiModule> = import('../ui/render.ts');
  // Outside git without --skip-git-repo-check: exit 2 before any run. Without a usable sandbox the
  // session still opens (it says so and asks before every command).
  const repo = await requireRepo(locating, flags.skipGitRepoCheck);
  const sandboxProbe = await probeFor(settings.sandbox, probing);
  const notifier = configuredNotifier(config, warnAfterView);
  const controller = createInteractiveController({
    source,
    located: repo,
    skipGitRepoCheck: Boolean(flags.skipGitRepoCheck),
    model: setup.model,
    modelFor: setup.modelFor,
    ...configuredThreadOptions(config, env),
    sandboxProbe,
    store: new RunStore(stateDir(env), { redactor: setup.secrets.redactor }),
    envPolicy: setup.secrets.envPolicy,
    notifier,
  });
  return renderWith(ui, controller, prompt !== undefined && prompt.trim() !== '' ? prompt : undefined, { nextSteps: true, notifications: config.tuiNotifications.value, notifier });
}

/**
 * Renders the UI until it resolves. A SIGINT, SIGTERM or SIGHUP from outside (the UI reads Ctrl-C as a
 * key in raw mode) ends the session cleanly: the turn is interrupted and the run saved. With
 * `nextSteps`, the run's id and next steps (`hew resume`, `hew diff`, `hew apply`) go to stderr once
 * the view is gone (the demo says its own). `notifications` is the user's `tui_notifications`. With a
 * `notifier`, hew waits for the notifications still running (at most their timeout) before it exits.
 */
export async function renderWith(
  ui: Promise<UiModule>,
  controller: InteractiveController,
  initialPrompt?: string,
  opts: { nextSteps?: boolean; notifications?: TuiNotifications; notifier?: Notifier } = {},
): Promise<number> {
  const stop = (): void => void controller.quit();
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  for (const signal of signals) process.on(signal, stop);
  try {
    const { renderTui } = await ui;
    const code = await renderTui(controller, {
      ...(initialPrompt !== undefined ? { initialPrompt } : {}),
      ...(opts.notifications !== undefined ? { notifications: opts.notifications } : {}),
    });
    if (opts.nextSteps) process.stderr.write(controller.leaving());
    return code;
  } finally {
    for (const signal of signals) process.off(signal, stop);
    await opts.notifier?.settle();
  }
}

/** A failed notification once the session's view is gone (while it is up, the session shows it). */
export function warnAfterView(message: string): void {
  process.stderr.write(`hew: warning: ${safeText(message)}\n`);
}
