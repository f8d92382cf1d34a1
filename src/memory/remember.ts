// Remembering one entry, end to end, for the three ways in (the remember tool, the TUI's /remember,
// `hew remember`): find the target, run the checks, write. In the copy the write goes through the
// patch engine (patch/rewrite.ts), so it is a file change in the run's diff; elsewhere (the user's
// global file, or the repository when the user typed `hew remember`) it is written directly.
import type { FileChange } from '../protocol/files.ts';
import { PatchError } from '../patch/errors.ts';
import { rewriteFile } from '../patch/rewrite.ts';
import { describeFill, planMemory } from './check.ts';
import type { MemoryLimits, PlannedMemory } from './check.ts';
import { projectTarget, userTarget } from './target.ts';
import type { MemoryTarget, TargetResult } from './target.ts';
import { writeMemoryDirect } from './write.ts';

export type Planned = { ok: true; target: MemoryTarget; plan: PlannedMemory } | { ok: false; message: string };

/** The target and the checked entry, nothing written yet. */
export function planRemember(found: TargetResult, text: string, limits: MemoryLimits): Planned {
  if (!found.ok) return found;
  const plan = planMemory(text, found.target, limits);
  if (!plan.ok) return plan;
  return { ok: true, target: found.target, plan };
}

export type Remembered = { ok: true; target: MemoryTarget; plan: PlannedMemory; changes?: FileChange[] } | { ok: false; message: string };

/** Project scope in a working copy: through the patch engine, so the change has its diff. */
export async function rememberInCopy(root: string, text: string, limits: MemoryLimits): Promise<Remembered> {
  const planned = planRemember(projectTarget(root), text, limits);
  if (!planned.ok) return planned;
  const { target, plan } = planned;
  try {
    const result = await rewriteFile(root, target.shown, target.exists ? target.content : null, plan.after);
    return { ok: true, target, plan, changes: result.changes };
  } catch (err) {
    if (err instanceof PatchError) return { ok: false, message: `Not remembered: ${err.message}` };
    throw err;
  }
}

/** Straight to the file: the user's global one (`configDir`), or the repository's (`root`) for `hew remember`. */
export function rememberDirect(where: { scope: 'project'; root: string } | { scope: 'user'; configDir: string }, text: string, limits: MemoryLimits): Remembered {
  const found = where.scope === 'project' ? projectTarget(where.root) : userTarget(where.configDir);
  const planned = planRemember(found, text, limits);
  if (!planned.ok) return planned;
  try {
    writeMemoryDirect(planned.target, planned.plan.after);
  } catch (err) {
    return { ok: false, message: `Not remembered: ${planned.target.shown} could not be written (${(err as Error).message}).` };
  }
  return planned;
}

/** `"## Remembered by hew" (3 entries, 412 of 4,096 bytes)`: where an entry went, for the person. */
export function rememberedWhere(r: { plan: PlannedMemory }): string {
  return `under "## Remembered by hew" (${describeFill(r.plan.entries, r.plan.bytes, r.plan.cap)})`;
}
