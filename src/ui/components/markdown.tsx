// The agent's text as terminal Markdown, via marked's lexer: headings, paragraphs with inline
// styles, fenced code (highlighted), lists (nested, numbered, tasks), quotes, rules and tables.
// Heading markers and list bullets stay visible, so the structure survives NO_COLOR.
import { Box, Text } from 'ink';
import { lexer } from 'marked';
import type { Token, Tokens } from 'marked';
import { useMemo } from 'react';
import { safeStrings } from '../../format/safe-text.ts';
import { renderInline } from '../markdown/inline.tsx';
import { theme } from '../theme.ts';
import { CodeBlock } from './code-block.tsx';
import { Prose } from './prose.tsx';

function Heading({ token }: { token: Tokens.Heading }) {
  return (
    <Prose bold color={theme.heading}>
      <Text dimColor>{'#'.repeat(token.depth)} </Text>
      {renderInline(token.tokens)}
    </Prose>
  );
}

function ListView({ token }: { token: Tokens.List }) {
  const start = typeof token.start === 'number' ? token.start : 1;
  const width = token.ordered ? String(start + token.items.length - 1).length + 2 : 2;
  return (
    <Box flexDirection="column">
      {token.items.map((item, i) => {
        const marker = token.ordered ? `${start + i}.` : '•';
        const body = item.task ? item.tokens.filter((t) => t.type !== 'checkbox') : item.tokens;
        return (
          <Box key={i}>
            <Box width={width + (item.task ? 4 : 0)} flexShrink={0}>
              <Text color={token.ordered ? undefined : theme.muted}>
                {marker}
                {item.task ? (item.checked ? ' [x]' : ' [ ]') : ''}
              </Text>
            </Box>
            <Box flexDirection="column" flexGrow={1} flexShrink={1}>
              <Blocks tokens={body} tight={!item.loose} />
            </Box>
          </Box>
        );
      })}
    </Box>
  );
}

function TableView({ token }: { token: Tokens.Table }) {
  const rows = [token.header.map((c) => c.text), ...token.rows.map((r) => r.map((c) => c.text))];
  const widths = token.header.map((_, col) => Math.max(...rows.map((r) => (r[col] ?? '').length)));
  const line = (cells: string[]): string => cells.map((c, col) => c.padEnd(widths[col] ?? 0)).join(' │ ');
  return (
    <Box flexDirection="column">
      <Text bold>{line(rows[0] ?? [])}</Text>
      <Text dimColor>{widths.map((w) => '─'.repeat(w)).join('─┼─')}</Text>
      {rows.slice(1).map((r, i) => (
        <Text key={i}>{line(r)}</Text>
      ))}
    </Box>
  );
}

function Block({ token }: { token: Token }) {
  switch (token.type) {
    case 'heading':
      return <Heading token={token as Tokens.Heading} />;
    case 'paragraph':
      return <Prose>{renderInline((token as Tokens.Paragraph).tokens)}</Prose>;
    case 'text': {
      const t = token as Tokens.Text;
      return <Prose>{t.tokens ? renderInline(t.tokens) : t.text}</Prose>;
    }
    case 'code': {
      const t = token as Tokens.Code;
      return <CodeBlock code={t.text} {...(t.lang ? { lang: t.lang } : {})} />;
    }
    case 'list':
      return <ListView token={token as Tokens.List} />;
    case 'blockquote':
      return (
        <Box borderStyle="single" borderTop={false} borderRight={false} borderBottom={false} borderColor={theme.muted} paddingLeft={1}>
          <Box flexDirection="column">
            <Blocks tokens={(token as Tokens.Blockquote).tokens} />
          </Box>
        </Box>
      );
    case 'hr':
      return <Text dimColor>{'─'.repeat(24)}</Text>;
    case 'table':
      return <TableView token={token as Tokens.Table} />;
    case 'html':
      return <Text>{(token as Tokens.HTML).text.trimEnd()}</Text>;
    default:
      return 'text' in token && typeof token.text === 'string' ? <Text>{token.text}</Text> : null;
  }
}

/** Block tokens one after another: separated by a blank line, or not at all inside tight lists. */
function Blocks({ tokens, tight = false }: { tokens: Token[]; tight?: boolean }) {
  const shown = tokens.filter((t) => t.type !== 'space' && t.type !== 'def');
  return (
    <Box flexDirection="column" rowGap={tight ? 0 : 1}>
      {shown.map((t, i) => (
        <Block key={i} token={t} />
      ))}
    </Box>
  );
}

export function Markdown({ text }: { text: string }) {
  const tokens = useMemo(() => safeStrings(lexer(text)), [text]);
  return <Blocks tokens={tokens} />;
}
