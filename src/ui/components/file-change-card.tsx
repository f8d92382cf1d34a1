// A patch the agent applied (or failed to): each file with its kind — A added, M updated, D deleted,
// R moved — and the error when the patch did not apply.
import { Box, Text } from 'ink';
import type { FileChange } from '../../agent/events.ts';
import type { FileChangeView } from '../state/types.ts';
import { glyph, theme } from '../theme.ts';

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
    </Text>
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
      {change.changes.map((c, i) => (
        <Box key={i} paddingLeft={2}>
          <FileChangeLine change={c} />
        </Box>
      ))}
      {change.error !== undefined ? (
        <Box paddingLeft={2}>
          <Text color={theme.bad}>{change.error}</Text>
        </Box>
      ) : null}
    </Box>
  );
}
