// One builder for an end-to-end test's world: a user's repository, a fresh hew home, a scripted
// model server, and a `hew` runner bound to all three — in the spirit of Codex's
// `test_codex().with_config(..).build(&server)`.
//
//   afterEach(closeWorlds);
//
//   const world = await hewWorld()
//     .withRepo('date-parser')                    // a fixture (the default), files, or none
//     .withConfig('model = "gpt-5"\n')            // the user's config.toml
//     .withScript([shell('ls src'), answer('done')])
//     .build();
//   const result = await world.hew(['exec', '--json', 'look around']);
//   expect(result.code).toBe(0);
//   expect(world.toolOutputs()[0]).toContain('date.js');   // what the model got back, step by step
//
// As root or as an ordinary user (`nobody`), with an installation of the built CLI that user can run:
//
//   const base = userBase('hew-e2e-submodules-');         // at the top of the file, outside /tmp
//   const world = await hewWorld().asUser('nobody', base).withScript(turns).build();
//
// A world's `hew` runs with the world's environment: its home (HOME, an existing directory, with
// XDG_STATE_HOME and XDG_CONFIG_HOME under it), OPENAI_API_KEY=sk-test and OPENAI_BASE_URL pointing
// at the scripted server (at a closed port when there is none, so nothing ever reaches a real
// provider; `withoutOpenAI()` leaves both out), plus `withEnv`; `opts.env` adds to it per call.
// `serve(script)` swaps in a new scripted server (a second run of the same world).
// `withHomeAt(dir)` puts the home at a directory of the test's (a dotfiles repository that is $HOME
// itself): HOME=dir and no XDG_* variables, so hew finds its state and config where it would by default.
// `closeWorlds` closes the servers of every world built so far and removes their directories.
import { chmodSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { runCliAs, userEnv, userWorld, type As } from './as-user.ts';
import { fixtureRepo, repoOf, tempDir } from './fixtures.ts';
import { hewHome, runHew, writeUserConfig, type HewHome, type HewOptions, type HewResult } from './hew-cli.ts';
import { startModelServer, type ModelServer, type ModelServerOptions, type RecordedRequest, type Script } from './model-server.ts';
import { toolOutputs } from './requests.ts';

/** Where no scripted server listens: a run that asks a model fails at once instead of going out. */
export const NO_MODEL_URL = 'http://127.0.0.1:9/v1';

/** A fixture under fixtures/, files to commit as the first commit, or `null` for a plain directory that is no repository. */
export type RepoSource = string | Record<string, string | Buffer> | null;

/** Per-call options of `world.hew`: those of `runHew`, with `cwd` defaulting to the repository. */
export type WorldHewOptions = Partial<HewOptions>;

export interface World {
  /** A directory of this world's own: holds the repository (and, for a user world, the home). */
  dir: string;
  /** The user's repository (the directory hew runs in). */
  repo: string;
  home: HewHome;
  /** The environment `hew` runs with (see the top of this file). */
  readonly env: Record<string, string>;
  readonly server: ModelServer | undefined;
  /** The requests the scripted server received so far ([] without one). */
  readonly requests: RecordedRequest[];
  /** Runs the built CLI in the repository with the world's environment. */
  hew(args: string[], opts?: WorldHewOptions): Promise<HewResult>;
  /** `hew` that must exit 0 (the assertion names the command and its stderr). */
  hewOk(args: string[], opts?: WorldHewOptions): Promise<HewResult>;
  /** Closes the current scripted server (if any) and starts one with `script`. */
  serve(script: Script, opts?: ModelServerOptions): Promise<ModelServer>;
  /** Closes the scripted server: later runs find no model (NO_MODEL_URL). */
  closeServer(): Promise<void>;
  /** The tool result each step of the run got back, in order (`toolOutputs` of test/support/requests.ts). */
  toolOutputs(): string[];
  /** A run's directory in the state home (meta.json, events.jsonl, work/). */
  runDir(runId: string): string;
  /** Closes the server and removes the world's directory. */
  cleanup(): Promise<void>;
}

const built = new Set<World>();

/** Closes and removes every world built so far (use as `afterEach(closeWorlds)`). */
export async function closeWorlds(): Promise<void> {
  const worlds = [...built];
  built.clear();
  for (const world of worlds) await world.cleanup();
}

export function hewWorld(): WorldBuilder {
  return new WorldBuilder();
}

let userWorlds = 0;

export class WorldBuilder {
  private repoSource: RepoSource = 'date-parser';
  private userToml: string | undefined;
  private script: Script | undefined;
  private serverOptions: ModelServerOptions = {};
  private extraEnv: Record<string, string | undefined> = {};
  private user: { as: As; base: string } | undefined;
  private timeoutMs: number | undefined;
  private homeAt: string | undefined;

  /** The repository: a fixture's name (default `date-parser`), files to commit, or `null` for no repository. */
  withRepo(source: RepoSource): this {
    this.repoSource = source;
    return this;
  }

  /** The user's config.toml (`$XDG_CONFIG_HOME/hew/config.toml`). */
  withConfig(toml: string): this {
    this.userToml = toml;
    return this;
  }

  /** Starts a scripted model server for the world (see test/support/scripts.ts for turns). */
  withScript(script: Script, opts: ModelServerOptions = {}): this {
    this.script = script;
    this.serverOptions = opts;
    return this;
  }

  /** Environment for every `hew` of the world (`undefined` removes a variable). */
  withEnv(env: Record<string, string | undefined>): this {
    this.extraEnv = { ...this.extraEnv, ...env };
    return this;
  }

  /**
   * No OPENAI_API_KEY or OPENAI_BASE_URL at all: a user who set up no provider (a config error comes
   * first, `doctor` finds no key), or whose provider is another one named by flags (`withEnv` its key).
   */
  withoutOpenAI(): this {
    return this.withEnv({ OPENAI_API_KEY: undefined, OPENAI_BASE_URL: undefined });
  }

  /**
   * The home is `dir`, made by the test (it may be the repository): HOME=dir with XDG_STATE_HOME,
   * XDG_CONFIG_HOME and XDG_CACHE_HOME unset, so `home.state` is dir/.local/state and `home.config`
   * dir/.config, hew's defaults. The world does not remove `dir` (it is not under the world's `dir`).
   */
  withHomeAt(dir: string): this {
    this.homeAt = dir;
    return this.withEnv({ XDG_STATE_HOME: undefined, XDG_CONFIG_HOME: undefined, XDG_CACHE_HOME: undefined });
  }

  /** How long one `hew` may take before it is killed and the test fails (default 60 s; 90 s for a user world). */
  withTimeout(ms: number): this {
    this.timeoutMs = ms;
    return this;
  }

  /**
   * Runs hew as `as` (root or nobody) with exactly the world's environment, from an installation
   * under `base` (make it with `userBase`). The repository is a copy of fixtures/date-parser owned by
   * `as` (or, with `withRepo(null)`, an empty directory owned by root), and the home is `dir/home`; a
   * test that adds files for nobody chowns them (`chownTree(world.dir, NOBODY)`).
   */
  asUser(as: As, base: string): this {
    this.user = { as, base };
    return this;
  }

  async build(): Promise<World> {
    const world = this.user ? this.userParts(this.user.as, this.user.base) : this.localParts();
    if (this.userToml !== undefined) {
      writeUserConfig(world.home, this.userToml);
    }
    const made = new BuiltWorld(world, this.extraEnv, this.timeoutMs, this.user);
    built.add(made);
    if (this.script !== undefined) await made.serve(this.script, this.serverOptions);
    return made;
  }

  private localParts(): Parts {
    const dir = tempDir('hew-world-');
    const source = this.repoSource;
    const repo =
      source === null ? join(dir, 'work')
      : typeof source === 'string' ? fixtureRepo(source, dir)
      : repoOf(join(dir, 'repo'), source);
    if (source === null) mkdirSync(repo);
    if (this.homeAt !== undefined) {
      const at = this.homeAt;
      const home = { dir: at, state: join(at, '.local', 'state'), config: join(at, '.config'), env: { HOME: at } };
      return { dir, repo, home, baseEnv: home.env };
    }
    // HOME exists, as a user's does (a test may put a .gitconfig there); state and config are made by hew.
    const home = hewHome(join(dir, 'home'));
    mkdirSync(home.dir);
    return { dir, repo, home, baseEnv: home.env };
  }

  private userParts(as: As, base: string): Parts {
    if (this.homeAt !== undefined) throw new Error('hewWorld().asUser: the home of a user world is its own (no withHomeAt)');
    if (this.repoSource !== 'date-parser' && this.repoSource !== null) throw new Error('hewWorld().asUser: the repository is fixtures/date-parser or none');
    const world = this.repoSource === null ? emptyUserWorld(as, base, `world-${++userWorlds}`) : userWorld(as, base, `world-${++userWorlds}`);
    const env = userEnv(as, base, world.home);
    const state = env.XDG_STATE_HOME ?? '';
    const config = env.XDG_CONFIG_HOME ?? '';
    const home = { dir: world.home, state, config, env: { HOME: world.home, XDG_STATE_HOME: state, XDG_CONFIG_HOME: config } };
    return { dir: world.dir, repo: world.repo, home, baseEnv: env };
  }
}

/** A user world whose repo/ is an empty directory: the test makes the repository, then hands `dir` to nobody (`chownTree`). */
function emptyUserWorld(as: As, base: string, name: string): { dir: string; repo: string; home: string } {
  const dir = join(base, `${as}-${name}`);
  const repo = join(dir, 'repo');
  const home = join(dir, 'home');
  for (const d of [repo, home]) mkdirSync(d, { recursive: true });
  chmodSync(dir, 0o755);
  return { dir, repo, home };
}

interface Parts {
  dir: string;
  repo: string;
  home: HewHome;
  /** The environment before the key, the server and `withEnv` are added. */
  baseEnv: Record<string, string>;
}

class BuiltWorld implements World {
  readonly dir: string;
  readonly repo: string;
  readonly home: HewHome;
  server: ModelServer | undefined;
  private readonly baseEnv: Record<string, string>;
  private readonly extraEnv: Record<string, string | undefined>;
  private readonly timeoutMs: number | undefined;
  private readonly user: { as: As; base: string } | undefined;

  constructor(parts: Parts, extraEnv: Record<string, string | undefined>, timeoutMs: number | undefined, user: { as: As; base: string } | undefined) {
    this.dir = parts.dir;
    this.repo = parts.repo;
    this.home = parts.home;
    this.baseEnv = parts.baseEnv;
    this.extraEnv = extraEnv;
    this.timeoutMs = timeoutMs;
    this.user = user;
  }

  get env(): Record<string, string> {
    return withoutUndefined(this.rawEnv());
  }

  /** The environment with `undefined` kept, so that `runHew` removes those variables from its own. */
  private rawEnv(): Record<string, string | undefined> {
    return { ...this.baseEnv, OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: this.server?.url ?? NO_MODEL_URL, ...this.extraEnv };
  }

  get requests(): RecordedRequest[] {
    return this.server?.requests ?? [];
  }

  hew(args: string[], opts: WorldHewOptions = {}): Promise<HewResult> {
    const cwd = opts.cwd ?? this.repo;
    const timeoutMs = opts.timeoutMs ?? this.timeoutMs ?? (this.user ? 90_000 : 60_000);
    if (!this.user) return runHew(args, { ...opts, cwd, timeoutMs, env: { ...this.rawEnv(), ...opts.env } });
    if (opts.input !== undefined || opts.openStdin || opts.onStdout || opts.onStderr) {
      throw new Error('world.hew: a user world runs with stdin closed and reads the output at the end');
    }
    const env = withoutUndefined({ ...this.rawEnv(), ...opts.env });
    return runCliAs(this.user.as, this.user.base, args, cwd, env, { timeoutMs, onPid: opts.onSpawn });
  }

  async hewOk(args: string[], opts: WorldHewOptions = {}): Promise<HewResult> {
    const result = await this.hew(args, opts);
    expect(result.code, `hew ${args.join(' ')}: ${result.stderr}`).toBe(0);
    return result;
  }

  async serve(script: Script, opts: ModelServerOptions = {}): Promise<ModelServer> {
    await this.server?.close();
    this.server = await startModelServer(script, opts);
    return this.server;
  }

  async closeServer(): Promise<void> {
    await this.server?.close();
    this.server = undefined;
  }

  toolOutputs(): string[] {
    return toolOutputs(this.requests);
  }

  runDir(runId: string): string {
    return join(this.home.state, 'hew', 'runs', runId);
  }

  async cleanup(): Promise<void> {
    built.delete(this);
    await this.closeServer();
    try {
      rmSync(this.dir, { recursive: true, force: true, maxRetries: 3 });
    } catch {
      // a process of the test may still hold a file; the temp dir is left for the system to clean
    }
  }
}

function withoutUndefined(env: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined) out[k] = v;
  return out;
}
