// `hew apply [RUN]`: bring a run's changes into the user's working tree, all or nothing (conflicts:
// nothing written, exit 5); `--branch NAME` makes a branch instead; `--dry-run` only reports. Also the
// `exec --apply` step, which reports on stderr so `exec`'s stdout keeps its contract. SIGINT/SIGTERM
// during the write: nothing changed, or the short commit phase finished; exit 130 either way.
import { existsSync } from 'node:fs';
import { EXIT } from '../protocol/exit-codes.ts';
import type { Run, RunStore } from '../runs/store.ts';
import { stateDir } from '../runs/paths.ts';
import { applyCopy, type ApplyResult } from '../workcopy/apply.ts';
import { ApplyBusyError } from '../workcopy/apply-journal.ts';
import { ApplyInterruptedError, ApplyUndoError } from '../workcopy/apply-write.ts';
import { guardApply, recoverInterruptedApply } from './apply-guard.ts';
import { BranchError, createRunBranch } from '../workcopy/branch.ts';
import { safeLine, safeText } from '../format/safe-text.ts';
import { colorEnabled } from '../format/color.ts';
import { makeStyle, type Style } from './human-output.ts';
import { ignoredLines, outsideSparseLines, runIgnored } from './ignored-lines.ts';
import type { IgnoredWritten } from '../workcopy/ignored-groups.ts';
import { notAppliedLines, notCopiedLines } from './left-out-lines.ts';
import { leftOutOf } from '../runs/meta.ts';
import type { LeftOut } from '../protocol/files.ts';
import { copyOf, markRun, openStore, requireFinished } from '../runs/lifecycle.ts';
import { resolveRun } from './run-ref.ts';
import { UsageError } from '../errors/usage-error.ts';
import { plural } from '../format/plural.ts';

export interface ApplyFlags {
  branch?: string;
  dryRun?: boolean;
  includeIgnored?: boolean;
  json?: boolean;
  cd?: string;
}

export async function applyCommand(ref: string | undefined, flags: ApplyFlags): Promise<number> {
  const store = openStore();
  const run = resolveRun(store, ref, flags.cd);
  const meta = run.meta();
  requireFinished(meta, 'apply');
  const copy = copyOf(run);
  if (!existsSync(meta.repo)) throw new UsageError(`run ${run.id}: its repository ${meta.repo} no longer exists`);
  const style = makeStyle(colorEnabled(process.stderr, process.env));

  if (flags.branch !== undefined) {
    if (flags.dryRun) throw new UsageError('--dry-run cannot be combined with --branch');
    if (flags.includeIgnored) throw new UsageError('--include-ignored cannot be combined with --branch: a branch holds only what git tracks');
    let made;
    try {
      made = await createRunBranch(copy, flags.branch, `${meta.title || 'hew run'}\n\nhew run ${run.id}`);
    } catch (err) {
      if (err instanceof BranchError) throw new UsageError(err.message);
      throw err;
    }
    markRun(run, { applied_branch: made.branch });
    if (flags.json) {
      process.stdout.write(`${JSON.stringify({ run_id: run.id, branch: made.branch, commit: made.commit, parent: made.parent, includes_uncommitted: made.includesUncommitted, not_on_branch: made.notOnBranch })}\n`);
    } else {
      const from = made.parent ? `on top of ${made.parent.slice(0, 12)} (your HEAD when the run started)` : 'as a root commit';
      process.stdout.write(`created branch ${made.branch} at ${made.commit.slice(0, 12)}, ${from}\n`);
      if (made.includesUncommitted) {
        process.stdout.write('note: the commit also holds the uncommitted and untracked files you had when the run started\n');
      }
      if (made.notOnBranch.length > 0) {
        const n = made.notOnBranch.length;
        const lines = made.notOnBranch.slice(0, 10).map((p) => `  ${safeLine(p)}`);
        if (n > 10) lines.push(`  … and ${n - 10} more`);
        process.stdout.write(`note: ${plural(n, 'change')} inside submodules ${n === 1 ? 'is' : 'are'} not on the branch (a commit records a submodule as its commit); \`hew apply ${run.id}\` writes ${n === 1 ? 'it' : 'them'} into the submodule's files:\n${lines.join('\n')}\n`);
      }
      process.stdout.write('your working tree, index and HEAD are unchanged\n');
    }
    return EXIT.ok;
  }

  await recoverInterruptedApply(meta.repo);
  const opts = { dryRun: Boolean(flags.dryRun), includeIgnored: Boolean(flags.includeIgnored) };
  const outcome = await guardedApply(copy, meta.repo, run.id, opts, (t) => process.stderr.write(t));
  if (typeof outcome === 'number') return outcome;
  const { result, interrupted } = outcome;
  if (result.ok && !flags.dryRun && result.applied.length > 0) markRun(run, { applied_at: new Date().toISOString() });
  const ignored = await runIgnored(run, copy.root, result.ignored);
  if (flags.json) {
    process.stdout.write(`${JSON.stringify({ run_id: run.id, repo: meta.repo, dry_run: Boolean(flags.dryRun), ...result, not_copied: leftOutOf(meta) })}\n`);
  } else if (result.ok) {
    process.stdout.write(describeApplied(run.id, result, Boolean(flags.dryRun), ignored, leftOutOf(meta)));
  } else {
    process.stderr.write(describeConflicts(run.id, result, style, ignored, leftOutOf(meta)));
  }
  if (interrupted) process.stderr.write(`hew: ${interruptedLine(result, Boolean(flags.dryRun))}\n`);
  return interrupted ? EXIT.interrupted : result.ok ? EXIT.ok : EXIT.conflict;
}

