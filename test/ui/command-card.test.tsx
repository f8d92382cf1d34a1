import { render, cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { CommandCard, commandState } from '../../src/ui/components/command-card.tsx';
import type { CommandView } from '../../src/ui/state/types.ts';
import { plain } from './frames.ts';

afterEach(() => cleanup());

function view(over: Partial<CommandView> = {}): CommandView {
  return { id: 'c1', command: 'npm test', cwd: '/repo', status: 'in_progress', exitCode: null, durationMs: null, tail: [], partial: '', lineCount: 0, rawPartial: '', ...over };
}

const frame = (c: CommandView): string => plain(render(<CommandCard command={c} roots={['/repo', '/state/runs/r1/work']} />).lastFrame());

describe('CommandCard', () => {
  it('running: the command and the live tail of its output', () => {
    const out = frame(view({ tail: Array.from({ length: 8 }, (_, i) => `line ${i + 13}`), partial: 'line 21 so f', lineCount: 20 }));
    expect(out).toContain('• $ npm test');
    expect(out).toContain('running');
    expect(out).toContain('line 20');
    expect(out).toContain('line 21 so f');
    expect(out).not.toContain('line 13'); // 9 lines in the tail: the oldest one is not shown
    expect(out).toContain('… 13 earlier lines');
  });

  it('succeeded: exit code and duration, a short tail', () => {
    const out = frame(view({ status: 'completed', exitCode: 0, durationMs: 4200, tail: ['a', 'b', 'c', 'd'], lineCount: 4 }));
    expect(out).toContain('✓ $ npm test');
    expect(out).toContain('exit 0 · 4.2s');
    expect(out).toContain('│ d');
    expect(out).not.toContain('│ a');
  });

  it('failed: the exit code and the tail', () => {
    const out = frame(view({ status: 'failed', exitCode: 1, durationMs: 900, tail: ['FAIL date.test.ts', 'expected false'], lineCount: 2 }));
    expect(out).toContain('✗ $ npm test');
    expect(out).toContain('failed · exit 1 · 900ms');
    expect(out).toContain('│ FAIL date.test.ts');
  });

  it('declined, timed out and interrupted are told apart', () => {
    expect(frame(view({ status: 'declined', tail: ['Not run: the user denied this command.'], lineCount: 1 }))).toContain('declined — not run');
    expect(frame(view({ status: 'failed', exitCode: 124, durationMs: 120_000 }))).toContain('timed out after 2m 00s · exit 124');
    expect(frame(view({ status: 'failed', exitCode: 130, durationMs: 3000 }))).toContain('interrupted · 3.0s · exit 130');
    expect(commandState(view({ status: 'failed', exitCode: 124 }))).toBe('timed_out');
    expect(commandState(view({ status: 'failed', exitCode: 130 }))).toBe('interrupted');
  });

  it('a run\'s setup command: labelled setup, its failure with the exit code and the tail', () => {
    const done = frame(view({ command: 'setup npm ci', tool: 'setup', status: 'completed', exitCode: 0, durationMs: 3100, tail: ['added 12 packages'], lineCount: 1 }));
    expect(done).toContain('✓ setup npm ci');
    expect(done).toContain('done · 3.1s');
    const failed = frame(view({ command: 'setup npm ci', tool: 'setup', status: 'failed', exitCode: 1, durationMs: 900, tail: ['npm ERR! 404'], lineCount: 1 }));
    expect(failed).toContain('✗ setup npm ci');
    expect(failed).toContain('failed · exit 1 · 900ms');
    expect(failed).toContain('│ npm ERR! 404');
  });

  it('shows the cwd relative to the repository when it is not the root', () => {
    expect(frame(view({ cwd: '/repo/packages/core' }))).toContain('in packages/core');
    expect(frame(view({ cwd: '/repo' }))).not.toContain(' in ');
    expect(frame(view({ cwd: '/state/runs/r1/work/pkg' }))).toContain('in pkg'); // under the working copy
    expect(frame(view({ cwd: '/state/runs/r1/work' }))).not.toContain(' in ');
  });

  it('a tool shown as a command (read_file) is one compact line', () => {
    const out = frame(view({ tool: 'read_file', command: 'read_file src/date.ts', status: 'completed', exitCode: 0, tail: ['1: import x'], lineCount: 1 }));
    expect(out).toContain('✓ read file src/date.ts');
    expect(out).toContain('done');
    expect(out).not.toContain('import x');
  });

  it('a long multi-line script shows its first lines and how many more', () => {
    const script = Array.from({ length: 10 }, (_, i) => `echo ${i}`).join('\n');
    const out = frame(view({ command: script }));
    expect(out).toContain('echo 0');
    expect(out).toContain('echo 2');
    expect(out).not.toContain('echo 9');
    expect(out).toContain('(7 more lines)');
  });
});
