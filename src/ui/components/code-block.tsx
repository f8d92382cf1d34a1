// A fenced code block: indented two spaces (so copied code stays code), lightly highlighted; a
// ```diff block is coloured as a diff. Long lines wrap.
import { Box, Text } from 'ink';
import { highlightCode } from '../markdown/highlight.ts';
import type { CodeTokenKind } from '../markdown/highlight.ts';
import { theme } from '../theme.ts';
import { DiffLine } from './diff-lines.tsx';

const COLORS: Record<CodeTokenKind, string | undefined> = {
  keyword: theme.keyword,
  string: theme.string,
  comment: theme.comment,
  number: theme.number,
  plain: undefined,
};

export function CodeBlock({ code, lang }: { code: string; lang?: string }) {
  const isDiff = lang === 'diff' || lang === 'patch';
  const lines = code.replace(/\t/g, '    ');
  if (isDiff) {
    return (
      <Box flexDirection="column" paddingLeft={2}>
        {lines.split('\n').map((line, i) => (
          <DiffLine key={i} line={line} wrap="wrap" />
        ))}
      </Box>
    );
  }
  return (
    <Box flexDirection="column" paddingLeft={2}>
      {highlightCode(lines, lang).map((tokens, i) => (
        <Text key={i}>
          {tokens.length === 0
            ? ' '
            : tokens.map((t, j) => {
                const color = COLORS[t.kind];
                return color ? (
                  <Text key={j} color={color}>
                    {t.text}
                  </Text>
                ) : (
                  t.text
                );
              })}
        </Text>
      ))}
    </Box>
  );
}
