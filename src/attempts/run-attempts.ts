// Best of N (`--attempts N`): N runs of the same task at once, each an ordinary run (its own copy,
// sandbox, conversation, events.jsonl and meta.json, whose `attempt` names the group), ranked when
// all have ended (rank.ts); the first is the chosen one (`chosen: true` in its meta.json).
//
// Guarantees:
// - One stream: every event of an attempt reaches `sink` with the attempt's `run_id` and the group's
//   own `seq` (1, 2, … across the group); an attempt's thread.completed is forwarded as
//   `attempt.completed`, and ONE thread.completed, last, closes the whole (it names the chosen run and
//   lists every attempt). Each run's events.jsonl keeps its own events as a single run writes them.
// - One budget: `--timeout` is for the whole group (one timer, from its first attempt's start: not
//   while it waits for a slot of `hew batch`); `--max-cost` for the sum (a meter the attempts share):
//   when the sum passes it, every attempt still running stops as budget_exceeded.
// - One interrupt: the front's signal stops every attempt (each is saved as interrupted) and the group
//   ends interrupted (exit 130), even when an attempt had passed before it.
// - `firstPass`: once one attempt's check passed, the others are interrupted (their runs are kept, as
//   interrupted runs); the passing one is chosen.
import type { AttemptCompleted, AttemptSummary, StampedEvent, ThreadCompleted } from '../protocol/events.ts';
import { BudgetStop } from '../agent/long-run.ts';
import { formatCost } from '../format/cost.ts';
import { EXIT } from '../protocol/exit-codes.ts';
import { CostMeter } from '../model/prices.ts';
import { addUsage, emptyUsage } from '../model/usage.ts';
import { runThread } from '../thread/run-thread.ts';
import type { ThreadOptions } from '../thread/run-thread.ts';
import type { ThreadResult } from '../thread/thread.ts';
import { diffSize } from './diff-size.ts';
import { rankAttempts, rankFieldsOf, type RankInput } from './rank.ts';


export interface AttemptsOptions {
  /** The one task, as runThread takes it; its sink, signal and timeout are the group's. */
  thread: Omit<ThreadOptions, 'sink' | 'signal' | 'timeoutMs'>;
  /** N, 2..MAX_ATTEMPTS (one attempt is an ordinary run: the fronts call runThread). */
  of: number;
  /** Stop the others once one attempt's check passed (needs a check). */
  firstPass?: boolean;
  /** For the whole group. */
  timeoutMs?: number;
  signal: AbortSignal;
  /** The group's one stream; `attempt` says which attempt an event belongs to (null: the closing thread.completed). */
  sink: (event: StampedEvent, attempt: { index: number; of: number } | null) => void;
  /** Waits for a slot of the front's concurrency and gives its release, or null when the front stopped (hew batch); default: all start at once. */
  slot?: () => Promise<(() => void) | null>;
}

/** One attempt that ran, with what the ranking compares. */
export interface AttemptOutcome extends RankInput {
  runId: string;
  result: ThreadResult;
  diff: { files: number; added: number; removed: number };
  /** As the closing thread.completed lists it. */
  summary: AttemptSummary;
}

export interface AttemptsResult {
  /** The chosen run's result, with the usage and cost of all the attempts. */
  result: ThreadResult;
  /** The attempts best first (ranked[0] is the chosen one). Attempts never started (the group stopped first) are not in it. */
  ranked: AttemptOutcome[];
  summaries: AttemptSummary[];
  /** The group's id: the first attempt's run id. */
  group: string;
}

/** An attempt that ran: its index and its run's result. */
interface Ran {
  index: number;
  runId: string;
  result: ThreadResult;
}

