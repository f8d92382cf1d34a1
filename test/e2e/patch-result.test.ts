// End to end: the edit's result shows the edit. Through the built CLI and the scripted model, the
// date-parser fix's apply_patch result (what the next request carries back to the model) lists the
// file with its +/- counts and the resulting hunks; the `file_change` item in `--json` and in
// events.jsonl carries the same hunks as its bounded `diff`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dateFixScript } from '../support/scripts.ts';
import { toolOutput } from '../support/requests.ts';
import { closeWorlds, hewWorld } from '../support/world.ts';

afterEach(closeWorlds);

// The two hunks of DATE_FIX_PATCH as they land in fixtures/date-parser/src/date.js (2 lines of context).
const HUNKS = [
  '@@ -1,2 +1,4 @@',
  "+import { daysInMonth } from './days.js';",
  '+',
  ' // Parses an ISO calendar date (YYYY-MM-DD) into { year, month, day }, or returns null.',
  ' export function parseDate(text) {',
  '@@ -7,5 +9,5 @@',
  '   const day = Number(match[3]);',
  '   if (month < 1 || month > 12) return null;',
  '-  if (day < 1 || day > 31) return null;',
  '+  if (day < 1 || day > daysInMonth(year, month)) return null;',
  '   return { year, month, day };',
  ' }',
].join('\n');

describe('apply_patch shows the edit', () => {
  it('the model gets counts and hunks; file_change carries the diff in --json and events.jsonl', async () => {
    const world = await hewWorld().withScript(dateFixScript()).withEnv({ OPENAI_API_KEY: 'sk-test-key-123' }).build();
    const server = world.server!;
    const result = await world.hew(['exec', '--json', 'fix the date parser'], { timeoutMs: 60_000 });
    expect(result.code).toBe(0);

    // Request 3 follows the apply_patch call: its function_call_output is the tool's result.
    expect(server.requests[2]).toBeDefined();
    const output = toolOutput(server.requests[2]);
    expect(output).toBe(`Success. Updated the following files:\nM src/date.js (+3 -1)\n${HUNKS}\n`);

    const events = result.events();
    const change = events.flatMap((e) => (e.type === 'item.completed' && e.item.type === 'file_change' ? [e.item] : []));
    expect(change).toHaveLength(1);
    expect(change[0]!.changes).toEqual([{ path: 'src/date.js', kind: 'update', lines_added: 3, lines_removed: 1, diff: `${HUNKS}\n` }]);

    const started = events[0];
    if (started?.type !== 'thread.started') throw new Error('no thread.started');
    const saved = readFileSync(join(world.runDir(started.run_id), 'events.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; item?: { type: string; changes?: unknown } });
    const savedChange = saved.find((e) => e.type === 'item.completed' && e.item?.type === 'file_change');
    expect(savedChange?.item?.changes).toEqual(change[0]!.changes);
  });
});
