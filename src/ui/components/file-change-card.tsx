// A patch the agent applied (or failed to): each file with its kind — A added, M updated, D deleted,
// R moved —, its +/- line counts and its diff inline, coloured (the item's `diff`, already made safe
// for the terminal by safe-action.ts; bounded per edit by state/edit-preview.ts, with a line naming
// `/diff PATH` for the rest), and the error when the patch did not apply.
import { Box, Text } from 'ink';
import type { FileChange } from '../../protocol/files.ts';
import type { FileChangeView } from '../state/types.ts';
import { editPreview, moreLine } from '../state/edit-preview.ts';
import type { FilePreview } from '../state/edit-preview.ts';
import { glyph, theme } from '../theme.ts';
import { DiffLine } from './diff-lines.tsx';
import { plural } from '../../format/plural.ts';

const KIND_LETTER: Record<FileChange['kind'], string> = { add: 'A', update: 'M', delete: 'D', move: 'R' };
const KIND_COLOR: Record<FileChange['kind'], string> = { add: theme.added, update: theme.warn, delete: theme.removed, move: theme.accent };

function FileChangeLine({ change }: { change: FileChange }) {
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

/** One file's share of the edit's diff, and the line saying how to see the rest when it is cut. */
function FileDiffPreview({ change, preview }: { change: FileChange; preview: FilePreview }) {
  const more = moreLine(change.path, preview);
  if (preview.lines.length === 0 && more === null) return null;
  return (
    <Box flexDirection="column" paddingLeft={4}>
      {preview.lines.map((line, i) => (
        <DiffLine key={i} line={line} headers={false} />
      ))}
      {more !== null ? (
        <Text dimColor wrap="truncate-end">
          {more}
        </Text>
      ) : null}
    </Box>
  );
}

export function FileChangeCard({ change }: { change: FileChangeView }) {
  const n = change.changes.length;
  const files = `${plural(n, 'file')}`;
  const running = change.status === 'in_progress';
  const failed = change.status === 'failed' || change.status === 'declined';
  const title = running ? `editing ${files}` : failed ? `patch not applied (${files})` : `edited ${files}`;
  const color = running ? theme.running : failed ? theme.bad : theme.ok;
  const mark = running ? glyph.running : failed ? glyph.bad : glyph.ok;
  const previews = change.status === 'completed' ? editPreview(change.changes) : [];
  return (
    <Box flexDirection="column">
      <Text>
        <Text color={color}>{mark} </Text>
        <Text bold>{title}</Text>
      </Text>
      {change.changes.map((c, i) => {
        const preview = previews[i];
        return (
          <Box key={i} flexDirection="column">
            <Box paddingLeft={2}>
              <FileChangeLine change={c} />
            </Box>
            {preview ? <FileDiffPreview change={c} preview={preview} /> : null}
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
