// What is happening now, under the transcript: thinking, the answer streaming in (its last lines),
// running commands with their output tails, patches being applied, and the turn's plan. Its height
// stays bounded so Ink can redraw it in place.
import { Box, Text } from 'ink';
import { markdownTail } from '../markdown/stream-tail.ts';
import type { LiveItem, PlanState } from '../state/types.ts';
import { oneLine } from '../state/status.ts';
import { theme } from '../theme.ts';
import { CommandCard } from './command-card.tsx';
import { FileChangeCard } from './file-change-card.tsx';
import { Markdown } from './markdown.tsx';
import { PlanView } from './plan-view.tsx';

export interface LiveRegionProps {
  live: LiveItem[];
  plan: PlanState | null;
  roots: string[];
  /** Source lines of a streaming answer to show (its tail). */
  maxMessageLines: number;
}

function LiveEntry({ item, roots, maxMessageLines }: { item: LiveItem; roots: string[]; maxMessageLines: number }) {
  switch (item.kind) {
    case 'reasoning': {
      const last = item.text.trim().split('\n').pop() ?? '';
      return (
        <Text dimColor italic wrap="truncate-end">
          thinking{last !== '' ? `: ${oneLine(last, 200)}` : '…'}
        </Text>
      );
    }
    case 'message': {
      const tail = markdownTail(item.text, maxMessageLines);
      return (
        <Box flexDirection="column">
          {tail.hidden > 0 ? <Text dimColor>… {tail.hidden} lines above</Text> : null}
          <Markdown text={tail.text} />
        </Box>
      );
    }
    case 'command':
      return <CommandCard command={item.command} roots={roots} />;
    case 'file_change':
      return <FileChangeCard change={item.change} />;
    case 'approval':
      return null;
  }
}

export function LiveRegion({ live, plan, roots, maxMessageLines }: LiveRegionProps) {
  const shown = live.filter((l) => l.kind !== 'approval');
  if (shown.length === 0 && !plan) return null;
  return (
    <Box flexDirection="column">
      {shown.map((item) => (
        <Box key={item.id} marginTop={1} flexDirection="column">
          <LiveEntry item={item} roots={roots} maxMessageLines={maxMessageLines} />
        </Box>
      ))}
      {plan ? (
        <Box marginTop={1} borderStyle="single" borderColor={theme.muted} borderLeft={false} borderRight={false} borderBottom={false}>
          <PlanView entries={plan.entries} {...(plan.explanation !== undefined ? { explanation: plan.explanation } : {})} />
        </Box>
      ) : null}
    </Box>
  );
}
