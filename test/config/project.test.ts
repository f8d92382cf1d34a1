// The project config (.hew/config.toml): allowed keys, refused keys with reasons, and its rank below
// the user's config file.
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.ts';
import { findProjectConfig, REFUSED_PROJECT_KEYS } from '../../src/config/project.ts';
import { git, tempDir } from '../support/fixtures.ts';
import { configErrorOf } from '../support/config-home.ts';

function world(user: string | null, project: string | null): { env: NodeJS.ProcessEnv; repo: string; projectFile: string } {
  const home = tempDir('hew-proj-home-');
  if (user !== null) {
    mkdirSync(join(home, 'hew'));
    writeFileSync(join(home, 'hew', 'config.toml'), user);
  }
  const repo = tempDir('hew-proj-repo-');
  git(repo, 'init', '-q');
  const projectFile = join(repo, '.hew', 'config.toml');
  if (project !== null) {
    mkdirSync(join(repo, '.hew'));
    writeFileSync(projectFile, project);
  }
  return { env: { XDG_CONFIG_HOME: home, HOME: home }, repo, projectFile };
}

describe('project config', () => {
  it('applies the allowed keys, below the user file and above the defaults', () => {
    const { env, repo, projectFile } = world(
      'model = "user-model"\n',
      'model = "project-model"\nproject_doc_max_bytes = 100\nmodel_context_window = 50000\ncompact_threshold = 0.5\nwatch_dir = "inbox"\nmax_turns = 12\n',
    );
    const config = loadConfig({ env, cwd: join(repo) });
    expect(config.projectFile).toBe(projectFile);
    expect(config.settings).toMatchObject({ model: 'user-model', project_doc_max_bytes: 100, model_context_window: 50000, compact_threshold: 0.5, watch_dir: 'inbox', max_turns: 12 });
    expect(config.sources.model).toBe('file');
    expect(config.sources.watch_dir).toBe('project');
    expect(loadConfig({ env, cwd: repo, overrides: ['max_turns=3'] }).sources.max_turns).toBe('-c');
  });

  it('is found from a subdirectory, but not above the repository root', () => {
    const { env, repo, projectFile } = world(null, 'max_turns = 2\n');
    mkdirSync(join(repo, 'src', 'deep'), { recursive: true });
    expect(findProjectConfig(join(repo, 'src', 'deep'))).toBe(projectFile);
    const inner = join(repo, 'nested');
    mkdirSync(inner);
    git(inner, 'init', '-q');
    expect(findProjectConfig(inner)).toBeNull();
    expect(loadConfig({ env }).projectFile).toBeNull(); // no cwd → no project config
  });

  it.each(Object.keys(REFUSED_PROJECT_KEYS))('refuses %s with its line and reason', (key) => {
    const value = key === 'network' ? 'true' : key === 'max_cost' ? '5' : key === 'providers' || key === 'mcp_servers' || key === 'hooks' || key === 'profiles' ? '{}' : '"x"';
    const { env, repo, projectFile } = world(null, `model = "m"\n${key} = ${value}\n`);
    const err = configErrorOf(() => loadConfig({ env, cwd: repo }));
    expect(err.message).toBe(`${projectFile}:2: ${key}: not allowed in a project config (${REFUSED_PROJECT_KEYS[key]}); set it in your own config.toml or with -c`);
  });

  it('refuses a table header like [mcp_servers.x] at its line', () => {
    const { env, repo, projectFile } = world(null, 'model = "m"\n\n[mcp_servers.fs]\ncommand = "rm"\n');
    expect(configErrorOf(() => loadConfig({ env, cwd: repo })).message).toMatch(new RegExp(`^${projectFile}:3: mcp_servers: not allowed in a project config \\(an MCP server starts a program`));
  });

  it('names an unknown or invalid key with the allowed ones', () => {
    const { env, repo, projectFile } = world(null, 'modle = "m"\n');
    expect(configErrorOf(() => loadConfig({ env, cwd: repo })).message).toBe(
      `${projectFile}:1: modle: unknown key; expected one of: model, model_reasoning_effort, project_doc_max_bytes, model_context_window, compact_threshold, watch_dir, max_turns, command_timeout_ms, env`,
    );
    const bad = world(null, '\nmax_turns = 0\n');
    expect(configErrorOf(() => loadConfig({ env: bad.env, cwd: bad.repo })).message).toBe(`${bad.projectFile}:2: max_turns: Too small: expected number to be >0`);
  });

  const watchDirs: [string, boolean][] = [
    ['inbox', true],
    ['.hew/tasks', true],
    ['a/../b', true],
    ['./x', true],
    ['/tmp/inbox', false],
    ['..', false],
    ['../inbox', false],
    ['tasks/../../inbox', false],
  ];
  it.each(watchDirs)('watch_dir = "%s" is allowed: %s', (dir, allowed) => {
    const { env, repo, projectFile } = world(null, `model = "m"\nwatch_dir = "${dir}"\n`);
    if (allowed) expect(loadConfig({ env, cwd: repo }).settings.watch_dir).toBe(dir);
    else expect(configErrorOf(() => loadConfig({ env, cwd: repo })).message).toBe(`${projectFile}:2: watch_dir: "${dir}" is outside the repository; a project config may only name a directory inside it (a relative path without "..")`);
  });

  it('refuses a project config that is a link out of the repository, a FIFO or a directory; follows a link inside', () => {
    const outside = world(null, null);
    mkdirSync(join(outside.repo, '.hew'));
    const host = join(tempDir('hew-proj-host-'), 'config.toml');
    writeFileSync(host, 'model = "host-model"\n');
    symlinkSync(host, outside.projectFile);
    expect(configErrorOf(() => loadConfig({ env: outside.env, cwd: outside.repo })).message).toMatch(/config\.toml: refused: it leads to .*host.*config\.toml, outside the repository/);

    const fifo = world(null, null);
    mkdirSync(join(fifo.repo, '.hew'));
    execFileSync('mkfifo', [fifo.projectFile]);
    expect(configErrorOf(() => loadConfig({ env: fifo.env, cwd: fifo.repo })).message).toBe(`${fifo.projectFile}: refused: it is a FIFO, not a regular file; a project config must be a regular file inside the repository`);

    const dir = world(null, null);
    mkdirSync(dir.projectFile, { recursive: true });
    expect(configErrorOf(() => loadConfig({ env: dir.env, cwd: dir.repo })).message).toMatch(/refused: it is a directory, not a regular file/);

    const inside = world(null, null);
    mkdirSync(join(inside.repo, '.hew'));
    writeFileSync(join(inside.repo, 'shared.toml'), 'model = "shared"\n');
    symlinkSync('../shared.toml', inside.projectFile);
    expect(loadConfig({ env: inside.env, cwd: inside.repo }).settings.model).toBe('shared');
  });
});

