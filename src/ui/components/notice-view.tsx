// The notices that land in the transcript: the change summary, apply results, slash-command output
// (info: a padded first column wraps under its text, term-line.tsx), warnings and errors.
import { Box, Text } from 'ink';
import type { TranscriptNotice } from '../state/types.ts';
import { glyph, theme } from '../theme.ts';
import { ApplyResult } from './apply-result.tsx';
import { Prose } from './prose.tsx';
import { SummaryCard } from './summary-card.tsx';
import { TermLine } from './term-line.tsx';

export function NoticeView({ notice }: { notice: TranscriptNotice }) {
  switch (notice.type) {
    case 'notice.summary':
      return <SummaryCard turn={notice.turn} files={notice.files} />;
    case 'notice.apply':
      return <ApplyResult notice={notice} />;
    case 'notice.info':
      return (
        <Box flexDirection="column">
          <Text bold>{notice.title}</Text>
          {notice.lines.map((line, i) => (
            <Box key={i} paddingLeft={2}>
              <TermLine line={line} />
            </Box>
          ))}
        </Box>
      );
    case 'notice.warning':
      return (
        <Prose color={theme.warn}>
          {glyph.warn} {notice.message}
        </Prose>
      );
    case 'notice.error':
      return (
        <Prose color={theme.bad}>
          {glyph.bad} {notice.message}
        </Prose>
      );
  }
}
