// What a successful patch reports: the model's message (Codex's file list, each file with its +/-
// line counts, and under each updated or moved file its resulting hunks while they are small) and
// the `file_change` item's changes, each with its counts and a bounded unified diff (SPEC §3).
//
// Decisions (docs/architecture.md):
// - The model sees hunks only for updated and moved files: an added file's lines are the patch's own
//   text, a deleted file's are gone; both get their counts only. The hunks show the file as it is
//   now (context as found, re-indented lines, line numbers), with DIFF_CONTEXT_LINES of context.
// - Every bound cuts at a line and says so: the model reads "… N more diff lines not shown", an item
//   carries `diff_truncated: true`. Over-long lines are shortened, marked with "…".

import type { FileChange } from '../protocol/files.ts';
import { diffFileText } from './change-diff.ts';
import type { FileDiffLines } from './change-diff.ts';
import type { ChangeTexts } from './plan.ts';

export interface ReportLimits {
  /** Characters of diff per file. */
  fileChars: number;
  /** Characters of diff for the whole patch. */
  totalChars: number;
  /** Characters of one diff line; longer lines are shortened. */
  lineChars: number;
}

/** The model's message: a one-line change costs a few hundred bytes, a big patch at most ~6 KB of hunks. */
export const MODEL_LIMITS: ReportLimits = { fileChars: 2000, totalChars: 6000, lineChars: 240 };
/** The `file_change` item: enough for a front to show a real edit, small enough for every event log. */
export const ITEM_LIMITS: ReportLimits = { fileChars: 8000, totalChars: 32_000, lineChars: 1000 };

interface Bounded {
  lines: string[];
  /** Diff lines left out at the end. */
  omitted: number;
  /** Some line was shortened. */
  shortened: boolean;
}

function shorten(line: string, max: number): string {
  return line.length <= max ? line : `${line.slice(0, max)}… (${line.length - max} more characters)`;
}

/** The leading lines of `lines` that fit in `budget` characters (newlines counted). */
export function boundLines(lines: readonly string[], budget: number, lineChars: number): Bounded {
  const out: string[] = [];
  let used = 0;
  let shortened = false;
  for (const line of lines) {
    const shown = shorten(line, lineChars);
    if (used + shown.length + 1 > budget) break;
    if (shown !== line) shortened = true;
    out.push(shown);
    used += shown.length + 1;
  }
  return { lines: out, omitted: lines.length - out.length, shortened };
}

class Budget {
  private left: number;
  private readonly limits: ReportLimits;
  constructor(limits: ReportLimits) {
    this.limits = limits;
    this.left = limits.totalChars;
  }
  take(lines: readonly string[]): Bounded {
    const bounded = boundLines(lines, Math.min(this.limits.fileChars, this.left), this.limits.lineChars);
    this.left -= bounded.lines.reduce((n, l) => n + l.length + 1, 0);
    return bounded;
  }
}

export interface ChangeReport {
  changes: FileChange[];
  /** What the model reads. */
  summary: string;
}

function counts(d: FileDiffLines): string {
  return `(+${d.added} -${d.removed})`;
}

/** Codex's "Success." list, grouped A, M, D with each path once, plus counts and hunks. */
function modelSummary(changes: readonly FileChange[], diffs: readonly FileDiffLines[]): string {
  const groups: Record<'A' | 'M' | 'D', { path: string; diff: FileDiffLines; hunks: boolean }[]> = { A: [], M: [], D: [] };
  const seen = new Set<string>();
  changes.forEach((c, i) => {
    const letter = c.kind === 'add' ? 'A' : c.kind === 'delete' ? 'D' : 'M';
    const path = c.kind === 'move' && c.move_path !== undefined ? c.move_path : c.path;
    if (seen.has(`${letter} ${path}`)) return;
    seen.add(`${letter} ${path}`);
    groups[letter].push({ path, diff: diffs[i]!, hunks: letter === 'M' });
  });
  const budget = new Budget(MODEL_LIMITS);
  const out = ['Success. Updated the following files:'];
  for (const letter of ['A', 'M', 'D'] as const) {
    for (const f of groups[letter]) {
      out.push(`${letter} ${f.path} ${counts(f.diff)}`);
      if (!f.hunks || f.diff.lines.length === 0) continue;
      const shown = budget.take(f.diff.lines);
      out.push(...shown.lines);
      if (shown.omitted > 0) {
        out.push(`… ${shown.omitted} more diff line${shown.omitted === 1 ? '' : 's'} of ${f.path} not shown (read the file to see them)`);
      }
    }
  }
  return `${out.join('\n')}\n`;
}

function itemChange(change: FileChange, diff: FileDiffLines, budget: Budget): FileChange {
  const shown = budget.take(diff.lines);
  const out: FileChange = { ...change, lines_added: diff.added, lines_removed: diff.removed };
  if (shown.lines.length > 0) out.diff = `${shown.lines.join('\n')}\n`;
  if (shown.omitted > 0 || shown.shortened) out.diff_truncated = true;
  return out;
}

/** The report of an applied patch; `texts` holds each change's file before and after. */
export function reportChanges(changes: readonly FileChange[], texts: readonly ChangeTexts[]): ChangeReport {
  const diffs = texts.map((t) => diffFileText(t.before, t.after));
  const budget = new Budget(ITEM_LIMITS);
  return {
    changes: changes.map((c, i) => itemChange(c, diffs[i]!, budget)),
    summary: modelSummary(changes, diffs),
  };
}
