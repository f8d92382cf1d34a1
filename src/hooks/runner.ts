// Hooks (`[hooks]` in the user's config.toml): shell commands hew runs inside the run's sandbox, in
// the working copy, at three points — before_command (may block a shell command), after_patch (e.g. a
// formatter) and on_finish. Each gets its event as JSON on stdin, a timeout and a capped output.
import { capCommandOutput } from '../sandbox/output-cap.ts';
import type { CapturedOutput } from '../sandbox/output-capture.ts';
import type { Sandbox } from '../sandbox/types.ts';

const HOOK_NAMES = ['before_command', 'after_patch', 'on_finish'] as const;
export type HookName = (typeof HOOK_NAMES)[number];

/** `[hooks]` as written in config.toml: each hook is one command or a list run in order. */
export type HooksConfig = Partial<Record<HookName, string | string[]>>;

const HOOK_TIMEOUT_MS = 60_000;
/** What of a hook's output is kept (head and tail) for the model and warnings. */
export const HOOK_OUTPUT_CAP_BYTES = 4 * 1024;

export interface HookResult {
  hook: HookName;
  /** The command that decided the result: the first that failed, else the last. */
  command: string;
  exitCode: number;
  /** Output of the commands that ran, each capped to HOOK_OUTPUT_CAP_BYTES. */
  output: string;
  ok: boolean;
  timedOut: boolean;
}

export interface HookRunOptions {
  sandbox: Sandbox;
  /** The working copy (host path) the hook runs in. */
  cwd: string;
  signal: AbortSignal;
}

export interface HookRunner {
  has(hook: HookName): boolean;
  /** Runs the hook's commands in order, stopping at the first that fails; null when none is configured. */
  run(hook: HookName, event: Record<string, unknown>, opts: HookRunOptions): Promise<HookResult | null>;
}

export interface HookRunnerOptions {
  /** Added to every event as `run_id`. */
  runId?: string;
  timeoutMs?: number;
  /** The run's full log: each hook's command and uncapped output. */
  log?: (text: string) => void;
}

function commandsOf(config: HooksConfig, hook: HookName): string[] {
  const value = config[hook];
  if (value === undefined) return [];
  return (typeof value === 'string' ? [value] : value).filter((c) => c.trim() !== '');
}

/** A runner for the configured hooks; undefined when none is configured. */
export function createHookRunner(config: HooksConfig | undefined, opts: HookRunnerOptions = {}): HookRunner | undefined {
  if (!config || HOOK_NAMES.every((h) => commandsOf(config, h).length === 0)) return undefined;
  const timeoutMs = opts.timeoutMs ?? HOOK_TIMEOUT_MS;
  return {
    has: (hook) => commandsOf(config, hook).length > 0,
    async run(hook, event, run) {
      const commands = commandsOf(config, hook);
      if (commands.length === 0) return null;
      // Like every command (SPEC §5), a hook runs confined or with the user's explicit full access:
      // without a usable sandbox it is not run, which blocks a before_command.
      if (run.sandbox.kind === 'none' && run.sandbox.mode !== 'danger-full-access') {
        const note = 'not run: no usable sandbox (run `hew doctor`); hooks run only inside the sandbox or under -s danger-full-access';
        return { hook, command: commands[0] as string, exitCode: 126, output: note, ok: false, timedOut: false };
      }
      const stdin = `${JSON.stringify({ hook, ...(opts.runId ? { run_id: opts.runId } : {}), ...event })}\n`;
      // Each command's output is capped on its own (and counts what the runner cut); they are then joined.
      const shown: string[] = [];
      let last: HookResult | null = null;
      for (const command of commands) {
        let exitCode: number;
        let timedOut = false;
        let captured: CapturedOutput;
        try {
          const r = await run.sandbox.run({ command, cwd: run.cwd, timeoutMs, stdin, env: { HEW_HOOK: hook } }, run.signal);
          exitCode = r.exitCode;
          timedOut = r.timedOut;
          captured = r;
        } catch (err) {
          exitCode = 126;
          captured = { output: `[hew: the hook could not be run: ${(err as Error).message}]` };
        }
        const text = captured.output;
        shown.push(capCommandOutput(captured, { maxBytes: HOOK_OUTPUT_CAP_BYTES }));
        opts.log?.(`[hook ${hook}] ${command}\n${text}${text.endsWith('\n') || text === '' ? '' : '\n'}[hook ${hook}] exit ${exitCode}\n`);
        last = { hook, command, exitCode, output: shown.join(''), ok: exitCode === 0, timedOut };
        if (!last.ok) break;
      }
      return last;
    },
  };
}

/** One line naming a failed hook, for warnings and tool outputs. */
export function describeHookFailure(result: HookResult): string {
  const why = result.timedOut ? 'timed out' : `exited with code ${result.exitCode}`;
  return `the ${result.hook} hook \`${result.command}\` ${why}`;
}
