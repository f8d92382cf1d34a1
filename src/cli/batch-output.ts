// Human output of `hew batch` on stderr: one line per task as it finishes, a summary table at the end,
// and on a terminal a one-line progress bar redrawn in place (never when stderr is not a TTY).
// Task names, branches and errors are made safe for the terminal (they can quote what the model wrote).
import { costText } from '../format/cost.ts';
import type { BatchResultLine } from '../protocol/run-result.ts';
import { safeLine, safeText } from '../format/safe-text.ts';
import type { Style } from './human-output.ts';
import { LiveLine } from './live-line.ts';
import { plural } from '../format/plural.ts';

function describeStatus(line: BatchResultLine): string {
  if (line.status === 'not_started') return 'not started';
  if (line.status === 'completed' && line.exit_code !== 0) return 'failed';
  return line.status.replace('_', ' ');
}

function checkText(line: BatchResultLine): string {
  if (!line.check) return '-';
  return line.check.passed ? 'passed' : `failed (${line.check.exit_code})`;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}

/** `✓ tasks/a.md  completed · check passed · 2 files · 12.3s · $0.0123 · run 2024…` (cost once the task ran) */
export function humanResultLine(line: BatchResultLine, s: Style): string {
  const ok = line.exit_code === 0;
  const mark = ok ? s.green('✓') : line.status === 'interrupted' || line.status === 'not_started' ? s.dim('■') : s.red('✗');
  const parts = [ok ? describeStatus(line) : s.red(`${describeStatus(line)} (exit ${line.exit_code})`)];
  if (line.check) parts.push(`check ${checkText(line)}`);
  parts.push(`${plural(line.files_changed.length, 'file')}`, seconds(line.duration_ms));
  if (line.run_id) parts.push(costText(line.total_cost_usd), `run ${line.run_id}`);
  if (line.branch) parts.push(`branch ${safeLine(line.branch)}`);
  if (line.attempts) parts.push(`best of ${line.attempts.length}: ${line.attempts.map((a, i) => `${i === 0 ? '*' : ''}${a.run_id} ${a.status}${a.check ? (a.check.passed ? ' ✓' : ' ✗') : ''}`).join(', ')}`);
  const error = line.error ? `\n    ${s.red(safeText(line.error))}` : '';
  return `${mark} ${s.bold(safeLine(line.task))}  ${parts.join(' · ')}${error}`;
}

/** The final table: task, status, exit, check, files, duration; then the totals. */
export function summaryTable(lines: readonly BatchResultLine[], s: Style): string {
  const header = ['task', 'status', 'exit', 'check', 'files', 'duration'];
  const rows = lines.map((l) => [safeLine(l.task), describeStatus(l), String(l.exit_code), checkText(l), String(l.files_changed.length), seconds(l.duration_ms)]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const fmt = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  const passed = lines.filter((l) => l.exit_code === 0).length;
  const stopped = lines.filter((l) => l.status === 'interrupted' || l.status === 'not_started').length;
  const failed = lines.length - passed - stopped;
  const totals = [`${plural(lines.length, 'task')}`, s.green(`${passed} passed`), failed ? s.red(`${failed} failed`) : `${failed} failed`];
  if (stopped) totals.push(`${stopped} interrupted`);
  return [s.bold(fmt(header)), ...rows.map(fmt), '', totals.join(' · '), ''].join('\n');
}

/** The progress line on a terminal: `[#####-----] 3/10 done · 2 running`. Writes nothing elsewhere. */
export class ProgressLine {
  private readonly line: LiveLine;
  private readonly enabled: boolean;
  private readonly total: number;
  private done = 0;
  private running = 0;

  constructor(write: (text: string) => void, enabled: boolean, total: number) {
    this.line = new LiveLine(write);
    this.enabled = enabled;
    this.total = total;
  }

  started(): void {
    this.running += 1;
    this.draw();
  }

  finished(): void {
    this.running = Math.max(0, this.running - 1);
    this.done += 1;
  }

  /** Prints text above the progress line, then redraws it. */
  print(text: string): void {
    this.line.write(text);
    this.draw();
  }

  clear(): void {
    this.line.clear();
  }

  private draw(): void {
    if (!this.enabled || this.done >= this.total) return;
    const width = 20;
    const filled = Math.round((this.done / Math.max(1, this.total)) * width);
    this.line.show(`[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${this.done}/${this.total} done · ${this.running} running`);
  }
}
