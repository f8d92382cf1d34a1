// `hew exec`: a non-interactive run. stdout carries only the final message (or JSONL events with
// --json); progress and warnings go to stderr. Never waits for a person.
import { writeFileSync } from 'node:fs';
import { removeTree } from '../fs/remove-tree.ts';
import { resolve } from 'node:path';
import type { AttemptSummary, StampedEvent } from '../protocol/events.ts';
import { MAX_ATTEMPTS } from '../protocol/run-meta.ts';
import { attemptsTable } from './attempts-table.ts';
import { personAtTerminal } from './person-at-terminal.ts';
import type { OutputSchema } from '../agent/structured-output.ts';
import { RunStore } from '../runs/store.ts';
import { nextStepLines } from '../runs/next-steps.ts';
import { stateDir } from '../runs/paths.ts';
import { runThread } from '../thread/run-thread.ts';
import type { ThreadOptions } from '../thread/run-thread.ts';
import { removedText } from '../thread/run-kept.ts';
import { parseDuration } from './duration.ts';
import { colorEnabled } from '../format/color.ts';
import { forStdout, makeStyle } from './human-output.ts';
import { execProgress } from './exec-progress.ts';
import { safeLine, safeText } from '../format/safe-text.ts';
import { resolveTask } from './prompt-input.ts';
import { readBounded, STDIN_MAX_BYTES, stdinIsPipedInput, withStdinBlock } from './stdin-block.ts';
import { requireSandbox, startSandboxProbe } from './sandbox-gate.ts';
import { requireRepo, startRepoLookup } from './repo-gate.ts';
import { buildModelSetup, loadSettings } from './setup.ts';
import { configuredNotifier, configuredThreadOptions } from './thread-settings.ts';
import { factsOfResult } from '../hooks/notify-payload.ts';
import { runFailureOf, runResultFields } from '../tasks/result-line.ts';
import type { SettingFlags } from './setup.ts';
import { priceFor, unknownPriceHint } from '../model/prices.ts';
import { UsageError } from '../errors/usage-error.ts';
import { discoverSkills, userHome } from '../skills/discover.ts';
import { requireSkills } from '../skills/require.ts';
import { handleInterrupts } from './interrupts.ts';
import { attemptCount, positiveDollars, positiveInt } from './flag-numbers.ts';

export interface ExecFlags extends SettingFlags {
  json?: boolean;
  jsonDeltas?: boolean;
  outputLastMessage?: string;
  maxTurns?: string;
  timeout?: string;
  task?: string;
  ephemeral?: boolean;
  apply?: boolean;
  /** With --apply: take the ignored files the run wrote too (as `hew apply --include-ignored`). */
  includeIgnored?: boolean;
  maxCost?: string;
  /** Continue this run (id or prefix) with the prompt. */
  resume?: string;
  /** A JSON schema file the final answer must match. */
  outputSchema?: string;
  /** Nothing on stderr but errors and warnings; stdout stays the final message. */
  quiet?: boolean;
  /** Best of N: this many attempts (1..8; else front matter / config `attempts`). */
  attempts?: string;
  /** With attempts: stop the others once one attempt's check passed. */
  firstPass?: boolean;
}

