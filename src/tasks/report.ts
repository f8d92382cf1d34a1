// `hew report`: a Markdown summary of batch results. Reads `hew batch --json` result lines, or
// `hew exec --json` event streams (each thread.completed, with the run id of its thread.started).
// Blank, partial and unrelated lines are skipped, so a stream cut off mid-line still reports; a text
// with none of hew's lines at all is not a results file (the command refuses it).
import type { CheckResult } from '../protocol/events.ts';
import type { FileChange } from '../protocol/files.ts';
import type { Usage } from '../protocol/usage.ts';
import { formatCost } from '../format/cost.ts';
import type { BatchResultLine, RunResult } from '../protocol/run-result.ts';
import { plural } from '../format/plural.ts';

/** One row of the report: a run's result (protocol/run-result.ts) as the table counts it. */
export interface ReportEntry extends Pick<RunResult, 'run_id' | 'exit_code' | 'check' | 'duration_ms'> {
  task: string;
  /** A run's status, or a batch line's `not_started`. */
  status: string;
  files_changed: number;
  usage: Usage;
  cost_usd?: number;
  branch?: string;
}

type Json = Record<string, unknown>;

/** The entries of one JSONL text; `source` names exec streams' tasks (`FILE#N`). */
export function parseResults(text: string, source: string): ReportEntry[] {
  return readResults(text, source).entries;
}

export interface ReadResults {
  entries: ReportEntry[];
  /**
   * Lines hew wrote: result lines, and the `thread.started`/`thread.completed` of exec streams (a
   * stream cut off mid-run has the one without the other). None in a non-empty text: not a results file.
   */
  recognised: number;
}

export function readResults(text: string, source: string): ReadResults {
  const entries: ReportEntry[] = [];
  let recognised = 0;
  let runId: string | null = null;
  let threads = 0;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line.startsWith('{')) continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      continue;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) continue;
    const obj = value as Json;
    if (obj.type === 'thread.started') {
      recognised += 1;
      runId = typeof obj.run_id === 'string' ? obj.run_id : null;
    } else if (obj.type === 'thread.completed') {
      recognised += 1;
      threads += 1;
      entries.push(entryOf(obj, `${source}${threads > 1 ? `#${threads}` : ''}`, runId));
      runId = null;
    } else if (typeof obj.task === 'string' && typeof obj.status === 'string') {
      recognised += 1;
      const batch = obj as Partial<BatchResultLine> & Json;
      entries.push({ ...entryOf(batch, obj.task, typeof batch.run_id === 'string' ? batch.run_id : null), ...(typeof batch.branch === 'string' ? { branch: batch.branch } : {}) });
    }
  }
  return { entries, recognised };
}

function entryOf(obj: Json, task: string, runId: string | null): ReportEntry {
  const usage = (typeof obj.total_usage === 'object' && obj.total_usage !== null ? obj.total_usage : {}) as Partial<Usage>;
  const check = obj.check as CheckResult | null | undefined;
  return {
    task,
    run_id: runId,
    status: String(obj.status),
    exit_code: typeof obj.exit_code === 'number' ? obj.exit_code : 1,
    check: check && typeof check === 'object' && typeof check.command === 'string' ? check : null,
    files_changed: Array.isArray(obj.files_changed) ? (obj.files_changed as FileChange[]).length : 0,
    usage: { input_tokens: num(usage.input_tokens), cached_input_tokens: num(usage.cached_input_tokens), output_tokens: num(usage.output_tokens) },
    ...(typeof obj.total_cost_usd === 'number' ? { cost_usd: obj.total_cost_usd } : {}),
    duration_ms: num(obj.duration_ms),
  };
}

const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

export type Outcome = 'passed' | 'failed' | 'interrupted';

function outcomeOf(e: ReportEntry): Outcome {
  if (e.exit_code === 0) return 'passed';
  if (e.status === 'interrupted' || e.status === 'not_started' || e.exit_code === 130) return 'interrupted';
  return 'failed';
}

export interface ReportTotals {
  tasks: number;
  passed: number;
  failed: number;
  interrupted: number;
  input_tokens: number;
  output_tokens: number;
  /** Summed over the entries whose cost is known. */
  cost_usd: number;
  /** Entries that ran but report no cost (an unknown price). */
  cost_unknown: number;
  /** The tasks' durations added up (they may have run at the same time). */
  duration_ms: number;
}

export function totalsOf(entries: readonly ReportEntry[]): ReportTotals {
  const t: ReportTotals = { tasks: entries.length, passed: 0, failed: 0, interrupted: 0, input_tokens: 0, output_tokens: 0, cost_usd: 0, cost_unknown: 0, duration_ms: 0 };
  for (const e of entries) {
    t[outcomeOf(e)] += 1;
    t.input_tokens += e.usage.input_tokens;
    t.output_tokens += e.usage.output_tokens;
    if (e.cost_usd !== undefined) t.cost_usd += e.cost_usd;
    else if (e.run_id !== null && e.status !== 'not_started') t.cost_unknown += 1;
    t.duration_ms += e.duration_ms;
  }
  return t;
}

const ICON: Record<Outcome, string> = { passed: '✅', failed: '❌', interrupted: '⏹️' };

/** The Markdown summary: a heading, the totals, and a table with a row per task. */
export function renderReport(entries: readonly ReportEntry[]): string {
  const t = totalsOf(entries);
  const cost = t.cost_unknown === t.tasks && t.cost_usd === 0 ? 'unknown' : `${formatCost(t.cost_usd)}${t.cost_unknown ? ` (+ ${plural(t.cost_unknown, 'run')} with unknown price)` : ''}`;
  const out = [
    '## hew batch report',
    '',
    `**${plural(t.tasks, 'task')}**: ${t.passed} passed, ${t.failed} failed, ${t.interrupted} interrupted`,
    '',
    `- tokens: ${t.input_tokens.toLocaleString('en-US')} in / ${t.output_tokens.toLocaleString('en-US')} out`,
    `- cost: ${cost}`,
    `- duration: ${duration(t.duration_ms)} (task time, summed)`,
    '',
  ];
  if (entries.length === 0) return `${[...out, '_No results found._'].join('\n')}\n`;
  out.push('| | task | status | exit | check | files changed | duration | run id |', '|---|---|---|---:|---|---:|---:|---|');
  for (const e of entries) {
    const check = e.check ? `${e.check.passed ? 'passed' : `failed (${e.check.exit_code})`}: \`${e.check.command}\`` : '–';
    const status = e.branch ? `${e.status} → \`${e.branch}\`` : e.status;
    const cells = [ICON[outcomeOf(e)], e.task, status, String(e.exit_code), check, String(e.files_changed), duration(e.duration_ms), e.run_id ? `\`${e.run_id}\`` : '–'];
    out.push(`| ${cells.map(cell).join(' | ')} |`);
  }
  return `${out.join('\n')}\n`;
}

function cell(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
}

function duration(ms: number): string {
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${Math.round(s % 60)}s`;
  return `${Math.floor(m / 60)}h ${m % 60}m`;
}
