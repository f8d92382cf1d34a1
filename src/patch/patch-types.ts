// The parsed form of a Codex `apply_patch` text: a list of file operations, each Update holding
// hunks of ' ' (context), '-' (removed) and '+' (added) lines.

export type HunkLineOp = ' ' | '-' | '+';

export interface HunkLine {
  op: HunkLineOp;
  text: string;
}

export interface Hunk {
  /** Text after `@@ `: a line searched for first, narrowing where the hunk applies. */
  context: string | null;
  lines: HunkLine[];
  /** `*** End of File` followed the hunk: its old lines should end the file. */
  endOfFile: boolean;
  /** 1-based line of the patch text where the hunk starts (for messages). */
  patchLine: number;
}

export type FileOp =
  | { kind: 'add'; path: string; contents: string; patchLine: number }
  | { kind: 'delete'; path: string; patchLine: number }
  | { kind: 'update'; path: string; movePath: string | null; hunks: Hunk[]; patchLine: number };

export interface ParsedPatch {
  ops: FileOp[];
}

/** The lines a hunk expects to find in the file (context and removed lines). */
export function oldLines(lines: readonly HunkLine[]): string[] {
  return lines.filter((l) => l.op !== '+').map((l) => l.text);
}