export async function execCommand(prompt: string | undefined, flags: ExecFlags): Promise<number> {
  const env = process.env;
  if (flags.includeIgnored && !flags.apply) throw new UsageError('--include-ignored applies the ignored files the run wrote: use it with --apply (or later: hew apply RUN --include-ignored)');
  const probing = startSandboxProbe(env);
  const source = resolve(flags.cd ?? process.cwd());
  const locating = flags.resume === undefined ? startRepoLookup(source) : null;
  const task = await resolveTask({ prompt, taskFile: flags.task, stdin: process.stdin });
  const piped = prompt !== undefined && prompt !== '-' && !flags.task && stdinIsPipedInput() ? await readBounded(process.stdin) : undefined;
  const stdinNote = piped?.text.trim() ? { bytes: piped.bytes, truncated: piped.truncated } : undefined;
  if (piped && stdinNote) task.prompt = withStdinBlock(task.prompt, piped);
  const outputSchema = flags.outputSchema !== undefined ? await readOutputSchema(flags.outputSchema) : undefined;
  const config = loadSettings({ ...flags, model: flags.model ?? task.model, provider: flags.provider ?? task.provider }, env);
  const { settings } = config;
  const maxSteps = flags.maxTurns !== undefined ? positiveInt(flags.maxTurns, '--max-turns') : task.max_turns;
  const timeoutText = flags.timeout ?? (task.timeout !== undefined ? String(task.timeout) : undefined);
  let timeoutMs: number | undefined;
  try {
    timeoutMs = timeoutText !== undefined ? parseDuration(timeoutText) : undefined;
  } catch (err) {
    throw new UsageError(`--timeout: ${(err as Error).message}`);
  }
  // A resumed run continues one conversation: the config's (or a task's) `attempts` does not apply to it.
  const attempts = flags.attempts !== undefined ? attemptCount(flags.attempts, MAX_ATTEMPTS) : flags.resume !== undefined ? 1 : (task.attempts ?? settings.attempts);
  if (flags.firstPass && task.check === undefined) throw new UsageError('--first-pass stops the other attempts once one passes the task\'s check, and this task has none: give it one (front matter `check:` in a --task file)');
  if (attempts > 1 && flags.resume !== undefined) throw new UsageError('--attempts: a resumed run continues one conversation; run attempts of a new task instead (without --resume)');
  const { model, secrets } = buildModelSetup(config, env);
  const maxCostUsd = flags.maxCost !== undefined ? positiveDollars(flags.maxCost, '--max-cost') : undefined;
  const threadSettings = configuredThreadOptions(config, env, { maxSteps, setup: task.setup, maxCostUsd });
  const priceWarned = threadSettings.longRun.maxCostUsd !== undefined && priceFor(model.model, threadSettings.longRun.prices) === undefined;
  if (priceWarned) {
    const hint = safeLine(unknownPriceHint(settings.provider, model.model));
    if (flags.maxCost !== undefined) throw new UsageError(`--max-cost: ${hint}`);
    process.stderr.write(`hew: warning: max_cost is not enforced: ${hint}\n`);
  }

  const store = new RunStore(stateDir(env), { redactor: secrets.redactor });
  const resume = flags.resume !== undefined ? (await import('./resume.ts')).resumeState(store, flags.resume, flags.cd) : undefined;
  // Bad input is reported first (exit 2: outside git without the flag, too); then nothing runs without a usable sandbox (exit 6).
  const repo = locating ? await requireRepo(locating, flags.skipGitRepoCheck) : undefined;
  const sandboxProbe = await requireSandbox(settings.sandbox, probing);
  // A task that relies on a skill does not run without it: stopped before the run exists (exit 2).
  if (task.skills?.length) {
    requireSkills(task.skills, await discoverSkills({ top: repo?.top ?? resume?.info.top ?? source, home: userHome(env) }), task.source);
  }
  const json = Boolean(flags.json || flags.jsonDeltas);
  const progress = execProgress({ quiet: Boolean(flags.quiet), stderr: process.stderr, env });
  for (const note of resume?.notes ?? []) progress.info(`hew: note: ${safeText(note)}\n`);
  if (stdinNote) progress.info(`hew: attached ${stdinNote.bytes} bytes of stdin to the prompt${stdinNote.truncated ? ` (cut at the ${STDIN_MAX_BYTES / 1024} KiB limit; the rest was not read)` : ''}\n`);
  const show = json ? (e: StampedEvent) => process.stdout.write(`${JSON.stringify(e)}\n`) : progress.sink;
  /** Why each run failed, when it did (for notify); `undefined` keys the one run without attempts. */
  const failures = new Map<string | undefined, string>();
  const noteFailure = (e: StampedEvent): void => {
    const failure = runFailureOf(e);
    if (failure !== undefined) failures.set(attempts > 1 ? e.run_id : undefined, failure);
  };
  const sink = (e: StampedEvent): void => {
    noteFailure(e);
    show(e);
  };
  const notifier = configuredNotifier(config, (message) => process.stderr.write(`hew: warning: ${safeText(message)}\n`));
  const attemptSinks = new Map<number, (e: StampedEvent) => void>();
  /** Best of N: the group's stream; on a terminal or a pipe each attempt's lines carry `[i/N]`. */
  const groupSink = (e: StampedEvent, attempt: { index: number; of: number } | null): void => {
    if (json || attempt === null) return sink(e);
    noteFailure(e);
    let printer = attemptSinks.get(attempt.index);
    if (!printer) attemptSinks.set(attempt.index, (printer = progress.attemptSink(attempt.index, attempt.of)));
    printer(e.type === 'attempt.completed' ? { ...e, type: 'thread.completed' } : e);
  };
  let ranked: AttemptSummary[] | null = null;
  let group: string | null = null;

  const saved = attempts > 1 ? `the ${attempts} attempts are saved` : 'the run is saved';
  const interrupts = handleInterrupts({ message: `hew: interrupting; ${saved} (Ctrl-C again to quit at once)\n`, say: (text) => progress.warn(text) });
  let result: Awaited<ReturnType<typeof runThread>>;
  try {
    const options: Omit<ThreadOptions, 'signal'> = {
      source,
      ...(repo ? { located: repo } : {}),
      skipGitRepoCheck: flags.skipGitRepoCheck,
      prompt: task.prompt,
      title: task.title,
      ...(stdinNote ? { stdin: stdinNote } : {}),
      resume,
      model,
      ...threadSettings,
      sandboxProbe,
      onWarning: (message) => progress.warn(`hew: warning: ${safeText(message)}\n`),
      store,
      sink,
      check: task.check,
      // On a terminal the assistant's text is shown as it streams (one attempt only); --json-deltas puts the deltas on stdout.
      deltas: json ? Boolean(flags.jsonDeltas) : progress.deltas && attempts === 1,
      outputSchema,
      envPolicy: secrets.envPolicy,
      ...(task.skills ? { skills: task.skills } : {}),
    };
    if (attempts > 1) {
      const { runAttempts } = await import('../attempts/run-attempts.ts');
      const attemptsRun = await runAttempts({ thread: options, of: attempts, firstPass: Boolean(flags.firstPass), timeoutMs, signal: interrupts.signal, sink: groupSink });
      if (!attemptsRun) throw new Error('no attempt started');
      result = attemptsRun.result;
      ranked = attemptsRun.summaries;
      group = attemptsRun.group;
      if (flags.ephemeral) for (const other of attemptsRun.ranked.slice(1)) if (!other.result.removed) removeTree(store.open(other.runId).dir);
    } else result = await runThread({ ...options, timeoutMs, signal: interrupts.signal });
  } finally {
    interrupts.dispose();
    progress.close();
  }
  // The run is over, whatever its outcome (best of N: the group, as its chosen run): the notify
  // command runs while hew finishes, and hew waits for it (at most NOTIFY_TIMEOUT_MS) before exiting.
  const failure = failures.get(attempts > 1 ? result.runId : undefined);
  notifier.notify(
    factsOfResult('run.completed', runResultFields(result, 0, failure), { repository: repo?.top ?? resume?.info.top ?? source, finalMessage: result.finalMessage }),
    { redactor: store.redactor, log: result.removed ? undefined : (text) => store.open(result.runId).appendLog(text) },
  );
  try {
    return await finishExec(result, { flags, json, store, progress, priceWarned, ranked, pickable: pickable(group, task.check !== undefined), notePrice: () => unknownPriceHint(settings.provider, model.model) });
  } finally {
    await notifier.settle();
  }
}

