// The `notify` config key at work (docs/background.md): the user's own argv, run on the host with a
// payload (notify-payload.ts) as its last argument, when a run, task or turn ends or an approval waits.
//
// - Never blocks a run: `send` starts the command and returns at once.
// - Bounded: each command gets NOTIFY_TIMEOUT_MS, then its whole process group is killed
//   (host-command.ts); `settle()` — which every front awaits before hew exits — waits for the ones
//   still running, so it returns within that time too.
// - Its failure (exit non-zero, not found, timed out) is one warning through `warn` (the front says it
//   on stderr or in the TUI) and a line in the run's log; it never changes an exit code.
// - No shell: the argv is the user's, and the payload — model text included — is one argument.
import type { Redactor } from '../secrets/redact.ts';
import { describeHostFailure, runHostCommand } from './host-command.ts';
import type { HostCommandOptions, HostCommandResult } from './host-command.ts';
import { buildNotifyPayload } from './notify-payload.ts';
import type { NotifyFacts } from './notify-payload.ts';

export type { NotifyFacts } from './notify-payload.ts';

/** How long a notify command may run before it is killed (not configurable: a notification is quick). */
export const NOTIFY_TIMEOUT_MS = 5000;

export interface NotifierOptions {
  /** The `notify` argv; undefined: notifications are off (send does nothing). */
  argv: readonly string[] | undefined;
  /** One line when a command failed (without the `hew: warning: ` prefix). */
  warn: (message: string) => void;
  /** hew's version, for the payload. */
  version: string;
  timeoutMs?: number;
  now?: () => Date;
  /** Runs the command (default runHostCommand; tests pass their own). */
  run?: (opts: HostCommandOptions) => Promise<HostCommandResult>;
}

export interface Notifier {
  readonly enabled: boolean;
  /**
   * Starts the command with the payload of `facts`, redacted with `redactor` (the run's); `log` gets a
   * failure's line for the run's log (its commands.log); `warn`, when given, says a failure first
   * (the TUI's notice while its view is up) and returns false to leave it to the notifier's own.
   */
  notify(facts: NotifyFacts, opts: { redactor: Redactor; log?: (text: string) => void; warn?: (message: string) => boolean }): void;
  /** Resolves once every command started so far has ended (each within its timeout). */
  settle(): Promise<void>;
}

export function createNotifier(opts: NotifierOptions): Notifier {
  const argv = opts.argv;
  const run = opts.run ?? runHostCommand;
  const pending = new Set<Promise<void>>();
  return {
    enabled: argv !== undefined && argv.length > 0,
    notify(facts, { redactor, log, warn }) {
      if (argv === undefined || argv.length === 0) return;
      const payload = buildNotifyPayload(facts, { redactor, version: opts.version, now: opts.now?.() });
      const job = run({ argv: [...argv, JSON.stringify(payload)], purpose: 'notify', timeoutMs: opts.timeoutMs ?? NOTIFY_TIMEOUT_MS })
        .then((result) => {
          if (result.exitCode === 0 && !result.timedOut) return;
          const line = `${describeHostFailure('notify', argv, result)} (${payload.type})`;
          if (warn?.(line) !== true) opts.warn(line);
          try {
            log?.(`[hew: ${line}]\n`);
          } catch {
            // the run's directory may be gone (--ephemeral, a run not kept): the warning was said
          }
        })
        .catch(() => undefined)
        .finally(() => pending.delete(job));
      pending.add(job);
    },
    async settle() {
      while (pending.size > 0) await Promise.all([...pending]);
    },
  };
}
