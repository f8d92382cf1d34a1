// End to end through the built CLI: compaction when the context window fills, exit 4 when it cannot
// help, the cost of a scripted usage, `--max-cost`, and the nudge for a repeated failing call.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { StampedEvent, ThreadCompleted } from '../../src/protocol/events.ts';
import { SUMMARY_INSTRUCTIONS, SUMMARY_MARKER } from '../../src/agent/compaction.ts';
import type { RecordedRequest, Script, ScriptedTurn } from '../support/model-server.ts';
import { toolOutput } from '../support/requests.ts';
import { closeWorlds, hewWorld, type World } from '../support/world.ts';

afterEach(closeWorlds);

/** A world whose model follows `script` and whose repository holds files of `lines` tagged lines each. */
function worldWith(script: Script, files: Record<string, [tag: string, lines: number]>): Promise<World> {
  const tree: Record<string, string> = {};
  for (const [name, [tag, lines]] of Object.entries(files)) {
    tree[name] = Array.from({ length: lines }, (_, i) => `${tag} line ${i} of ${name}`).join('\n') + '\n';
  }
  return hewWorld().withRepo(tree).withScript(script).build();
}

function completed(events: StampedEvent[]): ThreadCompleted {
  const last = events.at(-1);
  if (last?.type !== 'thread.completed') throw new Error('no thread.completed last');
  return last;
}

const isSummary = (r: RecordedRequest): boolean => r.body?.instructions === SUMMARY_INSTRUCTIONS;
const read = (path: string): ScriptedTurn => ({ outputs: [{ tool: 'read_file', args: { path } }] });
const inputText = (r: RecordedRequest): string => JSON.stringify(r.body?.input ?? []);

/** Agent steps from `steps` in order; summary requests get a fixed summary. */
function script(steps: ScriptedTurn[]) {
  let n = 0;
  return (req: RecordedRequest): ScriptedTurn =>
    isSummary(req) ? { outputs: [{ text: 'SUMMARY-E2E: read a.txt and b.txt.' }] } : (steps[n++] ?? { outputs: [{ text: 'out of script' }] });
}

const PRICES = ['-m', 'test-model', '-c', 'providers.openai.prices.test-model=[1.0,0.1,2.0]'];

