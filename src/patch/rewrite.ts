// A whole-file rewrite through the patch engine, for hew's own edits in the copy (the remember
// tool): the same path checks as a patch (inside the root, not through a link out, never in .git),
// the same all-or-nothing commit, and the same report, so the change is a `file_change` with its diff.
// `before` is what the caller read: when the file no longer holds exactly that, nothing is written.
import { realpath, stat } from 'node:fs/promises';
import type { PatchResult } from './apply.ts';
import { reportChanges } from './change-report.ts';
import { commitPlan } from './commit.ts';
import { PatchError } from './errors.ts';
import { readBoundedAsync, UnreadableFileError } from '../fs/read-bounded.ts';
import { resolveInRoot } from './paths.ts';

const MAX_REWRITE_BYTES = 64 * 1024 * 1024;

/** Writes `after` to `rel` under `root` (created when `before` is null). Throws PatchError; the disk is then unchanged. */
export async function rewriteFile(root: string, rel: string, before: string | null, after: string): Promise<PatchResult> {
  let realRoot: string;
  try {
    realRoot = await realpath(root);
  } catch (err) {
    throw new PatchError(`The working copy root ${root} cannot be used: ${(err as Error).message}`);
  }
  const resolved = await resolveInRoot(root, realRoot, rel);
  let original: Buffer | null = null;
  let mode: number | null = null;
  try {
    const read = await readBoundedAsync(resolved.real, { maxBytes: MAX_REWRITE_BYTES, overLimit: 'refuse' });
    original = read.bytes;
    mode = (await stat(resolved.real)).mode & 0o7777;
  } catch (err) {
    if (!(err instanceof UnreadableFileError) || err.reason.code !== 'missing') throw new PatchError(`Cannot rewrite '${rel}': ${(err as Error).message}`);
  }
  if ((original === null ? null : original.toString('utf8')) !== before) {
    throw new PatchError(`'${rel}' changed while it was being edited; nothing was written.`);
  }
  const data = Buffer.from(after, 'utf8');
  const write = { real: resolved.real, display: resolved.display, data, mode, original, originalMode: mode };
  await commitPlan([write], []);
  return reportChanges([{ path: resolved.display, kind: original === null ? 'add' : 'update' }], [{ before, after }]);
}
