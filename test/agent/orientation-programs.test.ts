import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { linePrograms, recipePrograms, scriptPrograms } from '../../src/agent/orientation-programs.ts';
import { commandLine, dependencyLine, missingPrograms } from '../../src/agent/orientation-deps.ts';
import { tempDir } from '../support/fixtures.ts';

describe('the programs a suggested command runs', () => {
  it.each([
    ['tsc -p . && vitest run', ['tsc', 'vitest']],
    ['NODE_ENV=test jest --ci', ['jest']],
    ['npx tsc; pnpm exec eslint . | tee out', ['tsc', 'eslint', 'tee']],
    ['cd src && echo hi && true', []],
    ['$(PYTHON) -m mypy src', []],
    ['"quoted" x', []],
    ['./scripts/test.sh --fast', ['./scripts/test.sh']],
    ['env CI=1 node test.js', ['node']],
    ['', []],
  ])('%j runs %j', (line, programs) => {
    expect(linePrograms(line)).toEqual(programs);
  });

  it('follows `npm run X` into the script it names, to a bounded depth', () => {
    const scripts = { test: 'npm run build && node t.js', build: 'tsc', loop: 'npm run loop' };
    expect(scriptPrograms('test', scripts)).toEqual(['npm', 'tsc', 'node']);
    expect(scriptPrograms('loop', scripts)).toEqual(['npm']);
    expect(scriptPrograms('missing', scripts)).toEqual([]);
  });

  it('reads the recipes of the named Makefile targets only', () => {
    const makefile = 'PY=python\ncheck: lint\n\t@ruff check .\n\t-mypy src\n\t$(PY) -m stubtest\nlint:\n\tflake8\n\nbuild:\n\tcc -o x x.c\n';
    expect(recipePrograms(makefile, ['check'])).toEqual(['ruff', 'mypy']);
    expect(recipePrograms(makefile, ['check', 'lint'])).toEqual(['ruff', 'mypy', 'flake8']);
    expect(recipePrograms(makefile, [])).toEqual([]);
  });
});

describe('dependencies and missing programs', () => {
  it('names each toolchain the manifests show, installed or not, and the network', () => {
    const top = tempDir();
    writeFileSync(join(top, 'package.json'), '{}');
    writeFileSync(join(top, 'go.mod'), 'module x\n');
    writeFileSync(join(top, 'Gemfile'), '');
    mkdirSync(join(top, 'vendor', 'bundle'), { recursive: true });
    expect(dependencyLine(top, { dependencyRoots: [top], network: false })).toBe(
      'Dependencies (network off for your commands): node: not installed (no node_modules); go: installed (vendor); ruby: installed (vendor/bundle)',
    );
    const copy = tempDir();
    mkdirSync(join(copy, '.venv'));
    writeFileSync(join(copy, '.venv', 'pyvenv.cfg'), '');
    mkdirSync(join(copy, 'node_modules'));
    writeFileSync(join(top, 'pyproject.toml'), '');
    expect(dependencyLine(top, { dependencyRoots: [copy], network: true })).toBe(
      'Dependencies (network on for your commands): node: installed (node_modules); python: installed (.venv, not on PATH: use its bin/); go: no vendor/; ruby: not installed (no vendor/bundle)',
    );
    expect(dependencyLine(tempDir(), { dependencyRoots: [], network: false })).toBe('');
    // A package.json that declares no dependency needs nothing installed.
    const bare = tempDir();
    writeFileSync(join(bare, 'package.json'), '{"scripts":{"test":"node t.js"},"dependencies":{}}');
    const read = (name: string): string | null => (name === 'package.json' ? '{"scripts":{"test":"node t.js"},"dependencies":{}}' : null);
    expect(dependencyLine(bare, { dependencyRoots: [bare], network: false }, read)).toBe('');
    expect(dependencyLine(bare, { dependencyRoots: [bare], network: false }, () => '{"devDependencies":{"tsc":"1"}}')).toContain('node: not installed');
  });

  it('finds a program on PATH, in node_modules/.bin for a script, or as a file in the repository', () => {
    const top = tempDir();
    mkdirSync(join(top, 'node_modules', '.bin'), { recursive: true });
    writeFileSync(join(top, 'node_modules', '.bin', 'tsc'), '');
    writeFileSync(join(top, 'gradlew'), '');
    const facts = { dependencyRoots: [top], network: false, onPath: (n: string) => n === 'npm' || n === 'python' };
    expect(missingPrograms({ line: 'npm test', needs: ['npm', 'tsc', 'vitest'], nodeBin: true }, top, facts)).toEqual(['vitest']);
    expect(missingPrograms({ line: 'make', needs: ['make', 'tsc'] }, top, facts)).toEqual(['make', 'tsc']);
    expect(missingPrograms({ line: 'py', needs: ['python3|python'] }, top, facts)).toEqual([]);
    expect(missingPrograms({ line: 'gradle', needs: ['./gradlew', './mvnw'] }, top, facts)).toEqual(['./mvnw']);
    expect(commandLine({ line: 'cargo test', needs: ['cargo'] }, top, facts)).toBe('cargo test — cannot run here: cargo not found');
    // No PATH lookup given: nothing is judged.
    expect(commandLine({ line: 'cargo test', needs: ['cargo'] }, top, { dependencyRoots: [top], network: false })).toBe('cargo test');
  });
});
