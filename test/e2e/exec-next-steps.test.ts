// End to end: plain `hew exec` (human output) ends, on stderr, with the exact commands that review
// and take the run's work when it changed files; none when it changed nothing; with --apply the apply
// outcome instead. stdout stays the final message alone.
import { afterEach, describe, expect, it } from 'vitest';
import type { Script } from '../support/model-server.ts';
import { DATE_FIX_ANSWER, dateFixScript } from '../support/scripts.ts';
import { closeWorlds, hewWorld } from '../support/world.ts';

afterEach(closeWorlds);

/** `hew exec ARGS` (human output) in a fresh world whose model follows `script`. */
async function exec(args: string[], script: Script) {
  const world = await hewWorld().withScript(script).build();
  const result = await world.hew(['exec', ...args]);
  return { world, result };
}

describe('hew exec: next steps', () => {
  it('a run that changed files ends with its hew diff and hew apply lines, and they work', async () => {
    const { world, result } = await exec(['fix the date parser'], dateFixScript());
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${DATE_FIX_ANSWER}\n`);
    const tail = /run (\S+) · 1 file changed in its working copy, not yet in your tree\n {2}review: {2}hew diff (\S+)\n {2}apply: {3}hew apply (\S+)\n$/.exec(result.stderr);
    expect(tail, result.stderr).not.toBeNull();
    const [, id, diffId, applyId] = tail ?? [];
    expect(diffId).toBe(id);
    expect(applyId).toBe(id);
    // The printed commands are the real next steps.
    const diff = await world.hew(['diff', id ?? '']);
    expect(diff.code).toBe(0);
    expect(diff.stdout).toContain('src/date.js');
    const applied = await world.hew(['apply', applyId ?? '']);
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain('update src/date.js');
  });

  it('a run that changed nothing says so and offers no apply', async () => {
    const { result } = await exec(['what does this repo do?'], [{ outputs: [{ text: 'It parses dates.' }] }]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('It parses dates.\n');
    expect(result.stderr).toMatch(/run \S+ · no files changed\n$/);
    expect(result.stderr).not.toContain('hew apply');
  });

  it('--apply reports what it applied instead of the next steps', async () => {
    const { result } = await exec(['--apply', 'fix the date parser'], dateFixScript());
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${DATE_FIX_ANSWER}\n`);
    expect(result.stderr).toMatch(/hew: applied 1 file from run \S+:\n {2}update src\/date\.js\n$/);
    expect(result.stderr).not.toContain('hew apply');
  });
});
