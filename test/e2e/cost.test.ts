// End to end through the built CLI: the default model has a price, so the README's
// `hew exec --max-cost 0.50 …` works; one cost format in exec's summary, `hew runs`, `hew report` and
// batch lines; a local server costs nothing; an unknown price says "cost unknown" and how to set one, once.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { StampedEvent, ThreadCompleted } from '../../src/protocol/events.ts';
import { git, tempDir } from '../support/fixtures.ts';
import type { ScriptedTurn } from '../support/model-server.ts';
import { writeUserConfig } from '../support/hew-cli.ts';
import { closeWorlds, hewWorld } from '../support/world.ts';

afterEach(closeWorlds);

/** A world whose repository holds one committed file and whose model answers ANSWER every time. */
function costWorld() {
  return hewWorld().withRepo({ 'a.txt': 'a\n' }).withScript(answers);
}

function completed(events: StampedEvent[]): ThreadCompleted {
  const last = events.at(-1);
  if (last?.type !== 'thread.completed') throw new Error('no thread.completed last');
  return last;
}

// At gpt-5.5's $5 / $0.50 cached / $30 per million: (1000·5 + 100·30) / 1e6 = $0.008.
const ANSWER: ScriptedTurn = { outputs: [{ text: 'Done.' }], usage: { input_tokens: 1000, cached_input_tokens: 0, output_tokens: 100 } };
const answers = (): ScriptedTurn => ANSWER;

describe('cost', () => {
  it('the default model has a price: --max-cost 0.50 runs, and exec, hew runs and hew report write the cost the same way', async () => {
    const world = await costWorld().build();

    const json = await world.hew(['exec', '--json', '--max-cost', '0.50', 'say done'], { timeoutMs: 60_000 });
    expect(json.code, json.stderr).toBe(0);
    expect(completed(json.events()).total_cost_usd).toBeCloseTo(0.008, 12);

    const human = await world.hew(['exec', '--max-cost', '0.50', 'say done'], { timeoutMs: 60_000 });
    expect(human.code, human.stderr).toBe(0);
    expect(human.stderr).toMatch(/1000 in \/ 100 out tokens · \$0\.008$/m);
    expect(human.stderr).not.toMatch(/cost unknown/);

    const runs = await world.hew(['runs']);
    expect(runs.stdout).toMatch(/ \$0\.008 /);

    const results = join(tempDir('hew-cost-report-'), 'events.jsonl');
    writeFileSync(results, json.stdout);
    const report = await world.hew(['report', results]);
    expect(report.code, report.stderr).toBe(0);
    expect(report.stdout).toContain('- cost: $0.008\n');
  });

  it('a batch line carries the same cost', async () => {
    const world = await costWorld().build();
    const dir = world.repo;
    mkdirSync(join(dir, 'tasks'));
    writeFileSync(join(dir, 'tasks', 'one.md'), '---\ntitle: One\n---\nSay done.\n');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'tasks');
    const batch = await world.hew(['batch', 'tasks/one.md'], { timeoutMs: 90_000 });
    expect(batch.code, batch.stderr).toBe(0);
    expect(batch.stderr).toMatch(/tasks\/one\.md .* · \$0\.008 · run /);
  });

  it('a local server (ollama) costs nothing: $0.00, and --max-cost is enforced', async () => {
    const world = await costWorld().withoutOpenAI().build();
    const env = { OLLAMA_BASE_URL: world.server!.url };
    const result = await world.hew(['exec', '--provider', 'ollama', '-m', 'qwen3-coder:30b', '--max-cost', '0.50', 'say done'], { env, timeoutMs: 60_000 });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/1000 in \/ 100 out tokens · \$0\.00$/m);
  });

  it('an unknown price: "cost unknown" and, once, the config that sets it; --max-cost refuses in one line (exit 2)', async () => {
    const world = await costWorld().build();
    const { home } = world;
    const result = await world.hew(['exec', '-m', 'house-model', 'say done'], { timeoutMs: 60_000 });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/1000 in \/ 100 out tokens · cost unknown$/m);
    const hints = result.stderr.split('\n').filter((l) => l.includes('[providers.openai.prices] "house-model" = [input, cached_input, output]'));
    expect(hints).toHaveLength(1);

    const refused = await world.hew(['exec', '-m', 'house-model', '--max-cost', '0.50', 'say done']);
    expect(refused.code).toBe(2);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(refused.stderr).toContain('--max-cost: no price is known for the model "house-model"; set one in your config.toml: [providers.openai.prices] "house-model"');

    // The price set as the hint says makes the cost known.
    writeUserConfig(home, '[providers.openai.prices]\n"house-model" = [10.0, 1.0, 20.0]\n');
    const priced = await world.hew(['exec', '-m', 'house-model', '--max-cost', '0.50', 'say done'], { timeoutMs: 60_000 });
    expect(priced.code, priced.stderr).toBe(0);
    expect(priced.stderr).toMatch(/ · \$0\.012$/m); // (1000·10 + 100·20) / 1e6
  });
});
