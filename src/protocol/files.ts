// Files in the protocol: a change the run made, what the working copy left out, ignored files the
// run wrote, and the per-file line counts and diff texts the interactive front shows. Types only.

export type FileChangeKind = 'add' | 'update' | 'delete' | 'move';

export interface FileChange {
  /**
   * Relative to the repository top, in display form (workcopy/path-bytes.ts quotePath): as it is
   * when it needs no escaping (UTF-8 included), else C-quoted as git does (`"caf\351.txt"`, octal for
   * bytes that are not UTF-8 and for controls). So every event is valid UTF-8 JSON; `move_path` and
   * `ignored_files` likewise.
   */
  path: string;
  kind: FileChangeKind;
  move_path?: string;
  /** Lines added and removed (set on a completed change). */
  lines_added?: number;
  lines_removed?: number;
  /**
   * The change as unified-diff hunks (`@@ … @@` headers, ' ', '-', '+' and `\ No newline` lines; no file headers), with
   * 2 lines of context; bounded (8,000 characters per file, 32,000 per item, 1,000 per line).
   */
  diff?: string;
  /** `diff` was cut (lines left out at its end, or a long line shortened). */
  diff_truncated?: boolean;
}

/** A path the working copy left out, or a change `hew apply` does not take, and why (`reason` is hew's text, never the model's). */
export interface LeftOut {
  /** Repository-relative, in display form (git's C-quoting for names that need it, as FileChange paths); a directory ends in `/`. */
  path: string;
  reason: string;
}

/**
 * Ignored files commands wrote, one entry per top-level folder (`dist/`, with how many files) or
 * top-level file (`debug.log`, files 1). A symlink is never summarised: it is its own entry (`link: true`).
 */
export interface IgnoredGroup {
  path: string;
  files: number;
  /** The entry is a symlink: never applied, not even by `hew apply --include-ignored`. */
  link?: boolean;
}

/** Per-file line counts of a run's changes so far (`git diff --numstat` of the base snapshot against the copy). */
export interface FileStat {
  path: string;
  kind: FileChangeKind;
  move_path?: string;
  added: number;
  removed: number;
  binary: boolean;
}

/** One file of a diff view: its unified diff text (no colour), from its `diff --git` line on. */
export interface FileDiff {
  path: string;
  stat: FileStat;
  diff: string;
}
