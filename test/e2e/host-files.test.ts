// End to end, through the built CLI and the scripted model server: a repository cannot bring a host
// file to the model. AGENTS.md (root, nested, override) committed as a link to a host file, an inbox
// task that is a link, a FIFO in the inbox, a project config that points watch_dir outside or is
// itself a FIFO or a link to /dev/zero, and a user config that is a link to /dev/zero: each is skipped
// with a warning or refused with one clear line — never read, never sent, never a hang.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { fixtureRepo, git, ROOT, tempDir } from '../support/fixtures.ts';
import type { HewHome } from '../support/hew-cli.ts';
import type { ModelServer, RecordedRequest, ScriptedTurn } from '../support/model-server.ts';
import { closeWorlds, hewWorld } from '../support/world.ts';

const children: ReturnType<typeof spawn>[] = [];
afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  await closeWorlds();
});

/** Where nothing listens (these runs fail before asking a model, or must not ask one). */
const DEAD_URL = 'http://127.0.0.1:9';

/** A host file outside any repository, holding a unique secret. */
function hostSecret(name: string): { path: string; secret: string } {
  const secret = `HOST-SECRET-${name}-${Math.random().toString(36).slice(2, 10)}`;
  const path = join(tempDir('hew-host-'), `${name}.txt`);
  writeFileSync(path, `${secret}\n`);
  return { path, secret };
}

/** Everything the run left in hew's state directory (events.jsonl, meta.json, logs), as one string. */
function stateText(home: HewHome): string {
  const runs = join(home.state, 'hew', 'runs');
  if (!existsSync(runs)) return '';
  let text = '';
  for (const id of readdirSync(runs)) {
    for (const file of readdirSync(join(runs, id), { withFileTypes: true })) {
      if (file.isFile()) text += readFileSync(join(runs, id, file.name), 'utf8');
    }
  }
  return text;
}

const allRequests = (s: ModelServer): string => s.requests.map((r: RecordedRequest) => JSON.stringify(r.body)).join('\n');

