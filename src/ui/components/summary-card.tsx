// notice.summary: the files the run has changed so far, with added/removed line counts.
import { Box, Text } from 'ink';
import type { FileStat } from '../../protocol/files.ts';
import { glyph, theme } from '../theme.ts';

const KIND_LETTER: Record<FileStat['kind'], string> = { add: 'A', update: 'M', delete: 'D', move: 'R' };

function Counts({ stat }: { stat: FileStat }) {
  if (stat.binary) return <Text dimColor> binary</Text>;
  return (
    <Text>
      {' '}
      <Text color={theme.added}>+{stat.added}</Text> <Text color={theme.removed}>-{stat.removed}</Text>
    </Text>
  );
}

export function SummaryCard({ turn, files }: { turn: number; files: FileStat[] }) {
  const added = files.reduce((n, f) => n + f.added, 0);
  const removed = files.reduce((n, f) => n + f.removed, 0);
  return (
    <Box flexDirection="column">
      <Text>
        <Text bold>Changes so far</Text>
        <Text dimColor>
          {' '}
          (after turn {turn}): {files.length} file{files.length === 1 ? '' : 's'}{' '}
        </Text>
        <Text color={theme.added}>+{added}</Text> <Text color={theme.removed}>-{removed}</Text>
      </Text>
      {files.map((f, i) => (
        <Box key={i} paddingLeft={2}>
          <Text>
            <Text dimColor>{KIND_LETTER[f.kind]} </Text>
            <Text>{f.path}</Text>
            {f.kind === 'move' && f.move_path !== undefined ? (
              <Text>
                {' '}
                {glyph.arrow} {f.move_path}
              </Text>
            ) : null}
            <Counts stat={f} />
          </Text>
        </Box>
      ))}
      <Box paddingLeft={2}>
        <Text dimColor>/diff to review · /apply to take them</Text>
      </Box>
    </Box>
  );
}
