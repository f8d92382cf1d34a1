import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { orientation } from '../../src/agent/orientation.ts';
import { languageSummary, treeSummary } from '../../src/agent/orientation-tree.ts';
import { fixtureRepo, git, tempDir } from '../support/fixtures.ts';

describe('orientation', () => {
  it('describes the fixture: files, build and test commands, languages, branch and commits', async () => {
    const repo = fixtureRepo('date-parser');
    const text = await orientation({ top: repo, isGit: true });
    expect(text).toMatch(/^\d+ files tracked by git:/);
    expect(text).toContain('src/ (2 files)');
    expect(text).toContain('date.js');
    expect(text).toContain('npm test  (node test/date.test.js)');
    expect(text).toMatch(/Languages: JavaScript \d+%/);
    expect(text).toContain('Branch: main');
    expect(text).toMatch(/[0-9a-f]{7,} \d{4}-\d\d-\d\d initial/);
  });

  it('summarises large directories instead of listing them, within the budget', async () => {
    const repo = join(tempDir(), 'big');
    for (let d = 0; d < 5; d++) {
      mkdirSync(join(repo, `big${d}`), { recursive: true });
      for (let f = 0; f < 600; f++) writeFileSync(join(repo, `big${d}`, `f${f}.py`), '');
    }
    writeFileSync(join(repo, 'pyproject.toml'), '[tool.pytest.ini_options]\n');
    git(repo, 'init', '-q', '-b', 'trunk');
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'many');
    const text = await orientation({ top: repo, isGit: true, maxBytes: 1500 });
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(1500);
    expect(text).toContain('big0/ (600 files)');
    expect(text).not.toContain('f599.py');
    expect(text).toContain('pytest');
    expect(text).toContain('Branch: trunk');
  });

  it('works on a plain directory', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'go.mod'), 'module x\n');
    writeFileSync(join(dir, 'main.go'), 'package main\n');
    mkdirSync(join(dir, 'node_modules', 'x'), { recursive: true });
    writeFileSync(join(dir, 'node_modules', 'x', 'i.js'), '');
    const text = await orientation({ top: dir, isGit: false });
    expect(text).toMatch(/^2 files:/);
    expect(text).toContain('go test ./...');
    expect(text).not.toContain('node_modules');
  });

  it('tree and languages from a list', () => {
    expect(treeSummary(['a/b.ts', 'a/c.ts', 'd.md'], 1000)).toBe('  a/ (2 files)\n    b.ts\n    c.ts\n  d.md');
    expect(languageSummary(['a.ts', 'b.ts', 'c.py', 'x.unknown'])).toBe('TypeScript 67%, Python 33%');
  });
});
