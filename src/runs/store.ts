// The run store (SPEC §8): one directory per run under `<state>/runs/<id>/` holding `meta.json`
// (replaced atomically), `events.jsonl` (appended line by line as things happen), `commands.log`
// (full command output) and `work/` (the working copy). Runs share no mutable files, so several runs
// on one repository — in one process or many — never interfere. Everything written is redacted.
import { mkdirSync, readdirSync } from 'node:fs';
import { isRealDirectory } from '../fs/real-directory.ts';
import path from 'node:path';
import { isRunId, newRunId } from './ids.ts';
import { inspectMeta, type NewRunMeta } from './meta.ts';
import type { RunMeta } from '../protocol/run-meta.ts';
import { runsDir } from './paths.ts';
import { createRedactor, type Redactor } from '../secrets/redact.ts';
import { Run } from './run.ts';

export { Run } from './run.ts';

/** A run directory whose meta.json is missing or damaged: listed as such, so it can be discarded. */
export interface DamagedRun {
  id: string;
  dir: string;
  damage: string;
}

export interface RunStoreOptions {
  /** Environment whose secret values (by the built-in rules) are redacted from everything written (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** The run's own redactor (its environment policy and config secrets); replaces the one made from `env`. */
  redactor?: Redactor;
}

export class RunStore {
  readonly stateDir: string;
  readonly runsDir: string;
  /** Applied to everything a run writes; fronts use it for what they print and write too. */
  readonly redactor: Redactor;

  constructor(stateDir: string, opts: RunStoreOptions = {}) {
    this.stateDir = path.resolve(stateDir);
    this.runsDir = runsDir(this.stateDir);
    this.redactor = opts.redactor ?? createRedactor(opts.env ?? process.env);
  }

  /** The same store (same directory) whose runs redact with `redactor` (one run's own policy). */
  withRedactor(redactor: Redactor): RunStore {
    return new RunStore(this.stateDir, { redactor });
  }

  /** Makes a new run directory (exclusively: never reuses an existing id) and writes its meta. */
  create(meta: NewRunMeta, now: Date = new Date()): Run {
    mkdirSync(this.runsDir, { recursive: true, mode: 0o700 });
    for (;;) {
      const id = newRunId(now);
      const dir = path.join(this.runsDir, id);
      try {
        mkdirSync(dir, { mode: 0o700 });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'EEXIST') continue;
        throw err;
      }
      const run = new Run(id, dir, this.redactor);
      const full: RunMeta = {
        status: 'running',
        kind: 'git',
        base_commit: null,
        base_snapshot: '',
        subdir: '',
        started_at: now.toISOString(),
        ended_at: null,
        files_changed: [],
        exit_code: null,
        pid: process.pid,
        ...meta,
        repo: path.resolve(meta.repo),
        id,
        working_copy: run.workDir,
      };
      run.writeMeta(full);
      return run;
    }
  }

  /**
   * Opens an existing run by its exact id: a real directory (not a link) under the runs directory;
   * throws when there is none. Its meta.json may still be damaged: `run.meta()` says so.
   */
  open(id: string): Run {
    const dir = path.join(this.runsDir, id);
    if (!isRunId(id) || !isRealDirectory(dir)) throw new Error(`no run with id ${JSON.stringify(id)}`);
    return new Run(id, dir, this.redactor);
  }

  /** Resolves a full id or a unique prefix of one (as users type them); throws when none or ambiguous. */
  resolveId(idOrPrefix: string): string {
    const ids = this.ids();
    if (ids.includes(idOrPrefix)) return idOrPrefix;
    const matches = idOrPrefix === '' ? [] : ids.filter((id) => id.startsWith(idOrPrefix));
    if (matches.length === 1) return matches[0] as string;
    if (matches.length === 0) throw new Error(`no run matches ${JSON.stringify(idOrPrefix)}`);
    throw new Error(`${JSON.stringify(idOrPrefix)} matches ${matches.length} runs: ${matches.slice(0, 5).join(', ')}`);
  }

  /** Runs, newest first; run directories with a missing or damaged meta.json are left out (see `damaged`). */
  list(filter: { repo?: string } = {}): RunMeta[] {
    const repo = filter.repo === undefined ? undefined : path.resolve(filter.repo);
    const metas: RunMeta[] = [];
    for (const id of this.ids()) {
      const reading = inspectMeta(path.join(this.runsDir, id));
      if (!reading.ok || (repo !== undefined && reading.meta.repo !== repo)) continue;
      metas.push(reading.meta);
    }
    return metas.sort((a, b) => compareDesc(a.started_at, b.started_at) || compareDesc(a.id, b.id));
  }

  /** Run directories whose meta.json is missing or damaged, newest id first (their repository is unknown). */
  damaged(): DamagedRun[] {
    const found: DamagedRun[] = [];
    for (const id of this.ids()) {
      const dir = path.join(this.runsDir, id);
      const reading = inspectMeta(dir);
      if (!reading.ok) found.push({ id, dir, damage: reading.damage });
    }
    return found.sort((a, b) => compareDesc(a.id, b.id));
  }

  /** The newest run of `repo`, or null. */
  latest(repo: string): RunMeta | null {
    return this.list({ repo })[0] ?? null;
  }

  private ids(): string[] {
    try {
      return readdirSync(this.runsDir, { withFileTypes: true })
        .filter((e) => e.isDirectory() && isRunId(e.name))
        .map((e) => e.name);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
  }
}

function compareDesc(a: string, b: string): number {
  return a < b ? 1 : a > b ? -1 : 0;
}
