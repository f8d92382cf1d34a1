// End to end: bin/hew on a Node older than package.json's engines says, in one line, which Node is
// needed, which was found and how to get Node 24, exits 2, and loads nothing of the bundle.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../support/fixtures.ts';

/** A Node binary on this machine older than 22 (the distribution's default node, often 20), if any. */
function oldNode(): string | undefined {
  for (const candidate of ['/usr/bin/node', '/usr/local/bin/node', '/bin/node', '/usr/bin/nodejs']) {
    if (!existsSync(candidate)) continue;
    const version = spawnSync(candidate, ['-p', 'process.versions.node'], { encoding: 'utf8' }).stdout.trim();
    if (Number(version.split('.')[0]) < 22) return candidate;
  }
  return undefined;
}

const OLD_NODE = oldNode();
const ENGINES = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node;

describe('hew on an old Node', () => {
  it("bin/hew's minimum is package.json's engines", () => {
    const min = /var MIN_NODE_MAJOR = (\d+);/.exec(readFileSync(join(ROOT, 'bin/hew'), 'utf8'))?.[1];
    expect(`>=${min}`).toBe(ENGINES);
  });

  it.skipIf(!OLD_NODE)(`names the Node needed, the one found and how to get it; exit 2 (old Node: ${OLD_NODE ?? 'none on this machine, skipped'})`, () => {
    const node = OLD_NODE!;
    const found = spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim();
    const env = { ...process.env, PATH: `${dirname(node)}:${process.env.PATH ?? ''}`, NO_COLOR: '1' };
    // Both ways a user starts it: `node bin/hew` and bin/hew through its #!/usr/bin/env node line.
    for (const argv of [[node, join(ROOT, 'bin/hew'), 'exec', 'hi'], [join(ROOT, 'bin/hew'), 'exec', 'hi']]) {
      const result = spawnSync(argv[0]!, argv.slice(1), { cwd: tempDir(), env, encoding: 'utf8', timeout: 30_000 });
      expect(result.status).toBe(2);
      expect(result.stdout).toBe('');
      const lines = result.stderr.split('\n').filter(Boolean);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain('needs Node.js >= 22');
      expect(lines[0]).toContain(`found ${found}`);
      expect(lines[0]).toMatch(/npm install --prefix ~\/\.local\/hew-node node-\w+-\w+@24/);
      expect(lines[0]).not.toMatch(/TypeError|at /);
    }
  });

  it('a checkout never built says to run `npm run build` in one line, exit 2, no stack trace', () => {
    const checkout = tempDir('hew-unbuilt-');
    mkdirSync(join(checkout, 'bin'));
    copyFileSync(join(ROOT, 'bin/hew'), join(checkout, 'bin/hew'));
    copyFileSync(join(ROOT, 'package.json'), join(checkout, 'package.json'));
    const result = spawnSync(process.execPath, [join(checkout, 'bin/hew'), '--version'], { encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`hew: the built CLI is missing (${checkout}/dist/cli.js); run \`npm run build\` in ${checkout}\n`);
  });
});
