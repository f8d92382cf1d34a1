// The two rules every string hew puts in an ACP message follows. Everything the model writes is
// hostile: a title is one line, bounded, with no control character (an editor renders it in a card
// header); a path is absolute in the USER's repository (the editor opens it), never outside it.
import path from 'node:path';
import { safeLine } from '../format/safe-text.ts';
import { isInside } from '../fs/repo-file.ts';
import { unquotePath } from '../workcopy/path-bytes.ts';

/** Longest title hew gives a tool call or a permission request, in characters. */
export const TITLE_CHARS = 80;

/** `text` as a card title: its first non-blank line, controls made visible, at most `max` characters (`…` when cut or when lines follow). */
export function titleLine(text: string, max = TITLE_CHARS): string {
  const lines = text.split(/\r?\n/);
  const first = (lines.find((l) => l.trim() !== '') ?? '').trim();
  const more = lines.filter((l) => l.trim() !== '').length > 1;
  const line = safeLine(first);
  const chars = Array.from(line);
  if (chars.length > max) return `${chars.slice(0, max - 1).join('')}…`;
  return more ? (chars.length + 2 > max ? `${chars.slice(0, max - 1).join('')}…` : `${line} …`) : line;
}

/**
 * The absolute path in the repository `repo` of a repository-relative path in display form
 * (FileChange.path, command_execution.paths: workcopy/path-bytes.ts quotePath); null when it names
 * nothing inside the repository (`..`, absolute elsewhere) or a name JSON cannot carry (bytes that are
 * not UTF-8).
 */
export function repoPath(repo: string, shown: string): string | null {
  let name: string;
  try {
    name = unquotePath(shown);
  } catch {
    return null;
  }
  if (name === '' || /\p{Cs}/u.test(name) || name.includes('\0')) return null;
  const full = path.resolve(repo, name);
  return isInside(repo, full) ? full : null;
}