interface Finishing {
  flags: ExecFlags;
  json: boolean;
  store: RunStore;
  progress: ReturnType<typeof execProgress>;
  priceWarned: boolean;
  /** Best of N: the attempts in ranking order (null: one run). */
  ranked: AttemptSummary[] | null;
  /** Best of N without a check, with a person at the terminal: the group `hew pick` would show (else null). */
  pickable: string | null;
  notePrice: () => string;
}

/** After the run: the attempts' table, the final message, `--apply`, `--ephemeral` and the next steps; the exit code. */
async function finishExec(result: Awaited<ReturnType<typeof runThread>>, { flags, json, store, progress, priceWarned, ranked, pickable, notePrice }: Finishing): Promise<number> {
  const env = process.env;
  if (ranked && !json) progress.info(attemptsTable(ranked, makeStyle(colorEnabled(process.stderr, env))));
  // The summary line said "cost unknown"; say once how to make it known.
  if (!json && result.costUsd === undefined && !priceWarned) progress.info(`hew: note: cost unknown: ${safeLine(notePrice())}\n`);

  if (result.finalMessage !== null) {
    if (!json) process.stdout.write(forStdout(`${result.finalMessage}\n`));
    if (flags.outputLastMessage) writeFileSync(flags.outputLastMessage, `${result.finalMessage}\n`);
  }
  let exitCode = result.exitCode;
  let applied = false;
  // An attempted apply reports its own outcome and next step (applied files, conflicts); otherwise
  // the run ends with the commands that review and take its work.
  const applyAttempted = Boolean(flags.apply) && exitCode === 0;
  if (flags.apply) {
    // Reported on stderr: stdout keeps only the final message or the JSONL stream (thread.completed last).
    const { applyAfterExec } = await import('./apply.ts');
    if (exitCode === 0) {
      const done = await applyAfterExec(store, result.runId, (t) => process.stderr.write(t), makeStyle(colorEnabled(process.stderr, env)), Boolean(flags.includeIgnored));
      exitCode = done.exitCode;
      applied = done.complete;
    } else process.stderr.write('hew: --apply: nothing applied, the run did not succeed\n');
  }
  if (result.removed) {
    if (!json) process.stderr.write(`hew: no run was kept (${removedText(result.removed)})\n`);
  } else if (flags.ephemeral && (!flags.apply || applied)) removeTree(store.open(result.runId).dir);
  else if (flags.ephemeral) process.stderr.write(keptLine(result.runId));
  else if (!json && !applyAttempted) {
    progress.info(nextStepLines(result.runId, result.filesChanged.length));
    // Without a check hew took the first by its ranking; the person may prefer another.
    if (pickable !== null) progress.info(`  pick:    hew pick ${pickable}   # see the attempts side by side, apply another\n`);
  }
  return exitCode;
}

/** The group to name in exec's `hew pick` line: best of N, no check, a person at the terminal (stdin and stderr) and not CI. */
function pickable(group: string | null, hasCheck: boolean): string | null {
  return group !== null && !hasCheck && personAtTerminal(process.stdin, process.stderr) ? group : null;
}

/**
 * `--apply --ephemeral` removes the run only once its changes are in the user's tree (or it had none);
 * a run whose apply did not happen or did not succeed is the only copy of the agent's work, so it stays.
 */
function keptLine(runId: string): string {
  return `hew: --ephemeral: run ${runId} was kept because its changes were not applied; review with \`hew diff ${runId}\`, take them with \`hew apply ${runId}\`, or discard it with \`hew discard ${runId}\`\n`;
}

async function readOutputSchema(file: string): Promise<OutputSchema> {
  const { loadOutputSchema, OutputSchemaError } = await import('../agent/structured-output.ts');
  try {
    return await loadOutputSchema(file);
  } catch (err) {
    if (err instanceof OutputSchemaError) throw new UsageError(err.message);
    throw err;
  }
}
