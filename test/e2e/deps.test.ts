// End to end: a project whose tests need installed, git-ignored dependencies passes its tests in the
// working copy, offline, inside bubblewrap — also when its tools write into their own installed
// package (pnpm's layout, a `.tsbuildinfo` next to the tool, as `vitest --typecheck` does) — while
// the user's node_modules stays byte-for-byte unchanged.
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { chownTree, NOBODY, userBase, type As } from '../support/as-user.ts';
import { git, treeFingerprint } from '../support/fixtures.ts';
import { closeWorlds, hewWorld } from '../support/world.ts';

afterEach(closeWorlds);

/** Outside /tmp (the sandbox's /tmp is its own) and readable by nobody. */
const base = userBase('hew-e2e-deps-');

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
    const world = await hewWorld()
      .withRepo('with-deps')
      .withScript([
        { outputs: [{ tool: 'shell', args: { command: 'npm test' } }] },
        { outputs: [{ tool: 'shell', args: { command: 'echo changed > node_modules/tiny-math/index.js; echo rc=$?; git status --porcelain' } }] },
        { outputs: [{ text: 'Tests pass.' }] },
      ])
      .build();
    const { repo } = world;
    expect(existsSync(join(repo, 'node_modules', 'tiny-math'))).toBe(true);
    const depsBefore = treeFingerprint(join(repo, 'node_modules'));
    const repoBefore = treeFingerprint(repo);
    const result = await world.hew(['exec', '--json', 'run the tests']);
    expect(result.code).toBe(0);
    const [test, write] = world.toolOutputs();
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
    const world = await hewWorld()
      .withRepo('with-deps')
      .withScript([
        { outputs: [{ tool: 'shell', args: { command: 'npm test && touch node_modules/written-by-the-run' } }] },
        { outputs: [{ text: 'Tests pass.' }] },
      ])
      .build();
    const { repo } = world;
    const depsBefore = treeFingerprint(join(repo, 'node_modules'));
    const result = await world.hew(['exec', '--json', '-s', 'danger-full-access', 'run the tests']);
    expect(result.code).toBe(0);
    const [test] = world.toolOutputs();
    expect(test).toMatch(/Exit code: 0/);
    expect(test).toContain('ok: tiny-math 1.2.3');
    expect(treeFingerprint(join(repo, 'node_modules'))).toBe(depsBefore);
    const started = result.events()[0];
    const copy = started?.type === 'thread.started' ? started.working_copy : '';
    expect(existsSync(join(copy, 'node_modules', 'written-by-the-run'))).toBe(true);
  });

  describe.each(['root', 'nobody'] as const)('a tool that writes into its installed package (pnpm layout), as %s', (as: As) => {
    it('`npm test` passes as on the host and the user\'s node_modules gains nothing', async () => {
      const world = await hewWorld().asUser(as, base).withRepo(null).build();
      const { dir, repo } = world;
      pnpmProject(repo);
      if (as === 'nobody') chownTree(dir, NOBODY);

      // On the host, in a throwaway copy of the project and its node_modules, the project's own test passes.
      const host = join(base, `${as}-host`);
      expect(spawnSync('cp', ['-a', repo, host]).status).toBe(0);
      const onHost = spawnSync('npm', ['test'], { cwd: host, env: { ...process.env, PATH: `${join(process.execPath, '..')}:/usr/bin:/bin` }, encoding: 'utf8' });
      expect(onHost.status, onHost.stderr).toBe(0);
      expect(onHost.stdout).toContain('tests ok');

      const before = treeFingerprint(join(repo, 'node_modules'));
      await world.serve([
        { outputs: [{ tool: 'shell', args: { command: 'npm test' } }] },
        { outputs: [{ text: 'The tests pass.' }] },
      ]);
      const result = await world.hew(['exec', '--json', 'run the tests'], { timeoutMs: 60_000 });
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      const [test] = world.toolOutputs();
      expect(test).toMatch(/Exit code: 0/);
      expect(test).toContain(`typecheck ok: 1 file(s), build info in ${TOOL}`);
      expect(test).toContain('tests ok');
      // The user's dependency directory is byte-identical: no build info, nothing else new.
      expect(treeFingerprint(join(repo, 'node_modules'))).toBe(before);
      expect(existsSync(join(repo, TOOL, 'tsconfig.tsbuildinfo'))).toBe(false);
      const events = result.events();
      const started = events[0];
      const copy = started?.type === 'thread.started' ? started.working_copy : '';
      expect(existsSync(join(copy, TOOL, 'tsconfig.tsbuildinfo'))).toBe(true);
      expect(events.at(-1)).toMatchObject({ type: 'thread.completed', files_changed: [] });
    });
  });
});
