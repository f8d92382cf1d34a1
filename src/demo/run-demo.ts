// `hew demo`: the scripted model fixes a fresh copy of the bundled sample through a normal Thread — a
// real run with its working copy, sandbox, events, diff and apply — either in the TUI (a controller
// with the prompt already submitted) or headless, printing as `hew exec` does.
import type { StampedEvent } from '../protocol/events.ts';
import { createInteractiveController } from '../interactive/controller.ts';
import type { InteractiveController } from '../protocol/interactive.ts';
import type { RunStore } from '../runs/store.ts';
import { nextStepLines } from '../runs/next-steps.ts';
import { probeOptionsFromEnv, probeSandbox } from '../sandbox/probe.ts';
import type { SandboxProbe } from '../sandbox/probe.ts';
import type { SandboxMode } from '../protocol/sandbox.ts';
import { runThread } from '../thread/run-thread.ts';
import { prepareSample } from './sample.ts';
import { DEMO_FALLBACK, DEMO_PROMPT, demoScript } from './script.ts';
import { createScriptedModel } from './scripted-model.ts';
import type { ScriptedModel } from './scripted-model.ts';

/** Delay between streamed pieces unless HEW_DEMO_DELAY_MS says otherwise (0 turns every pause off). */
const DEFAULT_DEMO_DELAY_MS = 12;
const DEMO_TITLE = 'hew demo: fix formatDuration';

export interface Demo {
  /** The sample repository (a fresh git repository in a temporary directory). */
  sample: string;
  model: ScriptedModel;
  /** workspace-write in the sandbox, or danger-full-access where no sandbox is usable (the commands are ours). */
  sandboxMode: SandboxMode;
  /** The probe's answer (null with danger-full-access). */
  sandboxProbe: SandboxProbe | null;
  /** Set when no sandbox is usable: why, and that the demo runs its commands without one. */
  warning: string | null;
  store: RunStore;
}

function demoDelay(env: NodeJS.ProcessEnv): number {
  const raw = env.HEW_DEMO_DELAY_MS;
  if (raw === undefined || raw.trim() === '') return DEFAULT_DEMO_DELAY_MS;
  const n = Number(raw);
  return Number.isFinite(n) && n >= 0 ? n : DEFAULT_DEMO_DELAY_MS;
}

export async function prepareDemo(opts: { store: RunStore; env?: NodeJS.ProcessEnv; tmpParent?: string }): Promise<Demo> {
  const env = opts.env ?? process.env;
  const sample = prepareSample({ parent: opts.tmpParent });
  const probe = await probeSandbox(probeOptionsFromEnv(env));
  const warning = probe.ok
    ? null
    : `no usable OS sandbox (${probe.reason}), so the demo runs its own bundled commands without one. ` +
      `Before using hew on your code: ${probe.fix} (see \`hew doctor\`).`;
  const model = createScriptedModel({ steps: demoScript(), fallback: DEMO_FALLBACK, delayMs: demoDelay(env) });
  return { sample, model, sandboxMode: probe.ok ? 'workspace-write' : 'danger-full-access', sandboxProbe: probe.ok ? probe : null, warning, store: opts.store };
}

/** The TUI demo: a session on the sample; the view submits DEMO_PROMPT; it ends at the review. */
export function createDemoController(demo: Demo): InteractiveController {
  return createInteractiveController({
    source: demo.sample,
    model: demo.model,
    sandboxMode: demo.sandboxMode,
    sandboxProbe: demo.sandboxProbe,
    approval: 'on-request',
    network: false,
    store: demo.store,
    title: DEMO_TITLE,
    notices: [
      { type: 'notice.info', title: 'hew demo', lines: [`A scripted model (offline, no API key) fixes a bug in a sample repository: ${demo.sample}`] },
      ...(demo.warning ? [{ type: 'notice.warning' as const, message: demo.warning }] : []),
    ],
    nextSteps: [
      '/diff   review the change, file by file',
      `/apply  write it into the sample repository (${demo.sample})`,
      '/quit   leave; the run is saved (`hew runs --all` lists it)',
    ],
  });
}

export interface HeadlessIo {
  json: boolean;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Human progress lines (exec's printer), used without --json. */
  progress: (event: StampedEvent) => void;
  signal: AbortSignal;
}

/** The headless demo: progress on stderr, the final message on stdout (or JSONL events with --json). */
export async function runDemoHeadless(demo: Demo, io: HeadlessIo): Promise<number> {
  io.stderr(`hew demo: a scripted model (offline, no API key) fixes a bug in a sample repository: ${demo.sample}\n`);
  if (demo.warning) io.stderr(`hew: warning: ${demo.warning}\n`);
  if (!io.json) io.stderr(`› ${DEMO_PROMPT}\n`);
  const result = await runThread({
    source: demo.sample,
    prompt: DEMO_PROMPT,
    title: DEMO_TITLE,
    model: demo.model,
    sandboxMode: demo.sandboxMode,
    sandboxProbe: demo.sandboxProbe,
    approval: 'on-request',
    network: false,
    store: demo.store,
    sink: io.json ? (e) => io.stdout(`${JSON.stringify(e)}\n`) : io.progress,
    onWarning: (message) => io.stderr(`hew: warning: ${message}\n`),
    signal: io.signal,
  });
  if (!io.json && result.finalMessage !== null) io.stdout(`${result.finalMessage}\n`);
  io.stderr(nextStepLines(result.runId, result.filesChanged.length, { target: 'the sample' }));
  return result.exitCode;
}
