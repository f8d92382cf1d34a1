// The floors of docs/architecture.md as lint enforces them: each row is an import written in a file
// of some folder, and whether `npm run lint` lets it through. Then the folder-cycle check, on small
// trees of its own.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ESLint, type Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
// eslint.config.js is plain JavaScript outside the typed project: imported by a computed path, as data.
const configFile = path.join(root, 'eslint.config.js');
const { floors, unplacedIn } = (await import(configFile)) as { floors: Linter.Config[]; unplacedIn: (dir: string) => string[] };
const eslint = new ESLint({ cwd: root, overrideConfigFile: true, baseConfig: [tseslint.configs.base, ...floors] });

async function verdict(file: string, spec: string): Promise<'allowed' | 'forbidden'> {
  const code = `import type { X } from '${spec}';\nexport type Y = X;\n`;
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  const hits = (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports');
  return hits.length === 0 ? 'allowed' : 'forbidden';
}

const rows: [file: string, spec: string, expected: 'allowed' | 'forbidden'][] = [
  ['src/protocol/events.ts', './usage.ts', 'allowed'],
  ['src/protocol/events.ts', '../model/usage.ts', 'forbidden'],
  ['src/protocol/events.ts', 'zod', 'forbidden'],
  ['src/format/cost.ts', '../protocol/usage.ts', 'allowed'],
  ['src/format/cost.ts', '../runs/store.ts', 'forbidden'],
  ['src/errors/usage-error.ts', '../protocol/exit-codes.ts', 'allowed'],
  ['src/errors/usage-error.ts', '../cli/main.ts', 'forbidden'],
  ['src/model/client.ts', '../protocol/events.ts', 'allowed'],
  ['src/model/client.ts', '../secrets/redact.ts', 'allowed'],
  ['src/model/client.ts', '../agent/session.ts', 'forbidden'],
  ['src/model/client.ts', '../thread/thread.ts', 'forbidden'],
  ['src/workcopy/create.ts', '../sandbox/types.ts', 'allowed'],
  ['src/workcopy/create.ts', '../interactive/controller.ts', 'forbidden'],
  ['src/workcopy/create.ts', '../cli/run-ref.ts', 'forbidden'],
  ['src/runs/lifecycle.ts', '../errors/usage-error.ts', 'allowed'],
  ['src/runs/lifecycle.ts', '../ui/render.ts', 'forbidden'],
  ['src/agent/session.ts', '../tools/registry.ts', 'allowed'],
  ['src/agent/session.ts', '../thread/thread.ts', 'forbidden'],
  ['src/thread/thread.ts', '../agent/session.ts', 'allowed'],
  ['src/thread/thread.ts', '../interactive/controller.ts', 'forbidden'],
  ['src/interactive/commands.ts', '../thread/thread.ts', 'allowed'],
  ['src/interactive/commands.ts', '../runs/lifecycle.ts', 'allowed'],
  ['src/interactive/commands.ts', '../cli/run-ref.ts', 'forbidden'],
  ['src/interactive/commands.ts', '../ui/render.ts', 'forbidden'],
  ['src/ui/state/reduce.ts', '../../protocol/events.ts', 'allowed'],
  ['src/ui/state/reduce.ts', '../../format/safe-text.ts', 'allowed'],
  ['src/ui/state/reduce.ts', './types.ts', 'allowed'],
  ['src/ui/state/reduce.ts', '../components/header.tsx', 'allowed'],
  ['src/ui/state/reduce.ts', 'ink', 'allowed'],
  ['src/ui/state/reduce.ts', '../../interactive/controller.ts', 'forbidden'],
  ['src/ui/state/reduce.ts', '../../approvals/types.ts', 'forbidden'],
  ['src/ui/state/reduce.ts', '../../model/prices.ts', 'forbidden'],
  ['src/ui/app.tsx', '../protocol/interactive.ts', 'allowed'],
  ['src/ui/app.tsx', '../cli/main.ts', 'forbidden'],
  ['src/tasks/batch.ts', '../thread/run-thread.ts', 'allowed'],
  ['src/tasks/batch.ts', '../ui/render.ts', 'forbidden'],
  ['src/cli/interactive.ts', '../ui/render.ts', 'allowed'],
  // A floor is matched on the path as written: a path spelt the long way round must not step over it.
  ['src/model/client.ts', '../format/../cli/main.ts', 'forbidden'],
  ['src/model/client.ts', './../agent/session.ts', 'forbidden'],
  ['src/protocol/events.ts', './../agent/session.ts', 'forbidden'],
  ['src/format/cost.ts', './../cli/main.ts', 'forbidden'],
  ['src/ui/app.tsx', '../protocol/../interactive/controller.ts', 'forbidden'],
  ['src/ui/state/reduce.ts', '../../../src/cli/main.ts', 'forbidden'],
  ['src/cli/main.ts', '../ui/./render.ts', 'forbidden'],
  ['src/cli/main.ts', '../../package.json', 'allowed'],
  ['src/ui/state/reduce.ts', '../../format/safe-text.ts', 'allowed'],
  // Only ui/ imports the TUI's toolkit.
  ['src/thread/thread.ts', 'react', 'forbidden'],
  ['src/model/client.ts', 'ink', 'forbidden'],
  ['src/cli/interactive.ts', 'ink', 'forbidden'],
  ['src/ui/app.tsx', 'react', 'allowed'],
  ['src/cli/exec.ts', 'commander', 'allowed'],
  // acp/ is a front: the core below it, no other front; only it imports the ACP SDK.
  ['src/acp/server.ts', '../interactive/controller.ts', 'allowed'],
  ['src/acp/server.ts', '../protocol/events.ts', 'allowed'],
  ['src/acp/server.ts', '../cli/main.ts', 'forbidden'],
  ['src/acp/server.ts', '../ui/render.ts', 'forbidden'],
  ['src/acp/server.ts', '@agentclientprotocol/sdk', 'allowed'],
  ['src/cli/acp.ts', '../acp/server.ts', 'allowed'],
  ['src/cli/acp.ts', '@agentclientprotocol/sdk', 'forbidden'],
  ['src/interactive/controller.ts', '@agentclientprotocol/sdk', 'forbidden'],
  ['src/interactive/controller.ts', '../acp/server.ts', 'forbidden'],
];

describe('the floors in eslint.config.js', () => {
  it.each(rows)('%s importing %s is %s', async (file, spec, expected) => {
    expect(await verdict(file, spec)).toBe(expected);
  });

  it('names the floor that was crossed', async () => {
    const [result] = await eslint.lintText(`import type { S } from '../agent/session.ts';\nexport type T = S;\n`, { filePath: path.join(root, 'src/model/client.ts') });
    expect(result?.messages.map((m) => m.message).join('\n')).toContain('model/ must not import a floor above it');
  });
});

describe('a folder on no floor', () => {
  it('is named, and so is a file directly in src/: lint fails until they are placed', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'hew-floors-'));
    try {
      for (const d of ['cli', 'protocol', 'telemetry/deep', 'leftover']) mkdirSync(path.join(dir, d), { recursive: true });
      writeFileSync(path.join(dir, 'telemetry/deep/send.ts'), '');
      writeFileSync(path.join(dir, 'index.ts'), '');
      // `leftover/` is empty (a folder git left behind after a move): it holds no code, so it is not named
      expect(unplacedIn(dir).sort()).toEqual(['src/index.ts', 'src/telemetry/']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('none in this tree', () => {
    expect(unplacedIn(path.join(root, 'src'))).toEqual([]);
  });
});

describe('scripts/folder-cycles.mjs', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  function tree(files: Record<string, string>): string {
    const dir = mkdtempSync(path.join(tmpdir(), 'hew-cycles-'));
    dirs.push(dir);
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      writeFileSync(path.join(dir, name), text);
    }
    return dir;
  }

  function check(dir: string): { code: number; out: string } {
    try {
      return { code: 0, out: execFileSync(process.execPath, [path.join(root, 'scripts/folder-cycles.mjs'), dir], { encoding: 'utf8', stdio: 'pipe' }) };
    } catch (err) {
      const e = err as { status: number; stderr: string };
      return { code: e.status, out: e.stderr };
    }
  }

  it('passes folders that import one way', () => {
    const dir = tree({ 'a/x.ts': "import type { Y } from '../b/y.ts';\nexport type X = Y;\n", 'b/y.ts': 'export type Y = 1;\n' });
    expect(check(dir).code).toBe(0);
  });

  it.each([
    ['a type-only loop of two', { 'a/x.ts': "import type { Y } from '../b/y.ts';\nexport type X = Y;\n", 'b/y.ts': "import type { X } from '../a/x.ts';\nexport type Y = X;\n" }],
    ['a loop of three', { 'a/x.ts': "import { y } from '../b/y.ts';\nexport const x = y;\n", 'b/y.ts': "export { z as y } from '../c/z.ts';\n", 'c/z.ts': "import { x } from '../a/x.ts';\nexport const z = x;\n" }],
    ['a loop through a dynamic import', { 'a/x.ts': "export const x = () => import('../b/y.ts');\n", 'b/deep/y.ts': "import { x } from '../../a/x.ts';\nexport const y = x;\n", 'b/y.ts': "export * from './deep/y.ts';\n" }],
  ])('fails %s and names its folders', (_name, files) => {
    const { code, out } = check(tree(files));
    expect(code).toBe(1);
    expect(out).toMatch(/import one another in a loop: a, b/);
  });

  // ESLint sees static imports only: a lazy import() up a floor, with no loop, is this script's to catch.
  it.each([
    ['model/ loading cli/ fails', { 'model/x.ts': "export const x = () => import('../cli/y.ts');\n", 'cli/y.ts': 'export const y = 1;\n' }, 1],
    ['agent/ loading ui/ fails', { 'agent/x.ts': "export const x = () => import('../ui/y.ts');\n", 'ui/y.ts': 'export const y = 1;\n' }, 1],
    ['ui/ loading interactive/ fails', { 'ui/x.ts': "export const x = () => import('../interactive/y.ts');\n", 'interactive/y.ts': 'export const y = 1;\n' }, 1],
    ['cli/ loading ui/ (the lazy TUI) passes', { 'cli/x.ts': "export const x = () => import('../ui/y.ts');\n", 'ui/y.ts': 'export const y = 1;\n' }, 0],
    ['thread/ loading agent/ passes', { 'thread/x.ts': "export const x = () => import('../agent/y.ts');\n", 'agent/y.ts': 'export const y = 1;\n' }, 0],
  ] as const)('a dynamic import: %s', (_name, files, expected) => {
    const { code, out } = check(tree(files));
    expect(code).toBe(expected);
    if (expected === 1) expect(out).toMatch(/a dynamic import crosses a floor/);
  });
});