describe('project config [env]', () => {
  it('may add deny patterns (merged with the user file and -c), never allow ones', () => {
    const { env, repo } = world('[env]\ndeny = ["USER_*"]\nallow = ["PGPASSWORD"]\n', '[env]\ndeny = ["PROJECT_*"]\n');
    const config = loadConfig({ env, cwd: repo, overrides: ['env.deny=["CLI_*"]', 'env.allow=["TEST_DB_PASSWORD"]'] });
    expect(config.env).toEqual({ deny: ['PROJECT_*', 'USER_*', 'CLI_*'], allow: ['PGPASSWORD', 'TEST_DB_PASSWORD'] });
    const refused = world(null, '[env]\ndeny = ["A"]\nallow = ["PGPASSWORD"]\n');
    expect(configErrorOf(() => loadConfig({ env: refused.env, cwd: refused.repo })).message).toBe(
      `${refused.projectFile}:3: env.allow: not allowed in a project config (a repository may not let your secrets through to its commands); set it in your own config.toml or with -c`,
    );
  });

  it('checks patterns: names with *, nothing else, and no allow of everything', () => {
    const bad = world('[env]\ndeny = ["OK_*", "not ok"]\n', null);
    expect(configErrorOf(() => loadConfig({ env: bad.env, cwd: bad.repo })).message).toMatch(/config\.toml:2: env\.deny\.1: expected a variable name or a pattern with \*/);
    const all = world('[env]\nallow = ["**"]\n', null);
    expect(configErrorOf(() => loadConfig({ env: all.env, cwd: all.repo })).message).toMatch(/env\.allow\.0: a pattern of only \* would pass every secret/);
  });
});
