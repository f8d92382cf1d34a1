import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { StatusLine } from '../../src/ui/components/status-line.tsx';
import type { StatusLineProps } from '../../src/ui/components/status-line.tsx';
import { formatDuration, formatTokens } from '../../src/format/units.ts';
import { plain } from './frames.ts';
import { usage } from './events.ts';

afterEach(() => cleanup());

const base: StatusLineProps = {
  activity: 'ready',
  busy: false,
  turn: 0,
  turnStartedAt: null,
  lastTurnMs: null,
  usage: usage(0, 0),
  cost: null,
  model: 'gpt-test',
};

describe('StatusLine', () => {
  it('idle: tokens, model and the keys to type', () => {
    const out = plain(render(<StatusLine {...base} turn={2} lastTurnMs={14_200} usage={usage(12_345, 987)} />).lastFrame());
    expect(out).toContain('○ ready');
    expect(out).toContain('turn 2');
    expect(out).toContain('14.2s');
    expect(out).toContain('12.3k in / 987 out');
    expect(out).toContain('gpt-test');
    expect(out).toContain('Enter send');
    expect(out).not.toContain('$');
  });

  it('busy: what it does, the elapsed time of the turn, cost when known, and Esc', () => {
    const now = (): number => 1_000_000 + 65_000;
    const props = { ...base, activity: 'running `npm test`', busy: true, turn: 3, turnStartedAt: 1_000_000, usage: usage(2_500_000, 40_000), cost: 0.0423, now };
    const out = plain(render(<StatusLine {...props} />).lastFrame());
    expect(out).toContain('● running `npm test`');
    expect(out).toContain('turn 3');
    expect(out).toContain('1m 05s');
    expect(out).toContain('2.5M in / 40k out');
    expect(out).toContain('$0.04');
    expect(out).toContain('Esc interrupt');
  });

  it('a notice replaces the key hints', () => {
    const out = plain(render(<StatusLine {...base} notice="press Ctrl-C again to exit (the run is saved)" />).lastFrame());
    expect(out).toContain('press Ctrl-C again to exit (the run is saved)');
    expect(out).not.toContain('Enter send');
  });
});

describe('formatting', () => {
  it('tokens and durations (money: test/format/cost.test.ts)', () => {
    expect([formatTokens(950), formatTokens(12_345), formatTokens(123_456), formatTokens(2_500_000)]).toEqual(['950', '12.3k', '123k', '2.5M']);
    expect([formatDuration(850), formatDuration(4_200), formatDuration(65_000), formatDuration(3_720_000)]).toEqual(['850ms', '4.2s', '1m 05s', '1h 02m']);
  });
});
