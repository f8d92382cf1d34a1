// Inline Markdown (marked's inline tokens) as nested Ink <Text>: bold, italic, inline code,
// strikethrough, links as "text (url)", soft line breaks as spaces. Without styles (NO_COLOR) inline
// code keeps its backticks.
import { Text } from 'ink';
import type { ReactNode } from 'react';
import type { Token } from 'marked';
import { stylesEnabled } from '../color.ts';
import { theme } from '../theme.ts';

function linkText(text: string, href: string): string {
  const bare = href.replace(/^mailto:/, '');
  return text === href || text === bare || href === '' ? text : `${text} (${href})`;
}

export function renderInline(tokens: Token[] | undefined, keyPrefix = 'i'): ReactNode[] {
  if (!tokens) return [];
  return tokens.map((t, i) => {
    const key = `${keyPrefix}.${i}`;
    switch (t.type) {
      case 'strong':
        return (
          <Text key={key} bold>
            {renderInline(t.tokens, key)}
          </Text>
        );
      case 'em':
        return (
          <Text key={key} italic>
            {renderInline(t.tokens, key)}
          </Text>
        );
      case 'del':
        return (
          <Text key={key} strikethrough>
            {renderInline(t.tokens, key)}
          </Text>
        );
      case 'codespan':
        return (
          <Text key={key} color={theme.code}>
            {stylesEnabled() ? String(t.text).replace(/\n/g, ' ') : `\`${String(t.text).replace(/\n/g, ' ')}\``}
          </Text>
        );
      case 'link':
        return (
          <Text key={key} color={theme.accent}>
            {linkText(String(t.text), String(t.href))}
          </Text>
        );
      case 'image':
        return <Text key={key}>{`[image: ${String(t.text)}]${t.href ? ` (${String(t.href)})` : ''}`}</Text>;
      case 'br':
        return <Text key={key}>{'\n'}</Text>;
      case 'checkbox':
        return <Text key={key}>{t.checked ? '[x] ' : '[ ] '}</Text>;
      case 'text':
        // A single newline inside a paragraph is a soft break: it reads as a space, as on GitHub.
        return t.tokens && t.tokens.length > 0 ? <Text key={key}>{renderInline(t.tokens, key)}</Text> : <Text key={key}>{String(t.text).replace(/\n/g, ' ')}</Text>;
      default:
        return <Text key={key}>{'text' in t ? String(t.text) : t.raw}</Text>;
    }
  });
}
