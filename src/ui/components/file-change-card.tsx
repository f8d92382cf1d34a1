// A patch the agent applied (or failed to): each file with its kind — A added, M updated, D deleted,
// R moved —, its +/- line counts and the first lines of its diff (the item's `diff`, already made
// safe for the terminal by safe-action.ts), and the error when the patch did not apply.
import { Box, Text } from 'ink';
import type { FileChange } from '../../agent/events.ts';
import type { FileChangeView } from '../state/types.ts';
import { glyph, theme } from '../theme.ts';
import { DiffLine } from './diff-lines.tsx';

/** Diff lines a card shows per file and in all; the rest is one "… N more lines" (`hew diff` shows all). */
const DIFF_LINES_PER_FILE = 8;
const DIFF_LINES_PER_CARD = 16;

const KIND_LETTER: Record<FileChange['kind'], string> = { add: 'A', update: 'M', delete: 'D', move: 'R' };
const KIND_COLOR: Record<FileChange['kind'], string> = { add: theme.added, update: theme.warn, delete: theme.removed, move: theme.accent };

export function FileChangeLine({ change }: { change: FileChange }) {
  return (
    <Text>
      <Text color={KIND_COLOR[change.kind]}>{KIND_LETTER[change.kind]} </Text>
      <Text>{change.path}</Text>
      {change.kind === 'move' && change.move_path !== undefined ? (
        <Text>
          {' '}
          {glyph.arrow} {change.move_path}
        </Text>
      ) : null}
      {change.lines_added !== undefined && change.lines_removed !== undefined ? (
        <Text>
          {' '}
          <Text color={theme.added}>+{change.lines_added}</Text> <Text color={theme.removed}>-{change.lines_removed}</Text>
        </Text>
      ) : null}
    </Text>
  );
}

function diffLinesOf(diff: string | undefined): string[] {
  if (diff === undefined || diff === '') return [];
  const lines = diff.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

function FileDiffPreview({ change, room }: { change: FileChange; room: number }) {
  const lines = diffLinesOf(change.diff);
  if (lines.length === 0 || room <= 0) return null;
  const shown = lines.slice(0, Math.min(room, DIFF_LINES_PER_FILE));
  const more = lines.length - shown.length;
  return (
    <Box flexDirection="column" paddingLeft={4}>
      {shown.map((line, i) => (
        <DiffLine key={i} line={line} />
      ))}
      {more > 0 || change.diff_truncated ? <Text dimColor>… {more > 0 ? `${more} more lines` : 'more'}</Text> : null}
    </Box>
  );
}

export function FileChangeCard({ change }: { change: FileChangeView }) {
  const n = change.changes.length;
  const files = `${n} file${n === 1 ? '' : 's'}`;
  const running = change.status === 'in_progress';
  const failed = change.status === 'failed' || change.status === 'declined';
  const title = running ? `editing ${files}` : failed ? `patch not applied (${files})` : `edited ${files}`;
  const color = running ? theme.running : failed ? theme.bad : theme.ok;
  const mark = running ? glyph.running : failed ? glyph.bad : glyph.ok;
  return (
    <Box flexDirection="column">
      <Text>
        <Text color={color}>{mark} </Text>
        <Text bold>{title}</Text>
      </Text>
      {change.changes.map((c, i) => {
        const before = change.changes.slice(0, i).reduce((n, p) => n + Math.min(DIFF_LINES_PER_FILE, diffLinesOf(p.diff).length), 0);
        return (
          <Box key={i} flexDirection="column">
            <Box paddingLeft={2}>
              <FileChangeLine change={c} />
            </Box>
            {change.status === 'completed' ? <FileDiffPreview change={c} room={DIFF_LINES_PER_CARD - before} /> : null}
          </Box>
        );
      })}
      {change.error !== undefined ? (
        <Box paddingLeft={2}>
          <Text color={theme.bad}>{change.error}</Text>
        </Box>
      ) : null}
    </Box>
  );
}
