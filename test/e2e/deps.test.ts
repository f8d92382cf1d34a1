// End to end: a project whose tests need installed, git-ignored dependencies passes its tests in the
// working copy, offline, inside bubblewrap — also when its tools write into their own installed
// package (pnpm's layout, a `.tsbuildinfo` next to the tool, as `vitest --typecheck` does) — while
// the user's node_modules stays byte-for-byte unchanged.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { chownTree, NOBODY, runCliAs, userEnv, type As } from '../support/as-user.ts';
import { fixtureRepo, git, treeFingerprint } from '../support/fixtures.ts';
import { hewHome, runHew } from '../support/hew-cli.ts';
import { startModelServer } from '../support/model-server.ts';
import type { ModelServer, RecordedRequest } from '../support/model-server.ts';

let server: ModelServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Outside /tmp (the sandbox's /tmp is its own) and readable by nobody. */
const base = mkdtempSync('/opt/hew-e2e-deps-');
chmodSync(base, 0o755);
afterAll(() => rmSync(base, { recursive: true, force: true }));

function outputs(requests: RecordedRequest[]): string[] {
  return requests.slice(1).map((r) => {
    const input = r.body.input as { type: string; output?: string }[];
    return input.filter((i) => i.type === 'function_call_output').at(-1)?.output ?? '';
  });
}

const TOOL = 'node_modules/.pnpm/typecheck-tool@1.0.0/node_modules/typecheck-tool';

/**
 * A project installed by pnpm: node_modules/typecheck-tool → .pnpm/typecheck-tool@1.0.0/…, with a bin
 * that, like `vitest run --typecheck`, writes its build info next to its own (real) file.
 */
function pnpmProject(repo: string): void {
  mkdirSync(join(repo, TOOL), { recursive: true });
  mkdirSync(join(repo, 'node_modules', '.bin'), { recursive: true });
  mkdirSync(join(repo, 'src'), { recursive: true });
  writeFileSync(join(repo, '.gitignore'), 'node_modules/\n');
  writeFileSync(join(repo, 'package.json'), JSON.stringify({ name: 'app', private: true, scripts: { test: 'typecheck-tool && node test.js' }, devDependencies: { 'typecheck-tool': '1.0.0' } }, null, 2));
  writeFileSync(join(repo, 'src', 'sum.js'), 'module.exports = (a, b) => a + b;\n');
  writeFileSync(join(repo, 'test.js'), "const assert = require('node:assert');\nassert.strictEqual(require('./src/sum.js')(2, 3), 5);\nconsole.log('tests ok');\n");
  writeFileSync(join(repo, TOOL, 'package.json'), JSON.stringify({ name: 'typecheck-tool', version: '1.0.0', bin: { 'typecheck-tool': 'bin.js' } }));
  writeFileSync(
    join(repo, TOOL, 'bin.js'),
    [
      '#!/usr/bin/env node',
      "const fs = require('node:fs');",
      "const path = require('node:path');",
      "const files = fs.readdirSync('src').sort();",
      "fs.writeFileSync(path.join(__dirname, 'tsconfig.tsbuildinfo'), JSON.stringify({ files }));",
      "console.log(`typecheck ok: ${files.length} file(s), build info in ${path.relative(process.cwd(), __dirname)}`);",
      '',
    ].join('\n'),
    { mode: 0o755 },
  );
  symlinkSync('.pnpm/typecheck-tool@1.0.0/node_modules/typecheck-tool', join(repo, 'node_modules', 'typecheck-tool'));
  symlinkSync('../typecheck-tool/bin.js', join(repo, 'node_modules', '.bin', 'typecheck-tool'));
  git(repo, 'init', '-q', '-b', 'main');
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', 'initial');
}

describe('dependency directories in the working copy', () => {
  it('runs the tests against a private copy of the user\'s node_modules', async () => {
    const repo = fixtureRepo('with-deps');
    expect(existsSync(join(repo, 'node_modules', 'tiny-math'))).toBe(true);
    const depsBefore = treeFingerprint(join(repo, 'node_modules'));
    const repoBefore = treeFingerprint(repo);
    server = await startModelServer([
      { outputs: [{ tool: 'shell', args: { command: 'npm test' } }] },
      { outputs: [{ tool: 'shell', args: { command: 'echo changed > node_modules/tiny-math/index.js; echo rc=$?; git status --porcelain' } }] },
      { outputs: [{ text: 'Tests pass.' }] },
    ]);
    const home = hewHome();
    const result = await runHew(['exec', '--json', 'run the tests'], {
      cwd: repo,
      env: { ...home.env, OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: server.url },
    });
    expect(result.code).toBe(0);
    const [test, write] = outputs(server.requests);
    expect(test).toMatch(/Exit code: 0/);
    expect(test).toContain('ok: tiny-math 1.2.3');
    // The write lands in the run's own copy: allowed, invisible to git, never in the user's tree.
    expect(write).toMatch(/rc=0\s*$/);
    expect(treeFingerprint(join(repo, 'node_modules'))).toBe(depsBefore);
    expect(treeFingerprint(repo)).toBe(repoBefore);
    const done = result.events().at(-1);
    expect(done?.type === 'thread.completed' && done.files_changed).toEqual([]);
  });

  it('with -s danger-full-access the copy has its own node_modules too', async () => {
    const repo = fixtureRepo('with-deps');
    const depsBefore = treeFingerprint(join(repo, 'node_modules'));
    server = await startModelServer([
      { outputs: [{ tool: 'shell', args: { command: 'npm test && touch node_modules/written-by-the-run' } }] },
      { outputs: [{ text: 'Tests pass.' }] },
    ]);
    const home = hewHome();
    const result = await runHew(['exec', '--json', '-s', 'danger-full-access', 'run the tests'], {
      cwd: repo,
      env: { ...home.env, OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: server.url },
    });
    expect(result.code).toBe(0);
    const [test] = outputs(server.requests);
    expect(test).toMatch(/Exit code: 0/);
    expect(test).toContain('ok: tiny-math 1.2.3');
    expect(treeFingerprint(join(repo, 'node_modules'))).toBe(depsBefore);
    const started = result.events()[0];
    const copy = started?.type === 'thread.started' ? started.working_copy : '';
    expect(existsSync(join(copy, 'node_modules', 'written-by-the-run'))).toBe(true);
  });

  describe.each(['root', 'nobody'] as const)('a tool that writes into its installed package (pnpm layout), as %s', (as: As) => {
    it('`npm test` passes as on the host and the user\'s node_modules gains nothing', async () => {
      const dir = join(base, as);
      const repo = join(dir, 'repo');
      const home = join(dir, 'home');
      for (const d of [repo, home]) mkdirSync(d, { recursive: true });
      chmodSync(dir, 0o755);
      pnpmProject(repo);
      if (as === 'nobody') chownTree(dir, NOBODY);
      const env = userEnv(as, base, home);

      // On the host, in a throwaway copy of the project and its node_modules, the project's own test passes.
      const host = join(base, `${as}-host`);
      expect(spawnSync('cp', ['-a', repo, host]).status).toBe(0);
      const onHost = spawnSync('npm', ['test'], { cwd: host, env: { ...process.env, PATH: `${join(process.execPath, '..')}:/usr/bin:/bin` }, encoding: 'utf8' });
      expect(onHost.status, onHost.stderr).toBe(0);
      expect(onHost.stdout).toContain('tests ok');

      const before = treeFingerprint(join(repo, 'node_modules'));
      server = await startModelServer([
        { outputs: [{ tool: 'shell', args: { command: 'npm test' } }] },
        { outputs: [{ text: 'The tests pass.' }] },
      ]);
      const result = await runCliAs(as, base, ['exec', '--json', 'run the tests'], repo, { ...env, OPENAI_BASE_URL: server.url }, { timeoutMs: 60_000 });
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      const [test] = outputs(server.requests);
      expect(test).toMatch(/Exit code: 0/);
      expect(test).toContain(`typecheck ok: 1 file(s), build info in ${TOOL}`);
      expect(test).toContain('tests ok');
      // The user's dependency directory is byte-identical: no build info, nothing else new.
      expect(treeFingerprint(join(repo, 'node_modules'))).toBe(before);
      expect(existsSync(join(repo, TOOL, 'tsconfig.tsbuildinfo'))).toBe(false);
      const events = result.stdout.trim().split('\n').map((l) => JSON.parse(l) as { type: string; working_copy?: string; files_changed?: unknown });
      const copy = events[0]?.working_copy ?? '';
      expect(existsSync(join(copy, TOOL, 'tsconfig.tsbuildinfo'))).toBe(true);
      expect(events.at(-1)).toMatchObject({ type: 'thread.completed', files_changed: [] });
    });
  });
});
