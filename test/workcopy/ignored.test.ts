// The rule for which ignored files a run wrote are listed (workcopy/ignored.ts): tables of paths that
// must and must not be listed, and the split of a copy's info/exclude into the user's part and hew's.
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ignoredFiles, leftOut, splitExclude } from '../../src/workcopy/ignored.ts';
import { git, tempDir } from '../support/fixtures.ts';

describe('leftOut', () => {
  it.each([
    ['.env', [], false],
    ['debug.log', [], false],
    ['dist/out.js', [], false],
    ['build/x.o', [], false],
    ['node_modules/x/index.js', [], true],
    ['node_modules/', [], true],
    ['pkg/node_modules/a.js', [], true],
    ['.venv/bin/python', [], true],
    ['src/__pycache__/m.pyc', [], true],
    ['target/debug/app', [], true],
    ['gen/out.txt', ['gen'], true],
    ['gen', ['gen'], true],
    ['general.txt', ['gen'], false],
  ] as [string, string[], boolean][])('%s (hew excluded %j) → left out: %s', (rel, hew, expected) => {
    expect(leftOut(rel, hew)).toBe(expected);
  });
});

describe('splitExclude', () => {
  it.each([
    ['', '', []],
    ['*.tmp\n', '*.tmp\n', []],
    ['*.tmp\n\n# hew: written by the run\'s setup command\n/gen\n/a\\*b\n', '*.tmp\n', ['gen', 'a*b']],
    ['\n# hew: dependency directories (private copies or read-only mounts)\n/node_modules/\n/web/vendor/\n', '', ['node_modules', 'web/vendor']],
  ] as [string, string, string[]][])('%j', (text, user, hew) => {
    expect(splitExclude(text)).toEqual({ user, hew });
  });
});

describe('ignoredFiles', () => {
  it("lists files the user's rules ignore, never hew's own exclusions or dependency folders", async () => {
    const root = tempDir('hew-ignored-');
    git(root, 'init', '-q', '-b', 'main');
    writeFileSync(join(root, '.gitignore'), '*.log\nout/\nnode_modules/\ngen/\n');
    mkdirSync(join(root, '.git', 'info'), { recursive: true });
    writeFileSync(join(root, '.git', 'info', 'exclude'), 'secret.txt\n');
    appendFileSync(join(root, '.git', 'info', 'exclude'), "\n# hew: written by the run's setup command\n/gen\n/setup.log\n");
    const files: [string, string][] = [
      ['a.log', 'x'],
      ['secret.txt', 'x'],
      ['setup.log', 'x'],
      ['out/one.js', 'x'],
      ['out/sub/two.js', 'x'],
      ['out/node_modules/dep.js', 'x'],
      ['node_modules/x/i.js', 'x'],
      ['gen/made.txt', 'x'],
      ['tracked.txt', 'x'],
    ];
    for (const [rel, text] of files) {
      mkdirSync(join(root, rel, '..'), { recursive: true });
      writeFileSync(join(root, rel), text);
    }
    expect(await ignoredFiles(root)).toEqual(['a.log', 'out/one.js', 'out/sub/two.js', 'secret.txt']);
  });

  it('names that are not UTF-8: listed losslessly, inside an ignored folder too, and hew\'s own exclusion of one holds', async () => {
    const root = tempDir('hew-ignored-names-');
    git(root, 'init', '-q', '-b', 'main');
    writeFileSync(join(root, '.gitignore'), '*.log\nout*/\n');
    const bytes = (rel: string): Buffer => Buffer.concat([Buffer.from(`${root}/`), Buffer.from(rel, 'latin1')]);
    mkdirSync(join(root, '.git', 'info'), { recursive: true });
    // setup wrote caf\xe8.log: hew's exclusion names it as bytes (setup-base.ts)
    writeFileSync(join(root, '.git', 'info', 'exclude'), Buffer.from("\n# hew: written by the run's setup command\n/caf\xe8.log\n", 'latin1'));
    mkdirSync(bytes('out\xe9'));
    for (const rel of ['caf\xe9.log', 'caf\xe8.log', 'out\xe9/x.js']) writeFileSync(bytes(rel), 'x');
    expect(await ignoredFiles(root)).toEqual(['caf\udce9.log', 'out\udce9/x.js']);
  });
});
