// One cost format on both fronts: for the same amount, the TUI's status line and exec's closing line
// print the same string, formatCost's (src/format/cost.ts; its rules: test/format/cost.test.ts).
import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import type { StampedEvent } from '../../src/protocol/events.ts';
import { humanPrinter, makeStyle } from '../../src/cli/human-output.ts';
import { formatCost } from '../../src/format/cost.ts';
import { StatusLine } from '../../src/ui/components/status-line.tsx';
import { plain } from '../ui/frames.ts';

afterEach(() => cleanup());

const usage = { input_tokens: 1200, cached_input_tokens: 0, output_tokens: 300 };

function tuiCost(usd: number): string | undefined {
  const frame = plain(render(<StatusLine activity="ready" busy={false} turn={1} turnStartedAt={null} lastTurnMs={1000} usage={usage} cost={usd} model="gpt-test" />).lastFrame());
  return /(<?\$[\d.,]+)/.exec(frame)?.[1];
}

function execCost(usd: number): string | undefined {
  const lines: string[] = [];
  const print = humanPrinter((l) => lines.push(l), makeStyle(false));
  const done: StampedEvent = { seq: 1, ts: '2026-01-01T00:00:00.000Z', type: 'thread.completed', status: 'completed', exit_code: 0, final_message: 'ok', files_changed: [], total_usage: usage, total_cost_usd: usd, duration_ms: 1000 } as StampedEvent;
  print(done);
  return /(<?\$[\d.,]+)/.exec(lines.join(''))?.[1];
}

describe('the cost on every front', () => {
  it.each([0, 0.00004, 0.0042, 0.0423, 0.5, 0.99996, 12.345, 1234.5])('%d', (usd) => {
    const text = formatCost(usd);
    expect(tuiCost(usd)).toBe(text);
    expect(execCost(usd)).toBe(text);
  });
});
