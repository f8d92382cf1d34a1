// A line of a notice laid out as a term and its text, as /help, /status and /mcp write them: a first
// column padded with two or more spaces (`/model NAME       use another model …`). The text wraps
// under itself, so a continuation row starts at the text's column, never at the notice's edge.
import { Box, Text } from 'ink';
import { Prose } from './prose.tsx';

/** Terms wider than this are not a column (the line wraps as prose). */
const MAX_TERM = 24;

export interface TermSplit {
  /** The term with its padding: the text's column is its length. */
  term: string;
  text: string;
}

/** `TERM  TEXT` → its two parts; null for a line that is not one (no padded first column). */
export function termOf(line: string): TermSplit | null {
  const m = /^(\S(?:.*?\S)?\s{2,})(\S.*)$/.exec(line);
  if (!m || (m[1] ?? '').length > MAX_TERM) return null;
  return { term: m[1] ?? '', text: m[2] ?? '' };
}

export function TermLine({ line }: { line: string }) {
  const split = termOf(line);
  if (!split) return <Prose>{line === '' ? ' ' : line}</Prose>;
  return (
    <Box>
      <Box width={split.term.length} flexShrink={0}>
        <Text>{split.term.trimEnd()}</Text>
      </Box>
      <Box flexGrow={1} flexShrink={1}>
        <Prose>{split.text}</Prose>
      </Box>
    </Box>
  );
}
