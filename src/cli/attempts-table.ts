// The short table that ends a best-of-N `hew exec` on stderr: every attempt in ranking order, its run,
// status, check, diff size and cost, the chosen one marked. Every cell is hew's own text (run ids,
// statuses, numbers): nothing the model wrote.
import type { AttemptSummary } from '../protocol/events.ts';
import { formatCost } from '../format/cost.ts';
import type { Style } from './human-output.ts';

export function attemptsTable(attempts: readonly AttemptSummary[], style: Style): string {
  const rows = attempts.map((a, rank) => [
    rank === 0 ? '*' : ' ',
    `${a.index}`,
    a.run_id,
    a.status,
    a.check === null ? 'no check' : a.check.passed ? 'check passed' : `check failed (exit ${a.check.exit_code})`,
    `${a.diff.files} file${a.diff.files === 1 ? '' : 's'} +${a.diff.added} -${a.diff.removed}`,
    a.cost_usd !== undefined ? formatCost(a.cost_usd) : '-',
    rank === 0 ? 'chosen' : a.removed ? 'not kept' : '',
  ]);
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] as string).length))) ?? [];
  const lines = rows.map((r, rank) => {
    const text = r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i] as number))).join('  ').trimEnd();
    return rank === 0 ? style.bold(text) : text;
  });
  return `attempts, best first (${attempts.length}):\n${lines.map((l) => `  ${l}`).join('\n')}\n`;
}
