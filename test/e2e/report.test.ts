// End to end: `hew report` through the built CLI refuses a file that is not a results file (exit 2, one
// line naming it) and still reports from files cut off mid-line, empty ones and exec streams.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../support/fixtures.ts';
import { closeWorlds, hewWorld } from '../support/world.ts';

afterEach(closeWorlds);

const line = {
  task: 'tasks/fix.md', title: 'Fix', run_id: '20260101-000000-abcd', status: 'completed', exit_code: 0, check: null,
  files_changed: [{ path: 'a.js', kind: 'update' }], total_usage: { input_tokens: 10, cached_input_tokens: 0, output_tokens: 5 }, duration_ms: 1200,
};

function files(contents: Record<string, string>): string {
  const dir = tempDir('hew-report-');
  for (const [name, text] of Object.entries(contents)) writeFileSync(join(dir, name), text);
  return dir;
}

/** `hew report NAMES` in `cwd`, from a fresh home with no provider set up. */
const report = async (names: string[], cwd: string) => (await hewWorld().withRepo(null).withoutOpenAI().build()).hew(['report', ...names], { cwd });

describe('hew report', () => {
  it('refuses a file with no results in it: exit 2, one line naming it, nothing on stdout', async () => {
    const good = JSON.stringify(line);
    const dir = files({ 'garbage.jsonl': 'hello\nworld\n', 'foreign.jsonl': '{"hello":1}\n', 'good.jsonl': `${good}\n` });
    for (const bad of ['garbage.jsonl', 'foreign.jsonl']) {
      const result = await report(['good.jsonl', bad], dir);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toMatch(new RegExp(`^hew: ${bad.replace('.', '\\.')}: not a results file: .*hew batch --json`));
    }
  });

  it('reports from a file cut off mid-line, an empty file (a shard with no tasks) and a cut-off exec stream', async () => {
    const good = JSON.stringify(line);
    const dir = files({
      'cut.jsonl': `${good}\n${good.slice(0, 40)}`,
      'empty.jsonl': '',
      'exec.jsonl': `${JSON.stringify({ type: 'thread.started', run_id: 'r', seq: 1 })}\n{"type":"turn.sta`,
    });
    const result = await report(['cut.jsonl', 'empty.jsonl', 'exec.jsonl'], dir);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('**1 task**: 1 passed, 0 failed, 0 interrupted');
    expect(result.stdout).toContain('| ✅ | tasks/fix.md | completed | 0 |');

    const none = await report(['empty.jsonl'], dir);
    expect(none.code).toBe(0);
    expect(none.stdout).toContain('_No results found._');
  });
});
