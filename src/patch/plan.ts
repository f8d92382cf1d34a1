// Working out, in memory, what a whole patch does: every file operation runs in order against a
// virtual view of the files (read from disk on first touch), so later sections see earlier ones and
// nothing is written until every hunk of every file has succeeded.

import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { FileChange } from '../protocol/files.ts';
import { describeReason, readBoundedAsync, UnreadableFileError } from '../fs/read-bounded.ts';
import { PatchError } from './errors.ts';
import type { FileOp, ParsedPatch } from './patch-types.ts';
import { resolveInRoot } from './paths.ts';
import type { ResolvedPath } from './paths.ts';
import { applyHunksToText } from './update.ts';

/** The largest file apply_patch reads to patch. */
const MAX_PATCH_FILE_BYTES = 64 * 1024 * 1024;

interface Entry {
  real: string;
  display: string;
  isDirectory: boolean;
  /** Bytes on disk before the patch; null when the file did not exist. */
  original: Buffer | null;
  /** `original` as text (what the change's diff starts from); null when the file did not exist. */
  originalText: string | null;
  originalMode: number | null;
  /** Text after the operations so far; null when absent. */
  text: string | null;
  /** Mode to give the written file (a moved file keeps its source's mode). */
  mode: number | null;
  /** `text` is still the file as read from disk. */
  pristine: boolean;
}

export interface PlannedWrite {
  real: string;
  display: string;
  data: Buffer;
  mode: number | null;
  original: Buffer | null;
  originalMode: number | null;
}

export interface PlannedDelete {
  real: string;
  display: string;
  original: Buffer;
  originalMode: number | null;
}

/** A change's file text before the patch and after it (null: absent), for its diff. */
export interface ChangeTexts {
  before: string | null;
  after: string | null;
}

export interface Plan {
  changes: FileChange[];
  /** One per change, in the same order. */
  texts: ChangeTexts[];
  writes: PlannedWrite[];
  deletes: PlannedDelete[];
}

class VirtualFiles {
  readonly entries = new Map<string, Entry>();
  private readonly root: string;
  private readonly realRoot: string;

  constructor(root: string, realRoot: string) {
    this.root = root;
    this.realRoot = realRoot;
  }

  async entry(named: string, patchLine: number): Promise<Entry> {
    const resolved: ResolvedPath = await resolveInRoot(this.root, this.realRoot, named);
    const known = this.entries.get(resolved.real);
    if (known) return known;
    const entry: Entry = {
      real: resolved.real,
      display: resolved.display,
      isDirectory: false,
      original: null,
      originalText: null,
      originalMode: null,
      text: null,
      mode: null,
      pristine: false,
    };
    try {
      const info = await stat(resolved.real);
      entry.isDirectory = info.isDirectory();
      if (!entry.isDirectory) {
        // A FIFO or a device is refused, never opened for reading (that would block hew).
        entry.original = (await readBoundedAsync(resolved.real, { maxBytes: MAX_PATCH_FILE_BYTES, overLimit: 'refuse' })).bytes;
        entry.originalMode = info.mode & 0o7777;
        entry.mode = entry.originalMode;
        entry.text = entry.original.toString('utf8');
        entry.originalText = entry.text;
        entry.pristine = true;
      }
    } catch (err) {
      if (err instanceof UnreadableFileError && err.reason.code !== 'missing') {
        throw new PatchError(`Cannot patch '${named}' (patch line ${patchLine}): it ${describeReason(err.reason)}; apply_patch works on regular files only.`);
      }
      if (!(err instanceof UnreadableFileError) && (err as NodeJS.ErrnoException).code !== 'ENOENT') {
        throw new PatchError(`Cannot read '${named}' (patch line ${patchLine}): ${(err as Error).message}`);
      }
    }
    if (entry.isDirectory) {
      throw new PatchError(`'${named}' (patch line ${patchLine}) is a directory; apply_patch works on files only.`);
    }
    this.entries.set(entry.real, entry);
    return entry;
  }
}