/**
 * applyCopy with SIGINT/SIGTERM held and every way it can stop turned into one line on stderr: an exit
 * code when it did not get to a result, else the result and whether a signal arrived meanwhile.
 */
async function guardedApply(
  copy: ReturnType<typeof copyOf>,
  repo: string,
  runId: string,
  opts: { dryRun: boolean; includeIgnored: boolean },
  write: (text: string) => void,
): Promise<number | { result: ApplyResult; interrupted: boolean }> {
  const guard = guardApply();
  try {
    const result = await applyCopy(copy, repo, { ...opts, stateDir: stateDir(), runId, ...guard.options });
    return { result, interrupted: guard.interrupted() };
  } catch (err) {
    if (err instanceof ApplyInterruptedError) {
      write(`hew: apply interrupted before any file changed (run ${runId})\n`);
      return EXIT.interrupted;
    }
    if (err instanceof ApplyBusyError) {
      write(`hew: cannot apply run ${runId}: ${safeText(err.message)}; nothing was written\n`);
      return EXIT.conflict;
    }
    const after = err instanceof ApplyUndoError ? '' : '\nanything already written was put back';
    write(`hew: could not apply run ${runId}: ${safeText((err as Error).message)}${after}\n`);
    return EXIT.failed;
  } finally {
    guard.dispose();
  }
}

/** The line after a SIGINT/SIGTERM that arrived while applying. */
function interruptedLine(result: ApplyResult, dryRun: boolean): string {
  if (!result.ok || dryRun || result.applied.length === 0) return 'apply interrupted before any file changed';
  const n = result.applied.length;
  return `apply finished before exiting (${plural(n, 'file')} applied)`;
}

