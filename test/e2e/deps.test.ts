// End to end: a project whose tests need an installed, git-ignored dependency passes its tests in
// the working copy, offline, while the user's node_modules stays byte-for-byte unchanged.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixtureRepo, treeFingerprint } from '../support/fixtures.ts';
import { hewHome, runHew } from '../support/hew-cli.ts';
import { startModelServer } from '../support/model-server.ts';
import type { ModelServer } from '../support/model-server.ts';

let server: ModelServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('dependency directories in the working copy', () => {
  it('runs the tests against the user\'s node_modules, read-only', async () => {
    const repo = fixtureRepo('with-deps');
    expect(existsSync(join(repo, 'node_modules', 'tiny-math'))).toBe(true);
    const depsBefore = treeFingerprint(join(repo, 'node_modules'));
    const repoBefore = treeFingerprint(repo);
    server = await startModelServer([
      { outputs: [{ tool: 'shell', args: { command: 'npm test' } }] },
      { outputs: [{ tool: 'shell', args: { command: 'echo tampered > node_modules/tiny-math/index.js; echo rc=$?' } }] },
      { outputs: [{ text: 'Tests pass.' }] },
    ]);
    const home = hewHome();
    const result = await runHew(['exec', '--json', 'run the tests'], {
      cwd: repo,
      env: { ...home.env, OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: server.url },
    });
    expect(result.code).toBe(0);
    const outputs = server.requests.slice(1).map((r) => {
      const input = r.body.input as { type: string; output?: string }[];
      return input.filter((i) => i.type === 'function_call_output').at(-1)?.output ?? '';
    });
    expect(outputs[0]).toMatch(/Exit code: 0/);
    expect(outputs[0]).toContain('ok: tiny-math 1.2.3');
    expect(outputs[1]).toMatch(/Read-only file system/);
    expect(outputs[1]).toContain('rc=1');
    expect(treeFingerprint(join(repo, 'node_modules'))).toBe(depsBefore);
    expect(treeFingerprint(repo)).toBe(repoBefore);
    const done = result.events().at(-1);
    expect(done?.type === 'thread.completed' && done.files_changed).toEqual([]);
  });
});
