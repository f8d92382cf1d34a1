// The completion menu under the input box: the candidates, the chosen one marked (› and inverse),
// at most eight shown around the choice. Candidates are file names the model may have made: shown safe.
import { Box, Text } from 'ink';
import { safeLine } from '../../format/safe-text.ts';
import { glyph } from '../theme.ts';

const VISIBLE = 8;

export function CompletionMenu({ items, index }: { items: string[]; index: number }) {
  const first = Math.max(0, Math.min(index - Math.floor(VISIBLE / 2), items.length - VISIBLE));
  const shown = items.slice(first, first + VISIBLE);
  return (
    <Box flexDirection="column" paddingLeft={2}>
      {shown.map((item, i) => {
        const chosen = first + i === index;
        return (
          <Text key={item} inverse={chosen} wrap="truncate-middle">
            {chosen ? `${glyph.prompt} ` : '  '}
            {safeLine(item)}
          </Text>
        );
      })}
      {items.length > VISIBLE ? (
        <Text dimColor>
          {'  '}
          {index + 1}/{items.length} · Tab/↓ next · Enter take · Esc close
        </Text>
      ) : (
        <Text dimColor>{'  '}Tab/↓ next · Enter take · Esc close</Text>
      )}
    </Box>
  );
}

/** While a `/command` is being typed: the commands it could be, with what they do. */
export function SlashHints({ commands }: { commands: { name: string; description: string }[] }) {
  return (
    <Box flexDirection="column" paddingLeft={2}>
      {commands.slice(0, 6).map((c) => (
        <Text key={c.name} wrap="truncate-end">
          <Text bold>{c.name}</Text>
          <Text dimColor> {c.description}</Text>
        </Text>
      ))}
    </Box>
  );
}
