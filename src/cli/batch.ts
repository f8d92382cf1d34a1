// `hew batch FILE...`: run many task files, each in its own working copy and sandbox, concurrently in
// this process. Bad input anywhere (a task file, a flag, the config) stops everything before it starts
// (exit 2). With --json, stdout carries one JSONL result line per task as it finishes; otherwise a line
// per task and a final table go to stderr. Exit 0 only when every task succeeded, 1 when any failed,
// 130 when interrupted (Ctrl-C: no new task starts, running ones are interrupted and saved).
import os from 'node:os';
import { resolve } from 'node:path';
import type { SettingFlags } from './setup.ts';
import { RunStore } from '../runs/store.ts';
import { stateDir } from '../runs/paths.ts';
import { batchExitCode, runBatch } from '../tasks/batch.ts';
import type { BatchResultLine } from '../protocol/run-result.ts';
import type { StampedEvent } from '../protocol/events.ts';
import { parseShard } from '../tasks/shard.ts';
import type { Shard } from '../tasks/shard.ts';
import { EXIT } from '../protocol/exit-codes.ts';
import { humanResultLine, ProgressLine, summaryTable } from './batch-output.ts';
import { prepareBatch } from './batch-prepare.ts';
import { startSandboxProbe } from './sandbox-gate.ts';
import { startRepoLookup } from './repo-gate.ts';
import { colorEnabled } from '../format/color.ts';
import { makeStyle } from './human-output.ts';
import { UsageError } from '../errors/usage-error.ts';
import { handleInterrupts } from './interrupts.ts';
import { safeText } from '../format/safe-text.ts';
import { positiveInt } from './flag-numbers.ts';
import { plural } from '../format/plural.ts';
import { loadSettings } from './setup.ts';
import { configuredNotifier } from './thread-settings.ts';
import { factsOfResult } from '../hooks/notify-payload.ts';
import type { Notifier } from '../hooks/notify.ts';
import type { BatchTask } from '../tasks/batch.ts';

export interface BatchFlags extends SettingFlags {
  concurrency?: string;
  shard?: string;
  json?: boolean;
  apply?: boolean;
  branchPrefix?: string;
}

export async function batchCommand(files: string[], flags: BatchFlags): Promise<number> {
  const env = process.env;
  const probing = startSandboxProbe(env);
  const source = resolve(flags.cd ?? process.cwd());
  const locating = startRepoLookup(source);
  if (files.length === 0) throw new UsageError('batch: name at least one task file, e.g. `hew batch tasks/*.md`');
  const concurrency = flags.concurrency !== undefined ? positiveInt(flags.concurrency, '--concurrency') : os.availableParallelism();
  let shard: Shard | undefined;
  try {
    shard = flags.shard !== undefined ? parseShard(flags.shard) : undefined;
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  if (flags.apply && flags.branchPrefix === undefined) {
    throw new UsageError('--apply: batch runs cannot all write into your tree; add --branch-prefix P to put each successful task on its own branch P<task-name>');
  }
  if (flags.branchPrefix !== undefined && !flags.apply) throw new UsageError('--branch-prefix is used with --apply');

  const style = makeStyle(colorEnabled(process.stderr, env));
  const warned = new Set<string>();
  /** Warnings and notes go above the progress line once there is one. */
  const shown: { bar?: ProgressLine } = {};
  const say = (text: string): void => (shown.bar ? shown.bar.print(text) : void process.stderr.write(text));
  const warn = (message: string): void => {
    if (warned.has(message)) return;
    warned.add(message);
    say(`hew: warning: ${safeText(message)}\n`);
  };

  const tasks = await prepareBatch({
    files,
    base: process.cwd(),
    source,
    shard,
    flags,
    branchPrefix: flags.branchPrefix,
    env,
    onWarning: warn,
    probing,
    locating,
  });
  if (tasks.length === 0) {
    process.stderr.write(`hew: batch: shard ${flags.shard ?? ''} has no tasks (of ${files.length}); nothing to do\n`);
    return EXIT.ok;
  }

  const progress = new ProgressLine((t) => process.stderr.write(t), Boolean(process.stderr.isTTY) && !flags.json && env.TERM !== 'dumb', tasks.length);
  shown.bar = progress;
  if (!flags.json) process.stderr.write(`${style.dim(`hew batch: ${plural(tasks.length, 'task')}${shard ? ` (shard ${shard.index}/${shard.count} of ${files.length})` : ''}, ${Math.min(concurrency, tasks.length)} at a time`)}\n`);
  const interrupts = handleInterrupts({ message: 'hew: interrupting: no new task starts, running ones stop and are saved (Ctrl-C again to quit at once)\n', say });
  const store = new RunStore(stateDir(env));
  const notifyTask = taskNotifier(tasks, store, configuredNotifier(loadSettings(flags, env), warn));
  let lines: BatchResultLine[];
  try {
    lines = await runBatch({
      tasks,
      concurrency,
      store,
      signal: interrupts.signal,
      onStart: () => progress.started(),
      onEvent: notifyTask.observe,
      onResult: (line) => {
        progress.finished();
        notifyTask.finished(line);
        if (flags.json) process.stdout.write(`${JSON.stringify(line)}\n`);
        else progress.print(`${humanResultLine(line, style)}\n`);
      },
    });
  } finally {
    interrupts.dispose();
    progress.clear();
    await notifyTask.settle();
  }
  if (!flags.json) process.stderr.write(`\n${summaryTable(lines, style)}`);
  return batchExitCode(lines, interrupts.signal.aborted);
}

/**
 * `notify` for a batch: one `task.completed` per task that ran (a task the interrupt kept from
 * starting sends none), with its final message (seen in its events) and its task file.
 */
function taskNotifier(tasks: readonly BatchTask[], store: RunStore, notifier: Notifier) {
  const byName = new Map(tasks.map((t) => [t.task, t]));
  const finalMessages = new Map<string, string | null>();
  return {
    observe: (task: BatchTask, event: StampedEvent): void => {
      if (event.type === 'thread.completed') finalMessages.set(task.task, event.final_message);
    },
    finished: (line: BatchResultLine): void => {
      const task = byName.get(line.task);
      if (line.status === 'not_started' || task === undefined) return;
      const runId = line.run_id;
      notifier.notify(
        factsOfResult('task.completed', { ...line, status: line.status }, {
          repository: task.thread.located?.top ?? task.thread.source,
          finalMessage: finalMessages.get(line.task) ?? null,
          task: { file: line.task, title: line.title },
        }),
        { redactor: task.redactor ?? store.redactor, log: runId === null ? undefined : (text) => store.open(runId).appendLog(text) },
      );
    },
    settle: () => notifier.settle(),
  };
}