/** The success summary: `applied N files from run X:` and one line per file. */
export function describeApplied(runId: string, result: ApplyResult, dryRun: boolean, ignoredWritten: IgnoredWritten, notCopied: readonly LeftOut[] = []): string {
  const ignored = [...notAppliedLines(result.skipped), ...outsideSparseLines(result.outsideSparse), ...ignoredLines(ignoredWritten, runId), ...notCopiedLines(notCopied)];
  if (result.applied.length === 0) {
    const head =
      result.unchanged.length > 0
        ? `nothing to apply: every change of run ${runId} is already in your tree`
        : result.skipped.length + result.outsideSparse.length + result.ignored.length > 0
          ? `nothing applied from run ${runId}`
          : `nothing to apply: run ${runId} changed no files`;
    return `${[head, ...ignored].join('\n')}\n`;
  }
  const n = result.applied.length;
  const head = `${dryRun ? 'would apply' : 'applied'} ${plural(n, 'file')} from run ${runId}:`;
  const lines = result.applied.map((f) => `  ${f.action.padEnd(6)} ${safeLine(f.path)}`);
  return `${[head, ...lines, ...ignored].join('\n')}\n`;
}

/** The refusal: every conflict with its reason, and that nothing was written. */
export function describeConflicts(runId: string, result: ApplyResult, style: Style, ignored: IgnoredWritten, notCopied: readonly LeftOut[] = []): string {
  const n = result.conflicts.length;
  const lines = result.conflicts.map((c) => `  ${style.red('conflict')} ${safeLine(c.path)}: ${safeText(c.reason)}`);
  return [
    `hew: cannot apply run ${runId}: ${plural(n, 'conflict')} with your tree; nothing was written`,
    ...lines,
    ...notAppliedLines(result.skipped),
    ...outsideSparseLines(result.outsideSparse),
    ...ignoredLines(ignored, runId),
    ...notCopiedLines(notCopied),
    `  see the run's changes with \`hew diff ${runId}\`, or put them on a branch with \`hew apply ${runId} --branch NAME\``,
    '',
  ].join('\n');
}

/** What `exec --apply` did: exec's exit code, and whether everything the run wrote is now in the user's tree. */
export interface ExecApplied {
  exitCode: number;
  /** Nothing was left out: no conflict, no ignored file or edit outside the sparse checkout left in the run. */
  complete: boolean;
}

/**
 * `exec --apply [--include-ignored]`: after a successful run, apply it if it applies cleanly. Reports
 * on stderr (stdout belongs to the final message or the JSONL stream). The exit code is 0, or 5 on
 * conflict; `complete` is false when the run still holds work not applied (then `--ephemeral` keeps it).
 */
export async function applyAfterExec(
  store: RunStore,
  runId: string,
  write: (text: string) => void,
  style: Style,
  includeIgnored = false,
): Promise<ExecApplied> {
  const run: Run = store.open(runId);
  const meta = run.meta();
  const copy = copyOf(run);
  await recoverInterruptedApply(meta.repo, process.env, write);
  const outcome = await guardedApply(copy, meta.repo, run.id, { dryRun: false, includeIgnored }, (t) => write(t.replace(/^hew: /, 'hew: --apply: ')));
  if (typeof outcome === 'number') return { exitCode: outcome, complete: false };
  const { result, interrupted } = outcome;
  const ignored = await runIgnored(run, copy.root, result.ignored);
  const nothing = result.ok && result.applied.length === 0 && result.unchanged.length === 0;
  if (!result.ok) {
    write(describeConflicts(run.id, result, style, ignored));
  } else if (nothing && result.ignored.length === 0 && result.outsideSparse.length === 0) {
    write('hew: --apply: the run changed no files; nothing to apply\n');
  } else {
    if (result.applied.length > 0) markRun(run, { applied_at: new Date().toISOString() });
    write(describeApplied(run.id, result, false, ignored).replace(/^/, 'hew: '));
  }
  if (interrupted) write(`hew: --apply: ${interruptedLine(result, false)}\n`);
  const exitCode = interrupted ? EXIT.interrupted : result.ok ? EXIT.ok : EXIT.conflict;
  return { exitCode, complete: exitCode === EXIT.ok && result.ignored.length === 0 && result.outsideSparse.length === 0 };
}