/** The group's result; null only when a `slot` was refused to every attempt (nothing started). */
export async function runAttempts(opts: AttemptsOptions): Promise<AttemptsResult | null> {
  const started = Date.now();
  const of = opts.of;
  const controllers = Array.from({ length: of }, () => new AbortController());
  const finished = new Set<number>();
  let stopped = false;
  const stopAll = (reason: unknown, except?: number): void => {
    stopped = true;
    controllers.forEach((c, i) => {
      if (i + 1 !== except && !finished.has(i + 1) && !c.signal.aborted) c.abort(reason);
    });
  };
  const onAbort = (): void => stopAll(opts.signal.reason ?? 'interrupt');
  opts.signal.addEventListener('abort', onAbort, { once: true });
  if (opts.signal.aborted) onAbort();
  // The group's clock starts with its first attempt, not while it waits for a slot (hew batch).
  let timer: NodeJS.Timeout | undefined;
  const startClock = (): void => {
    if (timer === undefined && opts.timeoutMs) timer = setTimeout(() => stopAll('timeout'), opts.timeoutMs);
  };
  const longRun = opts.thread.longRun;
  const max = longRun?.maxCostUsd;
  const sharedMeter = new CostMeter(longRun?.prices, undefined, (usd) => {
    if (max !== undefined && usd !== undefined && usd > max && !stopped) {
      stopAll(new BudgetStop(`the cost budget (--max-cost ${formatCost(max)}) was exceeded by the ${of} attempts together: ${formatCost(usd)} spent`));
    }
  });
  const warned = new Set<string>();
  const onWarning = opts.thread.onWarning;
  let seq = 0;
  const completedEvents = new Map<number, ThreadCompleted>();
  let winner: number | null = null;
  let group: string | undefined;
  let markFirst: () => void = () => undefined;
  const firstStarted = new Promise<void>((resolve) => (markFirst = resolve));

  const start = (index: number): Promise<Ran> => {
    startClock();
    let runId = '';
    const attempt = { index, of };
    const controller = controllers[index - 1] as AbortController;
    const sink = (event: StampedEvent): void => {
      if (event.type === 'thread.started') runId = event.run_id;
      seq += 1;
      if (event.type !== 'thread.completed') return opts.sink({ ...event, seq, run_id: runId }, attempt);
      completedEvents.set(index, event);
      const { type: _type, seq: _seq, ts, ...fields } = event;
      const forwarded: AttemptCompleted & { seq: number; ts: string } = { type: 'attempt.completed', ...fields, run_id: runId, attempt, seq, ts };
      opts.sink(forwarded, attempt);
      if (opts.firstPass && winner === null && event.status === 'completed' && event.check?.passed === true) {
        winner = index;
        stopAll('interrupt', index);
      }
    };
    const run = runThread({
      ...opts.thread,
      ...(longRun ? { longRun: { ...longRun, sharedMeter } } : { longRun: { sharedMeter } }),
      onWarning: (message) => {
        if (warned.has(message)) return;
        warned.add(message);
        onWarning?.(message);
      },
      attempt: { ...(group !== undefined ? { group } : {}), index, of },
      sink,
      signal: controller.signal,
    });
    // runThread makes the run (and emits thread.started) before its first await.
    if (index === 1) {
      group = runId || undefined;
      markFirst();
    }
    return run.then((result) => {
      finished.add(index);
      return { index, runId: result.runId, result };
    });
  };

  const launch = async (index: number): Promise<Ran | null> => {
    const release = opts.slot ? await opts.slot() : () => undefined;
    if (!release) {
      if (index === 1) markFirst();
      return null;
    }
    try {
      // An attempt whose turn came after the group stopped never starts: it has no run.
      if (index > 1 && (controllers[index - 1] as AbortController).signal.aborted) return null;
      return await start(index);
    } finally {
      release();
      if (index === 1) markFirst();
    }
  };

  let runs: (Ran | null)[];
  try {
    const first = launch(1);
    // The others are named after the first attempt's run: they start once it exists.
    await firstStarted;
    const rest = Array.from({ length: of - 1 }, (_, i) => launch(i + 2));
    runs = await Promise.all([first, ...rest]);
  } finally {
    if (timer) clearTimeout(timer);
    opts.signal.removeEventListener('abort', onAbort);
  }

  const outcomes: AttemptOutcome[] = [];
  for (const ran of runs) {
    if (!ran) continue;
    const { result } = ran;
    const diff = result.removed ? { files: 0, added: 0, removed: 0 } : await diffSize(opts.thread.store, result.runId, result.filesChanged.length);
    const summary = summaryOf(ran.index, result, diff);
    outcomes.push({
      runId: result.runId,
      result,
      diff,
      summary,
      ...rankFieldsOf(summary, opts.thread.check !== undefined),
      ...(result.removed ? { removed: true } : {}),
    });
  }
  const ranked = rankAttempts(outcomes);
  const chosen = ranked[0];
  if (!chosen) return null;
  if (!chosen.result.removed) opts.thread.store.open(chosen.runId).updateMeta({ chosen: true });
  const summaries = ranked.map((o) => o.summary);
  const usage = outcomes.reduce((sum, o) => addUsage(sum, o.result.usage), emptyUsage());
  const costs = outcomes.map((o) => o.result.costUsd);
  const costUsd = costs.every((c) => c !== undefined) ? costs.reduce((a: number, c) => a + (c as number), 0) : undefined;
  const closing = completedEvents.get(chosen.index);
  // The front's interrupt (Ctrl-C) stops the group: it ends interrupted whatever an attempt did before,
  // so nothing is taken from it (`--apply`) after the person said stop. Its attempts keep their own.
  const stop = opts.signal.aborted ? { status: 'interrupted' as const, exitCode: EXIT.interrupted } : null;
  seq += 1;
  const event: ThreadCompleted = {
    ...(closing ?? { type: 'thread.completed', status: chosen.result.status, exit_code: chosen.result.exitCode, final_message: chosen.result.finalMessage, files_changed: chosen.result.filesChanged, total_usage: usage, duration_ms: 0 }),
    ...(stop ? { status: stop.status, exit_code: stop.exitCode } : {}),
    type: 'thread.completed',
    total_usage: usage,
    duration_ms: Date.now() - started,
    run_id: chosen.runId,
    attempts: summaries,
  };
  delete event.total_cost_usd;
  if (costUsd !== undefined) event.total_cost_usd = costUsd;
  const { seq: _s, ts: _t, ...fields } = event as ThreadCompleted & { seq?: number; ts?: string };
  opts.sink({ ...fields, seq, ts: new Date().toISOString(), run_id: chosen.runId }, null);
  const result: ThreadResult = { ...chosen.result, usage, costUsd, ...stop };
  return { result, ranked, summaries, group: group ?? chosen.runId };
}

function summaryOf(index: number, result: ThreadResult, diff: AttemptSummary['diff']): AttemptSummary {
  const check = result.check;
  return {
    run_id: result.runId,
    index,
    status: result.status,
    exit_code: result.exitCode,
    check: check ? { passed: check.passed, exit_code: check.exit_code } : null,
    diff,
    ...(result.costUsd !== undefined ? { cost_usd: result.costUsd } : {}),
    ...(result.removed ? { removed: true } : {}),
  };
}
