// The patch engine's entry points: apply a patch under a root all-or-nothing, and list the
// changes a patch would make without touching the disk (to show the item before applying).

import { realpath } from 'node:fs/promises';
import path from 'node:path';
import type { FileChange } from '../protocol/files.ts';
import { commitPlan } from './commit.ts';
import type { CommitHooks } from './commit.ts';
import { PatchError } from './errors.ts';
import { parsePatch } from './parser.ts';
import { planPatch } from './plan.ts';
import { reportChanges } from './change-report.ts';

export interface PatchResult {
  /** Each change with its line counts and bounded diff (change-report.ts). */
  changes: FileChange[];
  /** Codex-style "Success. Updated the following files:" list, with counts and small hunks. */
  summary: string;
}

/** How a path named in the patch is shown before it is resolved: trimmed, relative ones normalised. */
function shownPath(named: string): string {
  return path.isAbsolute(named) ? path.normalize(named) : path.posix.normalize(named.split(path.sep).join('/'));
}

/** The changes a patch names, in order; [] when it does not parse. Never throws. */
export function patchChanges(text: string): FileChange[] {
  try {
    return parsePatch(text).ops.map((op): FileChange => {
      if (op.kind === 'update' && op.movePath !== null) {
        return { path: shownPath(op.path), kind: 'move', move_path: shownPath(op.movePath) };
      }
      return { path: shownPath(op.path), kind: op.kind };
    });
  } catch {
    return [];
  }
}

/** Applies a patch under `root`, all-or-nothing. Throws PatchError (disk unchanged) on any failure. */
export async function applyPatch(root: string, text: string): Promise<PatchResult> {
  return applyPatchWithHooks(root, text, {});
}

/** applyPatch with test hooks into the commit (not part of the public API). */
export async function applyPatchWithHooks(root: string, text: string, hooks: CommitHooks): Promise<PatchResult> {
  const parsed = parsePatch(text);
  let realRoot: string;
  try {
    realRoot = await realpath(root);
  } catch (err) {
    throw new PatchError(`The working copy root ${root} cannot be used: ${(err as Error).message}`);
  }
  const plan = await planPatch(root, realRoot, parsed);
  await commitPlan(plan.writes, plan.deletes, hooks);
  return reportChanges(plan.changes, plan.texts);
}
