// The agent's plan as a checklist that updates in place: ☐ pending, ▸ in progress, ☑ done.
import { Box, Text } from 'ink';
import type { PlanEntry } from '../../protocol/events.ts';
import { glyph, theme } from '../theme.ts';

function Step({ entry }: { entry: PlanEntry }) {
  switch (entry.status) {
    case 'completed':
      return (
        <Text>
          <Text color={theme.ok}>{glyph.done} </Text>
          <Text dimColor>{entry.text}</Text>
        </Text>
      );
    case 'in_progress':
      return (
        <Text>
          <Text color={theme.accent}>{glyph.active} </Text>
          <Text bold>{entry.text}</Text>
        </Text>
      );
    default:
      return (
        <Text>
          <Text>{glyph.pending} </Text>
          <Text>{entry.text}</Text>
        </Text>
      );
  }
}

export function PlanView({ entries, explanation }: { entries: PlanEntry[]; explanation?: string }) {
  const done = entries.filter((e) => e.status === 'completed').length;
  return (
    <Box flexDirection="column">
      <Text>
        <Text bold>Plan</Text>
        <Text dimColor>
          {' '}
          {done}/{entries.length} done
        </Text>
      </Text>
      {explanation !== undefined ? (
        <Box paddingLeft={2}>
          <Text dimColor>{explanation}</Text>
        </Box>
      ) : null}
      {entries.map((entry, i) => (
        <Box key={i} paddingLeft={2}>
          <Step entry={entry} />
        </Box>
      ))}
    </Box>
  );
}
