// A file change of the event stream → ACP tool-call content: `{type:'diff', path, oldText, newText}`.
// Events carry a bounded unified diff per file (FileChange.diff: `@@` hunks with 2 lines of context,
// no file headers), not whole files, so the texts are the hunks' two sides — old side = context and
// `-` lines, new side = context and `+` lines — hunks joined by a blank line (snippets are accepted
// practice: Zed's Claude adapter sends an edit's old and new strings). A new file has oldText null,
// a deleted one newText ''. When the diff was cut, or there is none (a pure rename, a binary file, an
// item past its size cap), a text block says so and names `/diff PATH`, which shows the whole file.
// Paths are absolute in the user's repository (the editor opens them); a name JSON cannot carry (not
// UTF-8) gets a text line instead of a diff. File contents are passed as they are: a diff view shows
// text, it does not interpret it.
import type * as acp from '@agentclientprotocol/sdk';
import type { FileChange } from '../protocol/files.ts';
import { safeLine } from '../format/safe-text.ts';
import { repoPath } from './text.ts';

/** The two sides of unified-diff hunks: old (context and `-`), new (context and `+`); lines before the first `@@` are skipped. */
export function hunkSides(diff: string): { oldText: string; newText: string } {
  const olds: string[][] = [];
  const news: string[][] = [];
  for (const line of diff.split('\n')) {
    if (line.startsWith('@@')) {
      olds.push([]);
      news.push([]);
      continue;
    }
    // File headers before the first hunk (`diff --git`, `---`, `+++` of a /diff file) are not text.
    if (olds.length === 0) continue;
    const oldSide = olds[olds.length - 1]!;
    const newSide = news[news.length - 1]!;
    const mark = line[0];
    const body = line.slice(1);
    if (mark === ' ') {
      oldSide.push(body);
      newSide.push(body);
    } else if (mark === '-') oldSide.push(body);
    else if (mark === '+') newSide.push(body);
    // `\ No newline at end of file` and a trailing empty line carry no text.
  }
  const join = (hunks: string[][]): string => hunks.filter((h) => h.length > 0).map((h) => h.join('\n')).join('\n\n');
  return { oldText: join(olds), newText: join(news) };
}

function text(t: string): acp.ToolCallContent {
  return { type: 'content', content: { type: 'text', text: t } };
}

/** The content blocks showing `change`: a diff (when it has a diff and a usable path), and a note when the diff is partial or missing. */
export function diffContent(change: FileChange, repo: string): acp.ToolCallContent[] {
  const shownPath = change.kind === 'move' && change.move_path !== undefined ? change.move_path : change.path;
  const shown = safeLine(shownPath);
  const abs = repoPath(repo, shownPath);
  const moved = change.kind === 'move' && change.move_path !== undefined ? `${safeLine(change.path)} → ${shown}` : null;
  const out: acp.ToolCallContent[] = [];
  if (abs === null) return [text(`${shown}: ${change.kind} (its name cannot be shown here; \`/diff\` lists it)`)];
  if (change.diff !== undefined && change.diff !== '') {
    const sides = hunkSides(change.diff);
    out.push({
      type: 'diff',
      path: abs,
      oldText: change.kind === 'add' ? null : sides.oldText,
      newText: change.kind === 'delete' ? '' : sides.newText,
    });
  }
  if (moved !== null) out.push(text(`renamed ${moved}`));
  if (change.diff_truncated) out.push(text(`… the diff of ${shown} was cut here; \`/diff ${shown}\` shows all of it`));
  else if (out.length === 0) out.push(text(`${shown}: ${change.kind}, no text diff to show; \`/diff ${shown}\` shows what changed`));
  return out;
}
