// notice.apply: what `/apply` wrote into the person's tree, or — when any file conflicts — that
// nothing was written, and each conflict with its reason.
import { Box, Text } from 'ink';
import type { Notice } from '../../protocol/interactive.ts';
import { glyph, theme } from '../theme.ts';
import { plural } from '../../format/plural.ts';

type ApplyNotice = Extract<Notice, { type: 'notice.apply' }>;

export function ApplyResult({ notice }: { notice: ApplyNotice }) {
  if (notice.ok) {
    const n = notice.applied.length;
    return (
      <Box flexDirection="column">
        <Text>
          <Text color={theme.ok}>{glyph.ok} </Text>
          <Text bold>
            Applied {n} file{n === 1 ? '' : 's'} to your working tree
          </Text>
        </Text>
        {notice.applied.map((a, i) => (
          <Box key={i} paddingLeft={2}>
            <Text>
              <Text dimColor>{a.action} </Text>
              {a.path}
            </Text>
          </Box>
        ))}
        {notice.message !== '' ? (
          <Box paddingLeft={2}>
            <Text dimColor>{notice.message}</Text>
          </Box>
        ) : null}
      </Box>
    );
  }
  const n = notice.conflicts.length;
  return (
    <Box flexDirection="column">
      <Text>
        <Text color={theme.bad}>{glyph.bad} </Text>
        <Text bold>{n > 0 ? `Not applied: ${plural(n, 'conflict')}. Nothing was written.` : 'Not applied. Nothing was written.'}</Text>
      </Text>
      {notice.conflicts.map((c, i) => (
        <Box key={i} paddingLeft={2}>
          <Text>
            <Text color={theme.bad}>conflict </Text>
            <Text bold>{c.path}</Text>
            <Text>: {c.reason}</Text>
          </Text>
        </Box>
      ))}
      {notice.message !== '' ? (
        <Box paddingLeft={2}>
          <Text>{notice.message}</Text>
        </Box>
      ) : null}
    </Box>
  );
}
