// One finished transcript entry, as it is printed (once) into the terminal's scrollback.
import { Box, Text } from 'ink';
import { formatDuration, formatTokens } from '../../format/units.ts';
import type { TranscriptEntry } from '../state/types.ts';
import { glyph, theme } from '../theme.ts';
import { CommandCard } from './command-card.tsx';
import { FileChangeCard } from './file-change-card.tsx';
import { Header } from './header.tsx';
import { Markdown } from './markdown.tsx';
import { NoticeView } from './notice-view.tsx';
import { PlanView } from './plan-view.tsx';
import { Prose } from './prose.tsx';

function decisionText(decision: string | null, decidedBy: string | undefined): string {
  if (decidedBy === 'approver_command') return decision === 'denied' ? 'denied by your approver' : 'approved by your approver';
  if (decision === 'approved' && decidedBy === 'rule') return 'approved by your earlier "always"';
  if (decision === 'denied' && decidedBy === 'rule') return 'denied by your earlier "never"';
  if (decision === 'approved') return 'approved once';
  if (decision === 'approved_always') return 'approved (always for this command)';
  if (decision === 'denied') return 'denied';
  if (decision === 'denied_always') return 'denied (always for this command)';
  return 'no decision';
}

function Body({ entry, roots }: { entry: TranscriptEntry; roots: string[] }) {
  switch (entry.kind) {
    case 'header':
      return <Header info={entry.info} />;
    case 'prompt':
      return (
        <Box>
          <Box width={2} flexShrink={0}>
            <Text color={theme.prompt} bold>
              {glyph.prompt}
            </Text>
          </Box>
          <Prose bold>{entry.text}</Prose>
        </Box>
      );
    case 'message':
      return <Markdown text={entry.text} />;
    case 'reasoning':
      return (
        <Text dimColor italic>
          {entry.text.trim()}
        </Text>
      );
    case 'command':
      return <CommandCard command={entry.command} roots={roots} />;
    case 'file_change':
      return <FileChangeCard change={entry.change} />;
    case 'plan':
      return <PlanView entries={entry.entries} {...(entry.explanation !== undefined ? { explanation: entry.explanation } : {})} />;
    case 'approval': {
      const ok = entry.decision === 'approved' || entry.decision === 'approved_always';
      return (
        <Text>
          <Text color={ok ? theme.ok : theme.bad}>{ok ? glyph.ok : glyph.bad} </Text>
          <Text dimColor>{decisionText(entry.decision, entry.decidedBy)}: </Text>
          <Text>{entry.request.command}</Text>
          {entry.reason !== undefined ? <Text dimColor> ({entry.reason})</Text> : null}
        </Text>
      );
    }
    case 'error':
      return (
        <Text color={theme.bad}>
          {glyph.bad} {entry.message}
        </Text>
      );
    case 'retry': {
      const when = entry.delayMs !== undefined ? ` in ${formatDuration(entry.delayMs)}` : '';
      const attempt = entry.attempt !== undefined ? ` (attempt ${entry.attempt})` : '';
      return (
        <Text color={theme.warn}>
          {glyph.warn} {entry.message}; retrying{attempt}
          {when}
        </Text>
      );
    }
    case 'turn_end': {
      const took = entry.durationMs !== null ? ` · ${formatDuration(entry.durationMs)}` : '';
      return (
        <Text dimColor>
          ─ turn {entry.turn}
          {took} · {formatTokens(entry.usage.input_tokens)} in · {formatTokens(entry.usage.output_tokens)} out
        </Text>
      );
    }
    case 'thread_end':
      return (
        <Text dimColor>
          Session ended: {entry.status} (exit {entry.exitCode})
        </Text>
      );
    case 'notice':
      return <NoticeView notice={entry.notice} />;
  }
}

export function EntryView({ entry, roots }: { entry: TranscriptEntry; roots: string[] }) {
  return (
    <Box flexDirection="column" marginTop={entry.kind === 'header' || entry.kind === 'turn_end' ? 0 : 1}>
      <Body entry={entry} roots={roots} />
    </Box>
  );
}