function setText(entry: Entry, text: string | null): void {
  entry.text = text;
  entry.pristine = false;
}

function editableText(entry: Entry, named: string, patchLine: number): string {
  if (entry.text === null) {
    throw new PatchError(
      `Failed to update '${named}' (patch line ${patchLine}): the file does not exist. ` +
        `Check the path, or use '*** Add File: ${named}' to create it. Nothing was changed.`,
    );
  }
  if (entry.pristine && entry.original!.includes(0)) {
    throw new PatchError(`'${named}' (patch line ${patchLine}) is a binary file; apply_patch edits text files only.`);
  }
  if (entry.pristine && !Buffer.from(entry.text, 'utf8').equals(entry.original!)) {
    throw new PatchError(`'${named}' (patch line ${patchLine}) is not UTF-8 text; apply_patch edits UTF-8 text files only.`);
  }
  return entry.text;
}

/** The entries each change reads from and leaves its result in; their final texts are known at the end. */
type ChangeSides = { from: Entry; to: Entry }[];

async function runOp(files: VirtualFiles, op: FileOp, plan: Plan, sides: ChangeSides): Promise<void> {
  const entry = await files.entry(op.path, op.patchLine);
  if (op.kind === 'add') {
    setText(entry, op.contents);
    plan.changes.push({ path: entry.display, kind: 'add' });
    sides.push({ from: entry, to: entry });
    return;
  }
  if (op.kind === 'delete') {
    if (entry.text === null) {
      throw new PatchError(
        `Failed to delete '${op.path}' (patch line ${op.patchLine}): the file does not exist. Check the path. Nothing was changed.`,
      );
    }
    setText(entry, null);
    plan.changes.push({ path: entry.display, kind: 'delete' });
    sides.push({ from: entry, to: entry });
    return;
  }
  const text = editableText(entry, op.path, op.patchLine);
  const updated = op.hunks.length > 0 ? applyHunksToText(text, op.hunks, entry.display) : text;
  const dest = op.movePath === null ? entry : await files.entry(op.movePath, op.patchLine);
  if (dest === entry) {
    setText(entry, updated);
    plan.changes.push({ path: entry.display, kind: 'update' });
    sides.push({ from: entry, to: entry });
    return;
  }
  setText(dest, updated); // an existing destination is overwritten, as Codex does
  dest.mode = entry.mode;
  setText(entry, null);
  plan.changes.push({ path: entry.display, kind: 'move', move_path: dest.display });
  sides.push({ from: entry, to: dest });
}

function finalState(files: VirtualFiles, plan: Plan): void {
  const present: string[] = [];
  for (const e of files.entries.values()) {
    if (e.text === null) {
      if (e.original !== null) {
        plan.deletes.push({ real: e.real, display: e.display, original: e.original, originalMode: e.originalMode });
      }
      continue;
    }
    present.push(e.real);
    const data = Buffer.from(e.text, 'utf8');
    if (e.original !== null && data.equals(e.original) && e.mode === e.originalMode) continue;
    plan.writes.push({ real: e.real, display: e.display, data, mode: e.mode, original: e.original, originalMode: e.originalMode });
  }
  for (const a of present) {
    const under = present.find((b) => b.startsWith(`${a}${path.sep}`));
    const entry = files.entries.get(a)!;
    if (under) {
      throw new PatchError(`'${entry.display}' cannot be both a file and a directory in one patch.`);
    }
  }
}

/** Runs every operation in memory; throws PatchError on the first that cannot be done. */
export async function planPatch(root: string, realRoot: string, parsed: ParsedPatch): Promise<Plan> {
  const files = new VirtualFiles(root, realRoot);
  const plan: Plan = { changes: [], texts: [], writes: [], deletes: [] };
  const sides: ChangeSides = [];
  for (const op of parsed.ops) await runOp(files, op, plan, sides);
  finalState(files, plan);
  plan.texts = sides.map(({ from, to }, i) => ({ before: from.originalText, after: plan.changes[i]!.kind === 'delete' ? null : to.text }));
  return plan;
}