describe('budgets and long runs', () => {
  it('compacts when the configured window fills, and the run finishes', async () => {
    const world = await worldWith(script([read('a.txt'), read('b.txt'), read('c.txt'), read('d.txt'), { outputs: [{ text: 'Read them all.' }] }]), { 'a.txt': ['OLD-A', 60], 'b.txt': ['OLD-B', 60], 'c.txt': ['NEW-C', 60], 'd.txt': ['NEW-D', 60] });
    const server = world.server!;
    const result = await world.hew(['exec', '--json', '-c', 'model_context_window=4000', 'read the four files TASK-E2E']);
    expect(result.code, result.stderr).toBe(0);
    expect(completed(result.events()).final_message).toBe('Read them all.');
    const at = server.requests.findIndex(isSummary);
    expect(at).toBeGreaterThan(0);
    expect(inputText(server.requests[at]!)).toContain('OLD-A');
    const after = inputText(server.requests[at + 1]!);
    expect(after).toContain(SUMMARY_MARKER);
    expect(after).toContain('SUMMARY-E2E');
    expect(after).toContain('TASK-E2E');
    expect(after).not.toContain('OLD-A line');
    const note = result.events().find((e) => e.type === 'item.completed' && e.item.type === 'reasoning' && e.item.text.startsWith('Compacted'));
    expect(note).toBeDefined();
  });

  it('exit 4 when compaction cannot make the conversation fit', async () => {
    const world = await worldWith(script([read('a.txt'), read('b.txt'), read('huge.txt'), { outputs: [{ text: 'never' }] }]), { 'a.txt': ['OLD-A', 60], 'b.txt': ['OLD-B', 60], 'huge.txt': ['HUGE', 1500] });
    const server = world.server!;
    const result = await world.hew(['exec', '--json', '-c', 'model_context_window=8000', 'read them']);
    expect(result.code).toBe(4);
    const done = completed(result.events());
    expect(done.status).toBe('budget_exceeded');
    const failed = result.events().find((e) => e.type === 'turn.failed');
    expect(failed?.type === 'turn.failed' && failed.error.message).toMatch(/could not be compacted further/);
    expect(server.requests.some(isSummary)).toBe(true);
  });

  it('prices a scripted usage: thread.completed, meta.json, the human summary and `hew runs`', async () => {
    const world = await worldWith(
      [
        { outputs: [{ tool: 'read_file', args: { path: 'a.txt' } }], usage: { input_tokens: 1000, cached_input_tokens: 400, output_tokens: 200 } },
        { outputs: [{ text: 'Done.' }], usage: { input_tokens: 1500, cached_input_tokens: 1000, output_tokens: 100 } },
      ],
      { 'a.txt': ['A', 3] },
    );
    const result = await world.hew(['exec', '--json', ...PRICES, 'read a']);
    expect(result.code, result.stderr).toBe(0);
    // (600·1 + 400·0.1 + 200·2 + 500·1 + 1000·0.1 + 100·2) / 1e6
    const expected = 0.00184;
    const done = completed(result.events());
    expect(done.total_cost_usd).toBeCloseTo(expected, 12);
    expect(done.total_usage).toMatchObject({ input_tokens: 2500, cached_input_tokens: 1400, output_tokens: 300 });

    const runs = await world.hew(['runs', '--json']);
    const listed = JSON.parse(runs.stdout.trim().split('\n')[0]!) as { total_cost_usd?: number; working_copy: string };
    expect(listed.total_cost_usd).toBeCloseTo(expected, 12);
    const table = await world.hew(['runs']);
    expect(table.stdout).toMatch(/^ID\s+STATUS\s+STARTED\s+FILES\s+COST\s+TITLE$/m);
    expect(table.stdout).toContain('$0.0018');
    const meta = JSON.parse(readFileSync(join(listed.working_copy, '..', 'meta.json'), 'utf8')) as { total_cost_usd?: number };
    expect(meta.total_cost_usd).toBeCloseTo(expected, 12);

    // Without --json, the summary line on stderr shows the cost; a model without a price shows none.
    await world.serve([{ outputs: [{ text: 'Hi.' }], usage: { input_tokens: 1000, output_tokens: 1000 } }]);
    const human = await world.hew(['exec', ...PRICES, 'hi']);
    expect(human.code).toBe(0);
    expect(human.stderr).toMatch(/1000 in \/ 1000 out tokens · \$0\.003$/m);
  });

  it('--max-cost stops before the next step once the cost is over it (exit 4); without a price it is a usage error', async () => {
    const step = { outputs: [{ tool: 'shell', args: { command: 'true' } }], usage: { input_tokens: 50_000, output_tokens: 25_000 } };
    const world = await worldWith(Array.from({ length: 10 }, () => step), { 'a.txt': ['A', 3] });
    const server = world.server!;
    const result = await world.hew(['exec', '--json', ...PRICES, '--max-cost', '0.25', 'spend']);
    expect(result.code).toBe(4);
    const done = completed(result.events());
    expect(done.status).toBe('budget_exceeded');
    expect(server.requests).toHaveLength(3); // $0.10 a step: over $0.25 after the third
    expect(done.total_cost_usd).toBeCloseTo(0.3, 10);
    const failed = result.events().find((e) => e.type === 'turn.failed');
    expect(failed?.type === 'turn.failed' && failed.error.message).toMatch(/--max-cost \$0\.25\) was exceeded: \$0\.30 spent/);

    const unpriced = await world.hew(['exec', '-m', 'unknown-model', '--max-cost', '1', 'x']);
    expect(unpriced.code).toBe(2);
    expect(unpriced.stderr).toMatch(/no price is known for the model "unknown-model"/);
  });

  it('nudges a model that repeats the same failing call, and the run goes on', async () => {
    const missing = read('nope/missing.txt');
    const world = await worldWith([missing, missing, missing, { outputs: [{ text: 'It does not exist.' }] }], { 'a.txt': ['A', 3] });
    const server = world.server!;
    const result = await world.hew(['exec', '--json', 'read nope/missing.txt']);
    expect(result.code, result.stderr).toBe(0);
    const [, second, third, fourth] = server.requests;
    expect(second).toBeDefined();
    expect(toolOutput(second)).not.toContain('[hew:');
    expect(toolOutput(third)).toContain('[hew: this exact call has now failed 2 times with the same result.');
    expect(toolOutput(fourth)).toContain('failed 3 times');
    expect(completed(result.events()).final_message).toBe('It does not exist.');
  });
});
