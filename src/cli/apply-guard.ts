// The CLI side of an all-or-nothing apply:
// - recovery: before a command works on a repository, an apply into it that a SIGKILL, crash or power
//   cut interrupted is completed or rolled back from its journal (workcopy/apply-recover.ts), and
//   stderr says which; a file changed since is never overwritten — hew lists it and stops (exit 1);
// - interrupts: while `hew apply` (or `exec --apply`) writes, SIGINT and SIGTERM do not kill hew: they
//   stop the apply before its commit phase (nothing changed) or let the commit finish, and the caller
//   then exits 130 with one line saying which;
// - the test seam HEW_TEST_APPLY_PAUSE=<prepare|commit>:<N>: before step N of that phase, announce
//   `hew: test pause: apply <phase> <N>` on stderr and wait (up to a minute) for a signal. It can only
//   delay an apply; every check still runs.
import { readdirSync } from 'node:fs';
import { HewError } from '../errors/hew-error.ts';
import { EXIT } from '../protocol/exit-codes.ts';
import { stateDir } from '../runs/paths.ts';
import { DamagedJournalError } from '../workcopy/apply-journal.ts';
import { recoverApply, type RecoveryReport } from '../workcopy/apply-recover.ts';
import type { ApplyPoint, WriteOptions } from '../workcopy/apply-write.ts';
import { processAlive } from '../runs/lifecycle.ts';
import { safeLine, safeText } from '../format/safe-text.ts';
import { quotePath } from '../workcopy/path-bytes.ts';
import { plural } from '../format/plural.ts';

/** The command cannot go on: the message was printed; exit 1. */
export class RecoveryStop extends HewError {
  constructor(message: string) {
    super(message, EXIT.failed);
    this.name = 'RecoveryStop';
  }
}

/** Completes or rolls back an interrupted apply into `repo`, reporting on stderr. Throws RecoveryStop when the user must look. */
export async function recoverInterruptedApply(repo: string, env: NodeJS.ProcessEnv = process.env, write: (t: string) => void = (t) => process.stderr.write(t)): Promise<void> {
  const state = stateDir(env);
  let report: RecoveryReport | null;
  try {
    report = await recoverApply(state, repo, processAlive);
  } catch (err) {
    if (!(err instanceof DamagedJournalError)) throw err;
    throw new RecoveryStop(
      `the journal of an interrupted apply into ${repo} is damaged (${err.message}); nothing was touched. ` +
        `Check ${repo} (files under .hew-apply-*, and \`hew diff\` of the run you applied), then delete ${err.file} and its .backup`,
    );
  }
  if (report === null) return;
  write(`hew: ${describeRecovery(report)}\n`);
  if (report.leftAlone.length > 0) {
    for (const left of report.leftAlone) write(`hew:   left as it is: ${safeLine(quotePath(left.path))} (${safeText(left.reason)})\n`);
    throw new RecoveryStop(`check the files listed above against run ${report.runId} (\`hew diff ${report.runId}\`), then run the command again`);
  }
}

export function describeRecovery(r: RecoveryReport): string {
  const n = `${plural(r.moved, 'file')}`;
  if (r.outcome === 'nothing-changed') return `an apply of run ${r.runId} into ${r.repo} was interrupted before any file changed; removed its temporary files`;
  if (r.outcome === 'completed') return `completed an interrupted apply of run ${r.runId} into ${r.repo} (${n} written); removed its temporary files`;
  return `rolled back an interrupted apply of run ${r.runId} into ${r.repo} (${n} put back as they were); removed its temporary files`;
}

/** Whether any journal exists at all (cheap: lets commands skip finding their repository). */
export function anyJournal(env: NodeJS.ProcessEnv = process.env): boolean {
  try {
    return readdirSync(`${stateDir(env)}/applies`).some((n) => n.endsWith('.json'));
  } catch {
    return false;
  }
}

export interface InterruptGuard {
  /** Options for applyCopy: the interrupt flag and the test seam. */
  options: Pick<WriteOptions, 'interrupted' | 'pause'>;
  interrupted(): boolean;
  dispose(): void;
}

/** Holds SIGINT and SIGTERM while an apply runs (see the top of this file). */
export function guardApply(env: NodeJS.ProcessEnv = process.env, write: (t: string) => void = (t) => process.stderr.write(t)): InterruptGuard {
  let stop = false;
  let wake: (() => void) | undefined;
  const onSignal = (): void => {
    stop = true;
    wake?.();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const seam = /^(prepare|commit):(\d+)$/.exec(env.HEW_TEST_APPLY_PAUSE ?? '');
  const pause = async (point: ApplyPoint, index: number): Promise<void> => {
    if (seam === null || seam[1] !== point || Number(seam[2]) !== index || stop) return;
    write(`hew: test pause: apply ${point} ${index}\n`);
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 60_000);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  };
  return {
    options: { interrupted: () => stop, pause },
    interrupted: () => stop,
    dispose: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}
