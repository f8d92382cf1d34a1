// One command (or a tool shown as one): what ran, where, and how it ended — waiting for its
// approval, running with a live tail, succeeded, failed, declined, timed out (exit 124) or interrupted (exit 130). Tail lines are
// truncated to one row each so a card's height stays bounded.
import { Box, Text } from 'ink';
import { formatDuration } from '../../format/units.ts';
import { relativeTo } from '../format.ts';
import type { CommandView } from '../state/types.ts';
import { glyph, theme } from '../theme.ts';

export type CommandState = 'waiting' | 'running' | 'succeeded' | 'failed' | 'declined' | 'timed_out' | 'interrupted';

export function commandState(c: CommandView): CommandState {
  if (c.status === 'in_progress') return c.awaitingApproval ? 'waiting' : 'running';
  if (c.status === 'declined') return 'declined';
  if (c.exitCode === 124) return 'timed_out';
  if (c.exitCode === 130) return 'interrupted';
  return c.status === 'completed' ? 'succeeded' : 'failed';
}

function outcome(c: CommandView, state: CommandState): string {
  const took = c.durationMs !== null ? ` · ${formatDuration(c.durationMs)}` : '';
  switch (state) {
    case 'waiting':
      return 'waiting for approval — not run yet';
    case 'running':
      return 'running';
    case 'succeeded':
      return c.exitCode !== null && c.tool === undefined ? `exit ${c.exitCode}${took}` : `done${took}`;
    case 'failed':
      return c.exitCode !== null ? `failed · exit ${c.exitCode}${took}` : 'failed';
    case 'declined':
      return 'declined — not run';
    case 'timed_out':
      return `timed out${c.durationMs !== null ? ` after ${formatDuration(c.durationMs)}` : ''} · exit 124`;
    case 'interrupted':
      return `interrupted${took} · exit 130`;
  }
}

function whereOf(cwd: string, roots: string[]): string {
  if (cwd === '') return '';
  const root = roots.find((r) => r !== '' && (cwd === r || cwd.startsWith(`${r}/`)));
  return root !== undefined ? relativeTo(cwd, root) : relativeTo(cwd, roots[0] ?? '');
}

const MAX_COMMAND_LINES = 4;

function commandLines(command: string): string[] {
  const lines = command.split('\n');
  if (lines.length <= MAX_COMMAND_LINES) return lines;
  return [...lines.slice(0, MAX_COMMAND_LINES - 1), `… (${lines.length - MAX_COMMAND_LINES + 1} more lines)`];
}

/** How many tail lines to show: all while running or after a failure, a few after success. */
function shownTail(c: CommandView, state: CommandState): string[] {
  const lines = c.partial !== '' ? [...c.tail, c.partial] : c.tail;
  if (state === 'succeeded') return c.tool !== undefined ? [] : lines.slice(-3);
  if (state === 'running' && c.tool !== undefined) return [];
  return lines.slice(-8);
}

/** `roots`: the repository and its working copy; a cwd under one is shown relative to it. */
export function CommandCard({ command: c, roots = [] }: { command: CommandView; roots?: string[] }) {
  const state = commandState(c);
  const color = state === 'running' ? theme.running : state === 'succeeded' ? theme.ok : state === 'declined' || state === 'waiting' ? theme.warn : theme.bad;
  const mark = state === 'running' ? glyph.running : state === 'waiting' ? glyph.warn : state === 'succeeded' ? glyph.ok : glyph.bad;
  const tail = shownTail(c, state);
  const total = c.lineCount + (c.partial !== '' ? 1 : 0);
  const hidden = total - tail.length;
  const where = whereOf(c.cwd, roots);
  const label = c.tool !== undefined ? c.tool.replace(/_/g, ' ') : '$';
  const shownCommand = c.tool !== undefined && c.command.startsWith(c.tool) ? c.command.slice(c.tool.length).trimStart() : c.command;
  return (
    <Box flexDirection="column">
      <Box>
        <Box flexShrink={0} width={2}>
          <Text color={color}>{mark}</Text>
        </Box>
        <Box flexDirection="column" flexShrink={1}>
          {commandLines(shownCommand).map((line, i) => (
            <Text key={i}>
              {i === 0 ? <Text dimColor>{label} </Text> : <Text>{' '.repeat(label.length + 1)}</Text>}
              <Text bold={i === 0}>{line}</Text>
            </Text>
          ))}
        </Box>
      </Box>
      <Box paddingLeft={2}>
        <Text color={color}>{outcome(c, state)}</Text>
        {where !== '' && where !== '.' ? <Text dimColor> · in {where}</Text> : null}
      </Box>
      {hidden > 0 && tail.length > 0 ? (
        <Box paddingLeft={2}>
          <Text dimColor>
            {glyph.bar} … {hidden} earlier line{hidden === 1 ? '' : 's'}
          </Text>
        </Box>
      ) : null}
      {tail.map((line, i) => (
        <Box key={i} paddingLeft={2}>
          <Text dimColor wrap="truncate-end">
            {glyph.bar} {line}
          </Text>
        </Box>
      ))}
    </Box>
  );
}