describe('a repository cannot bring a host file to the model', () => {
  it('skips AGENTS.md, a nested AGENTS.md and AGENTS.override.md committed as links to host files', async () => {
    const root = hostSecret('root');
    const nested = hostSecret('nested');
    const override = hostSecret('override');
    const world = await hewWorld().build();
    const { repo, home } = world;
    symlinkSync(root.path, join(repo, 'AGENTS.md'));
    mkdirSync(join(repo, 'src'), { recursive: true });
    symlinkSync(nested.path, join(repo, 'src', 'AGENTS.md'));
    mkdirSync(join(repo, 'test'), { recursive: true });
    symlinkSync(override.path, join(repo, 'test', 'AGENTS.override.md'));
    writeFileSync(join(repo, 'test', 'AGENTS.md'), 'TEST-RULES: the plain file beside a refused override is used.\n');
    // A link that stays inside the repository is followed.
    writeFileSync(join(repo, 'docs-agents.md'), 'INSIDE-RULES: kept.\n');
    mkdirSync(join(repo, 'lib'));
    symlinkSync('../docs-agents.md', join(repo, 'lib', 'AGENTS.md'));
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'instructions');
    const secrets = [root.secret, nested.secret, override.secret];

    for (const subdir of ['src', 'test', 'lib']) {
      // The model also asks for the file by name: read_file refuses the link out of the copy.
      const server = await world.serve([{ outputs: [{ tool: 'read_file', args: { path: 'AGENTS.md' } }] }, { outputs: [{ text: 'ok' }] }]);
      const result = await world.hew(['exec', '--json', '-C', join(repo, subdir), 'hello']);
      expect(result.code, result.stderr).toBe(0);
      expect(server.requests.length).toBe(2);
      const seen = [allRequests(server), result.stdout, result.stderr, stateText(home)].join('\n');
      for (const secret of secrets) expect(seen).not.toContain(secret);
      expect(result.stderr).toMatch(/warning: AGENTS\.md was skipped: it leads to .*root\.txt, outside the repository/);
      if (subdir === 'src') expect(result.stderr).toMatch(/warning: src\/AGENTS\.md was skipped: it leads to .*nested\.txt, outside the repository/);
      if (subdir === 'test') {
        expect(result.stderr).toMatch(/warning: test\/AGENTS\.override\.md was skipped: it leads to .*override\.txt, outside the repository/);
        expect(allRequests(server)).toContain('TEST-RULES');
      }
      if (subdir === 'lib') expect(allRequests(server)).toContain('INSIDE-RULES');
      await world.closeServer();
    }
  });

  it('hew watch skips an inbox task that is a link to a host file: never read, never sent, no result', async () => {
    const world = await hewWorld()
      .withScript((req) => ({ outputs: [{ text: `done: ${JSON.stringify(req.body).length}` }] }))
      .build();
    const { repo, home } = world;
    const server = world.server!;
    const host = hostSecret('task');
    const inbox = join(repo, '.hew', 'tasks');
    mkdirSync(inbox, { recursive: true });
    symlinkSync(host.path, join(inbox, 'steal.md'));
    writeFileSync(join(inbox, 'real.md'), 'Say hello.\n');
    const result = await world.hew(['watch', '--once']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/warning: \.hew\/tasks\/steal\.md was skipped, not read: it leads to .*task\.txt, outside the repository/);
    expect(existsSync(join(inbox, 'steal.result.json'))).toBe(false);
    expect(existsSync(join(inbox, 'real.result.json'))).toBe(true);
    expect(server.requests).toHaveLength(1);
    const seen = [allRequests(server), result.stdout, result.stderr, stateText(home), ...readdirSync(inbox).filter((f) => f.endsWith('.json')).map((f) => readFileSync(join(inbox, f), 'utf8'))].join('\n');
    expect(seen).not.toContain(host.secret);
  });

  it('a FIFO named task.md in the inbox never blocks hew watch: a later task runs and SIGTERM stops it promptly', async () => {
    const world = await hewWorld()
      .withScript(() => ({ outputs: [{ text: 'done' }] } satisfies ScriptedTurn))
      .build();
    const { repo } = world;
    const inbox = join(repo, '.hew', 'tasks');
    mkdirSync(inbox, { recursive: true });
    execFileSync('mkfifo', [join(inbox, 'task.md')]);
    const child = spawn(process.execPath, [join(ROOT, 'bin/hew'), 'watch'], {
      cwd: repo,
      env: { ...process.env, NO_COLOR: '1', ...world.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    const waitFor = async (test: () => boolean, what: string): Promise<void> => {
      for (const end = Date.now() + 60_000; !test(); await sleep(25)) {
        if (Date.now() > end || child.exitCode !== null) throw new Error(`${what} did not happen; stderr:\n${stderr}`);
      }
    };
    await waitFor(() => /watching \.hew\/tasks/.test(stderr), 'watching');
    await waitFor(() => /task\.md was skipped, not read: it is a FIFO, not a regular file/.test(stderr), 'the FIFO warning');
    writeFileSync(join(inbox, 'after.md'), 'Say hello after the FIFO.\n');
    await waitFor(() => existsSync(join(inbox, 'after.result.json')), 'after.result.json');
    expect(JSON.parse(readFileSync(join(inbox, 'after.result.json'), 'utf8'))).toMatchObject({ status: 'completed' });
    const sent = Date.now();
    child.kill('SIGTERM');
    // A watch that ignores SIGTERM would never exit: 60 s tells a hang from a slow, loaded machine.
    const code = await Promise.race([exited, sleep(60_000).then(() => 'hung' as const)]);
    expect(code).toBe(130);
    expect(Date.now() - sent).toBeLessThan(60_000);
    expect(existsSync(join(inbox, 'task.result.json'))).toBe(false);
  });

  it('refuses a project watch_dir outside the repository (absolute, "..", or through a link) and writes nothing there', async () => {
    // One home for every case; each case its own repository (`cwd`).
    const world = await hewWorld().withRepo(null).withEnv({ OPENAI_BASE_URL: DEAD_URL }).build();
    const outside = join(tempDir('hew-outside-'), 'inbox');
    const cases: [string, (repo: string) => void, RegExp][] = [
      ['absolute', (repo) => writeFileSync(join(repo, '.hew', 'config.toml'), `watch_dir = "${outside}"\n`), /config\.toml:1: watch_dir: ".*" is outside the repository/],
      ['..', (repo) => writeFileSync(join(repo, '.hew', 'config.toml'), 'watch_dir = "tasks/../../inbox"\n'), /config\.toml:1: watch_dir: "tasks\/\.\.\/\.\.\/inbox" is outside the repository/],
      [
        'a link',
        (repo) => {
          writeFileSync(join(repo, '.hew', 'config.toml'), 'watch_dir = "inbox"\n');
          symlinkSync(join(outside, '..'), join(repo, 'inbox'));
        },
        /watch_dir \("inbox", from .*config\.toml\): refused: it leads to .*, outside the repository/,
      ],
      ['the default .hew/tasks as a link', (repo) => symlinkSync(join(outside, '..'), join(repo, '.hew', 'tasks')), /the task directory \.hew\/tasks: refused: it leads to .*, outside the repository/],
    ];
    for (const [name, plant, message] of cases) {
      const repo = fixtureRepo('date-parser');
      mkdirSync(join(repo, '.hew'));
      plant(repo);
      const parent = join(outside, '..');
      writeFileSync(join(parent, 'planted.md'), 'A task planted outside the repository.\n');
      const result = await world.hew(['watch', '--once'], { cwd: repo });
      expect(result.code, `${name}: ${result.stderr}`).toBe(2);
      expect(result.stderr, name).toMatch(message);
      expect(result.stderr.trim().split('\n'), name).toHaveLength(1);
      expect(existsSync(outside), name).toBe(false);
      expect(readdirSync(parent), name).toEqual(['planted.md']);
    }
  });

  it('a config that is a FIFO or a link to /dev/zero is a clear error, at once, never a hang', async () => {
    const cases: [string, (repo: string, home: HewHome) => void, RegExp][] = [
      [
        'user config -> /dev/zero',
        (_repo, home) => {
          mkdirSync(join(home.config, 'hew'), { recursive: true });
          symlinkSync('/dev/zero', join(home.config, 'hew', 'config.toml'));
        },
        /config\.toml: cannot read: it is a character device, not a regular file/,
      ],
      [
        'user config FIFO',
        (_repo, home) => {
          mkdirSync(join(home.config, 'hew'), { recursive: true });
          execFileSync('mkfifo', [join(home.config, 'hew', 'config.toml')]);
        },
        /config\.toml: cannot read: it is a FIFO, not a regular file/,
      ],
      ['project config FIFO', (repo) => execFileSync('mkfifo', [join(repo, '.hew', 'config.toml')]), /\.hew\/config\.toml: refused: it is a FIFO, not a regular file; a project config must be a regular file inside the repository/],
      ['project config -> /dev/zero', (repo) => symlinkSync('/dev/zero', join(repo, '.hew', 'config.toml')), /\.hew\/config\.toml: refused: it leads to \/dev\/zero, outside the repository/],
    ];
    for (const [name, plant, message] of cases) {
      const world = await hewWorld().withEnv({ OPENAI_BASE_URL: DEAD_URL }).build();
      const { repo, home } = world;
      mkdirSync(join(repo, '.hew'));
      plant(repo, home);
      const started = Date.now();
      const result = await world.hew(['exec', 'hello'], { timeoutMs: 60_000 });
      expect(result.code, `${name}: ${result.stderr}`).toBe(2);
      expect(result.stderr, name).toMatch(message);
      expect(result.stderr.trim().split('\n'), name).toHaveLength(1);
      // Reading a FIFO or /dev/zero would block or never end: 60 s tells that from a loaded machine.
      expect(Date.now() - started, name).toBeLessThan(60_000);
    }
  });
});
