// `hew watch`: run each task file dropped into the repository's inbox (`.hew/tasks/`, or `--dir`),
// once per content, headless like `exec`, and write NAME.result.json beside it. Status lines go to
// stderr; `--json` also prints each result as a JSONL line on stdout. `--once` runs what is there
// and exits (1 if any task failed); otherwise Ctrl-C stops watching, interrupts the runs under way
// (saved, resumable) and exits 130.
import { existsSync, mkdirSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import type { StampedEvent } from '../protocol/events.ts';
import { ConfigError } from '../config/errors.ts';
import { describeReason, UnreadableFileError } from '../fs/read-bounded.ts';
import { isInside, realLocation, resolveDirInRepo } from '../fs/repo-file.ts';
import type { LoadedConfig } from '../config/load.ts';
import { RunStore } from '../runs/store.ts';
import { stateDir } from '../runs/paths.ts';
import type { TaskFile } from '../tasks/task-file.ts';
import { runFailureOf, runResultFields } from '../tasks/result-line.ts';
import { runInbox } from '../tasks/watch.ts';
import type { TaskRunContext, TaskRunSummary } from '../tasks/watch.ts';
import { EXIT } from '../protocol/exit-codes.ts';
import type { RepoInfo } from '../thread/repo-info.ts';
import { requireRepo, startRepoLookup } from './repo-gate.ts';
import { runThread } from '../thread/run-thread.ts';
import { parseDuration } from './duration.ts';
import { buildModelSetup, loadSettings } from './setup.ts';
import { configuredNotifier, configuredThreadOptions } from './thread-settings.ts';
import { factsOfResult } from '../hooks/notify-payload.ts';
import type { WatchResult } from '../protocol/run-result.ts';
import type { RunSecrets, SettingFlags } from './setup.ts';
import { UsageError } from '../errors/usage-error.ts';
import { discoverSkills, userHome } from '../skills/discover.ts';
import { requireSkills } from '../skills/require.ts';
import { handleInterrupts } from './interrupts.ts';
import { positiveInt } from './flag-numbers.ts';
import type { SandboxProbe } from '../sandbox/probe.ts';
import { requireSandbox, startSandboxProbe } from './sandbox-gate.ts';
import { safeText } from '../format/safe-text.ts';

export interface WatchFlags extends SettingFlags {
  dir?: string;
  once?: boolean;
  concurrency?: string;
  json?: boolean;
  maxTurns?: string;
  timeout?: string;
}

export const DEFAULT_WATCH_DIR = '.hew/tasks';

export async function watchCommand(flags: WatchFlags): Promise<number> {
  const env = process.env;
  const probing = startSandboxProbe(env);
  const source = resolve(flags.cd ?? process.cwd());
  const locating = startRepoLookup(source);
  const concurrency = flags.concurrency !== undefined ? positiveInt(flags.concurrency, '--concurrency') : 1;
  const maxTurns = flags.maxTurns !== undefined ? positiveInt(flags.maxTurns, '--max-turns') : undefined;
  const timeoutMs = flags.timeout !== undefined ? duration(flags.timeout, '--timeout') : undefined;
  // The configuration is checked once up front: a bad config.toml is exit 2 before anything runs.
  const config = loadSettings(flags, env);
  const { secrets: watchSecrets } = buildModelSetup(config, env);
  // Outside git without --skip-git-repo-check: exit 2 before watching (each task asks git again).
  const top = (await requireRepo(locating, flags.skipGitRepoCheck)).top;
  const { dir, root, fromRepository } = taskDirectory(flags, config, source, top);
  // No usable sandbox and no danger-full-access: stop before watching (exit 6).
  await requireSandbox(config.settings.sandbox, probing);
  const shown = safeText(relative(source, dir) || dir);
  const existed = existsSync(dir);
  // --once has nothing to run in an inbox that is not there: it says so and leaves the repository as it is.
  if (!existed && flags.once) {
    process.stderr.write(`hew watch: no task directory ${shown}: nothing to do (create it and put task files (*.md) in it, or name another with --dir)\n`);
    return EXIT.ok;
  }
  try {
    mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw new UsageError(`cannot use the task directory ${dir}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  if (!existed) process.stderr.write(`hew watch: created the task directory ${shown}: drop task files (*.md) there\n`);

  const store = new RunStore(stateDir(env));

  const runTask = async (task: TaskFile, ctx: TaskRunContext): Promise<TaskRunSummary> => {
    // A task in the repository's own inbox may have been committed by anyone: it may not open the network.
    if (task.setup !== undefined && fromRepository) {
      throw new UsageError(`${task.source}: front-matter key "setup" is not allowed in the repository's task directory (it runs a command with the network open); name your own with --dir, or set setup in your config.toml`);
    }
    const taskConfig = loadSettings({ ...flags, model: flags.model ?? task.model, provider: flags.provider ?? task.provider }, env);
    // Nor may it multiply what is spent: each attempt is a run of its own.
    const allowed = taskConfig.settings.attempts;
    if (task.attempts !== undefined && task.attempts > allowed && fromRepository) {
      throw new UsageError(`${task.source}: front-matter key "attempts" may not raise the attempts above your config's (${allowed}) in the repository's task directory (each attempt is a run that spends); name your own with --dir, or set attempts in your config.toml`);
    }
    const attempts = task.attempts ?? allowed;
    const { model, secrets } = buildModelSetup(taskConfig, env);
    // The config may have changed since watch started: each task is checked again (exit 6, no run).
    const repo = await requireRepo(startRepoLookup(source), flags.skipGitRepoCheck);
    const sandboxProbe = await requireSandbox(taskConfig.settings.sandbox, probing);
    // A task that relies on a skill does not run without it (a failed result, no run).
    if (task.skills?.length) requireSkills(task.skills, await discoverSkills({ top: repo.top, home: userHome(env) }), task.source);
    const taskTimeout = timeoutMs ?? (task.timeout !== undefined ? duration(String(task.timeout), 'timeout') : undefined);
    let completed: Extract<StampedEvent, { type: 'thread.completed' }> | undefined;
    /** Why each run failed (best of N: by the attempt's run_id; one run: under undefined). */
    const failures = new Map<string | undefined, string>();
    let startedRun = false;
    const sink = (event: StampedEvent): void => {
      if (event.type === 'thread.started' && !startedRun) {
        startedRun = true;
        ctx.started(event.run_id);
      }
      if (event.type === 'thread.completed') completed = event;
      const failure = runFailureOf(event);
      if (failure !== undefined) failures.set(event.run_id, failure);
    };
    const options = threadOptions(taskConfig, { source, repo, skipGitRepoCheck: flags.skipGitRepoCheck === true, task, model, store: store.withRedactor(secrets.redactor), envPolicy: secrets.envPolicy, sink, maxTurns, timeoutMs: taskTimeout, signal: ctx.signal, env, sandboxProbe });
    if (attempts > 1) {
      const { runAttempts } = await import('../attempts/run-attempts.ts');
      const { timeoutMs: whole, signal, ...thread } = options;
      const group = await runAttempts({ thread, of: attempts, ...(whole !== undefined ? { timeoutMs: whole } : {}), signal, sink });
      if (!group) throw new Error('no attempt started');
      return { ...runResultFields(group.result, completed?.duration_ms ?? 0, failures.get(group.result.runId)), final_message: group.result.finalMessage, attempts: group.summaries };
    }
    const result = await runThread(options);
    return { ...runResultFields(result, completed?.duration_ms ?? 0, failures.get(undefined)), final_message: result.finalMessage };
  };

  // `notify`: one task.completed per result written (a task file that could not be read as one too).
  const notifier = configuredNotifier(config, (message) => process.stderr.write(`hew watch: warning: ${safeText(message)}\n`));
  const onResult = (result: WatchResult): void => {
    const runId = result.run_id;
    notifier.notify(factsOfResult('task.completed', result, { repository: top, finalMessage: result.final_message, task: { file: result.task, title: result.title } }), {
      redactor: watchSecrets.redactor,
      log: runId === null ? undefined : (text) => store.open(runId).appendLog(text),
    });
    if (flags.json) process.stdout.write(`${JSON.stringify(result)}\n`);
  };

  const stopping = handleInterrupts({ message: 'hew watch: stopping; runs under way are interrupted and saved (Ctrl-C again to quit at once)\n' });
  let results: Awaited<ReturnType<typeof runInbox>>;
  try {
    results = await runInbox({
      dir,
      root,
      base: source,
      concurrency,
      once: Boolean(flags.once),
      runTask,
      log: (line) => process.stderr.write(`hew watch: ${safeText(line)}\n`),
      onResult,
      signal: stopping.signal,
    });
  } finally {
    stopping.dispose();
    await notifier.settle();
  }
  if (stopping.signal.aborted) return EXIT.interrupted;
  return results.some((r) => r.exit_code !== EXIT.ok) ? EXIT.failed : EXIT.ok;
}

interface RunParts {
  source: string;
  repo: RepoInfo;
  skipGitRepoCheck: boolean;
  task: TaskFile;
  model: ReturnType<typeof buildModelSetup>['model'];
  store: RunStore;
  envPolicy: RunSecrets['envPolicy'];
  sink: (event: StampedEvent) => void;
  maxTurns: number | undefined;
  timeoutMs: number | undefined;
  signal: AbortSignal;
  env: NodeJS.ProcessEnv;
  sandboxProbe: SandboxProbe | null;
}

function threadOptions(config: LoadedConfig, parts: RunParts): Parameters<typeof runThread>[0] {
  return {
    source: parts.source,
    located: parts.repo,
    skipGitRepoCheck: parts.skipGitRepoCheck,
    prompt: parts.task.prompt,
    title: parts.task.title,
    model: parts.model,
    ...configuredThreadOptions(config, parts.env, { maxSteps: parts.maxTurns ?? parts.task.max_turns, setup: parts.task.setup }),
    headlessFront: 'watch',
    sandboxProbe: parts.sandboxProbe,
    store: parts.store,
    envPolicy: parts.envPolicy,
    sink: parts.sink,
    onWarning: (message) => process.stderr.write(`hew watch: warning: ${safeText(message)}\n`),
    check: parts.task.check,
    timeoutMs: parts.timeoutMs,
    signal: parts.signal,
    ...(parts.task.skills ? { skills: parts.task.skills } : {}),
  };
}

/**
 * The inbox and the directory its task files must resolve inside. One the user chose (`--dir`, their
 * own config, a profile, `-c`) may be anywhere, and its tasks must stay in it (or in the repository,
 * when it is there). One the repository chose (its `.hew/config.toml`, or the default `.hew/tasks`,
 * which the repository may have committed as a link) must lie inside the repository, links resolved,
 * or watch refuses to start (exit 2): a repository never points hew at files elsewhere.
 */
function taskDirectory(flags: WatchFlags, config: LoadedConfig, source: string, top: string): { dir: string; root: string; fromRepository: boolean } {
  const configured = config.settings.watch_dir;
  const fromUser = flags.dir !== undefined || (configured !== undefined && config.sources.watch_dir !== 'project');
  const named = flags.dir !== undefined ? resolve(source, flags.dir) : resolve(top, configured ?? DEFAULT_WATCH_DIR);
  if (fromUser) {
    let inRepo = false;
    try {
      inRepo = isInside(realLocation(top), realLocation(named));
    } catch {
      // a broken link: creating the directory fails and says so
    }
    return { dir: named, root: inRepo ? top : named, fromRepository: false };
  }
  const what = configured !== undefined ? `watch_dir ("${configured}", from ${config.projectFile ?? 'the project config'})` : `the task directory ${DEFAULT_WATCH_DIR}`;
  try {
    return { dir: resolveDirInRepo(top, named), root: top, fromRepository: true };
  } catch (err) {
    if (!(err instanceof UnreadableFileError)) throw err;
    throw new ConfigError(what, null, `refused: it ${describeReason(err.reason)}; the repository's task directory must lie inside the repository (name another with --dir)`);
  }
}

function duration(text: string, what: string): number {
  try {
    return parseDuration(text);
  } catch (err) {
    throw new UsageError(`${what}: ${(err as Error).message}`);
  }
}
