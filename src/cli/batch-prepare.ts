// `hew batch`, before anything runs: read and validate every task file (all of them, not just this
// shard's, so every machine of a sharded batch reports the same bad input), pick this shard's tasks,
// and build each one's run options from the flags and its own front matter. Any problem is bad input
// (exit 2), reported for every file at once, and nothing has been started. Then, as for `exec`, no
// task starts without a usable sandbox unless it runs in danger-full-access (exit 6).
import path from 'node:path';
import type { BatchTask } from '../tasks/batch.ts';
import { TaskFileError } from '../tasks/errors.ts';
import { normalisedTaskPath, selectShard } from '../tasks/shard.ts';
import type { Shard } from '../tasks/shard.ts';
import { readTaskFile } from '../tasks/task-file.ts';
import type { TaskFile } from '../tasks/task-file.ts';
import { titleOf } from '../thread/thread.ts';
import type { RepoInfo } from '../thread/repo-info.ts';
import { requireRepo, startRepoLookup } from './repo-gate.ts';
import { checkBranchName } from '../workcopy/branch-name.ts';
import { safeLine } from '../format/safe-text.ts';
import type { SandboxProbe } from '../sandbox/probe.ts';
import { parseDuration } from './duration.ts';
import { requireSandbox } from './sandbox-gate.ts';
import { buildModelSetup, loadSettings } from './setup.ts';
import { configuredThreadOptions } from './thread-settings.ts';
import type { SettingFlags } from './setup.ts';
import { UsageError } from '../errors/usage-error.ts';
import { discoverSkills, userHome } from '../skills/discover.ts';
import { requireSkills } from '../skills/require.ts';

export interface PrepareOptions {
  files: readonly string[];
  /** Where task paths are relative to (the shell's directory). */
  base: string;
  /** The user's directory every task runs in (`-C`, default the current one). */
  source: string;
  shard?: Shard;
  flags: SettingFlags;
  /** With `--apply --branch-prefix P`: each successful task goes to branch `P<task-name>`. */
  branchPrefix?: string;
  env: NodeJS.ProcessEnv;
  onWarning: (message: string) => void;
  /** This process's sandbox probe, started when the command started. */
  probing: Promise<SandboxProbe>;
  /** The repository lookup, started when the command started (started here when absent). */
  locating?: Promise<RepoInfo>;
}

export async function prepareBatch(opts: PrepareOptions): Promise<BatchTask[]> {
  const errors: string[] = [];
  const parsed = new Map<string, TaskFile>();
  for (const file of selectShard(opts.files, undefined, opts.base)) {
    try {
      parsed.set(file, await readTaskFile(file));
    } catch (err) {
      if (!(err instanceof TaskFileError)) throw err;
      errors.push(err.message);
    }
  }
  if (errors.length > 0) throw new UsageError(`${errors.join('\nhew: ')}\nnothing was run`);

  const picked = selectShard(opts.files, opts.shard, opts.base);
  const names = opts.branchPrefix !== undefined ? branchNames(picked, opts.base, opts.branchPrefix) : undefined;
  const tasks: BatchTask[] = [];
  for (const file of picked) {
    const task = parsed.get(file) as TaskFile;
    tasks.push(buildTask(file, task, opts, names?.get(file)));
  }
  // Outside git without --skip-git-repo-check nothing runs (exit 2); the answer is shared by every task.
  const repo = await requireRepo(opts.locating ?? startRepoLookup(opts.source), opts.flags.skipGitRepoCheck);
  for (const task of tasks) task.thread.located = repo;
  // A task that relies on a skill does not run without it: the batch stops before any run (exit 2).
  if (tasks.some((t) => t.thread.skills?.length)) {
    const skills = await discoverSkills({ top: repo.top, home: userHome(opts.env) });
    for (const task of tasks) if (task.thread.skills?.length) requireSkills(task.thread.skills, skills, task.task);
  }
  if (names) await checkBranches(repo, [...names.values()]);
  for (const task of tasks) task.thread.sandboxProbe = await requireSandbox(task.thread.sandboxMode, opts.probing);
  return tasks;
}

function buildTask(file: string, task: TaskFile, opts: PrepareOptions, branch: string | undefined): BatchTask {
  const config = loadSettings({ ...opts.flags, model: opts.flags.model ?? task.model, provider: opts.flags.provider ?? task.provider }, opts.env);
  let timeoutMs: number | undefined;
  if (task.timeout !== undefined) {
    try {
      timeoutMs = parseDuration(String(task.timeout));
    } catch (err) {
      throw new UsageError(`${file}: front-matter key "timeout": ${(err as Error).message}\nnothing was run`);
    }
  }
  const { model, secrets } = buildModelSetup(config, opts.env);
  const title = task.title ?? titleOf(task.prompt);
  return {
    task: normalisedTaskPath(file, opts.base),
    title,
    ...(branch !== undefined ? { branch } : {}),
    redactor: secrets.redactor,
    attempts: task.attempts ?? config.settings.attempts,
    thread: {
      envPolicy: secrets.envPolicy,
      source: opts.source,
      skipGitRepoCheck: opts.flags.skipGitRepoCheck === true,
      prompt: task.prompt,
      model,
      ...configuredThreadOptions(config, opts.env, { maxSteps: task.max_turns, setup: task.setup }),
      headlessFront: 'batch',
      sandboxProbe: null, // set once every task file is known to be good
      check: task.check,
      timeoutMs,
      onWarning: opts.onWarning,
      ...(task.skills ? { skills: task.skills } : {}),
    },
  };
}

/**
 * `P<task-name>`: the file name without `.md`; when two tasks of the batch share a file name, their
 * relative paths (without `.md`) tell them apart. Characters git refuses become `-`.
 */
function branchNames(files: readonly string[], base: string, prefix: string): Map<string, string> {
  const stem = (p: string): string => p.replace(/\.(md|markdown|txt)$/i, '');
  const rel = files.map((f) => normalisedTaskPath(f, base));
  const counts = new Map<string, number>();
  for (const r of rel) counts.set(stem(path.posix.basename(r)), (counts.get(stem(path.posix.basename(r))) ?? 0) + 1);
  const names = new Map<string, string>();
  files.forEach((file, i) => {
    const r = rel[i] as string;
    const short = stem(path.posix.basename(r));
    const name = (counts.get(short) ?? 0) > 1 ? stem(r.replace(/^(\.\.\/)+/, '')) : short;
    names.set(file, prefix + name.replace(/[^A-Za-z0-9._/-]+/g, '-').replace(/\.\.+/g, '.').replace(/^[-./]+/, ''));
  });
  return names;
}

/** Every branch name must be valid and free in the user's repository, or nothing runs. */
async function checkBranches(info: RepoInfo, names: string[]): Promise<void> {
  if (!info.isGit) throw new UsageError(`--branch-prefix: ${info.top} is not a git repository`);
  const problems: string[] = [];
  for (const name of new Set(names)) {
    const problem = await checkBranchName(info.top, name);
    if (problem !== null) problems.push(problem.problem);
  }
  if (names.length !== new Set(names).size) problems.push('two tasks would get the same branch name');
  if (problems.length > 0) throw new UsageError(safeLine(`--branch-prefix: ${problems.join('; ')}; choose another prefix (or rename the task files); nothing was run`));
}
