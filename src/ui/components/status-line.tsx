// The line under the transcript: what the agent is doing, the turn, elapsed time, tokens and cost,
// and the keys that matter now. Elapsed time ticks once a second while a turn runs.
import { Box, Text } from 'ink';
import { useEffect, useState } from 'react';
import type { Usage } from '../../protocol/usage.ts';
import { formatCost } from '../../format/cost.ts';
import { formatDuration, formatElapsed, formatTokens } from '../../format/units.ts';
import { theme } from '../theme.ts';

export interface StatusLineProps {
  activity: string;
  busy: boolean;
  turn: number;
  /** Epoch ms the running turn started (null when idle). */
  turnStartedAt: number | null;
  lastTurnMs: number | null;
  usage: Usage;
  /** USD so far, when the model's prices are known. */
  cost: number | null;
  model: string;
  /** A message that replaces the key hints (e.g. "press Ctrl-C again to exit"). */
  notice?: string | null;
  /** Epoch ms now; injectable for tests. */
  now?: () => number;
}

function useTicker(active: boolean, now: () => number): number {
  const [time, setTime] = useState(now);
  useEffect(() => {
    if (!active) return;
    setTime(now());
    const timer = setInterval(() => setTime(now()), 1000);
    return () => clearInterval(timer);
  }, [active, now]);
  return active ? time : now();
}

export function StatusLine(props: StatusLineProps) {
  const now = props.now ?? Date.now;
  const time = useTicker(props.busy, now);
  const running = props.busy && props.turnStartedAt !== null;
  const parts: string[] = [];
  if (props.turn > 0) parts.push(`turn ${props.turn}`);
  if (running) parts.push(formatElapsed(Math.max(0, time - (props.turnStartedAt ?? time))));
  else if (props.lastTurnMs !== null) parts.push(formatDuration(props.lastTurnMs));
  // Tokens as far as they are known: the totals of the turns that ended (an interrupted one too);
  // nothing rather than "0 in / 0 out" before any is known.
  if (props.usage.input_tokens + props.usage.output_tokens > 0) {
    parts.push(`${formatTokens(props.usage.input_tokens)} in / ${formatTokens(props.usage.output_tokens)} out`);
  }
  if (props.cost !== null) parts.push(formatCost(props.cost));
  parts.push(props.model);
  const hints = props.busy ? 'Esc interrupt · Ctrl-C quit' : 'Enter send · Ctrl-J newline · Tab complete · Ctrl-C quit';
  return (
    <Box flexDirection="column">
      <Text wrap="wrap">
        <Text color={props.busy ? theme.running : theme.ok}>{props.busy ? '● ' : '○ '}</Text>
        <Text bold>{props.activity}</Text>
        <Text dimColor> · {parts.join(' · ')}</Text>
      </Text>
      {props.notice ? (
        <Text color={theme.warn}>{props.notice}</Text>
      ) : (
        <Text dimColor wrap="truncate-end">
          {hints}
        </Text>
      )}
    </Box>
  );
}
