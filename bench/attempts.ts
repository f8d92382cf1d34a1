// Benchmark: the overhead of best of N (`hew exec --attempts N`) over one run, with the scripted
// model answering at once: the date-parser fix task (read, patch, test, answer) and its check, for
// N = 1, 3 and 8 — wall time and the hew process's peak RSS. Each attempt gets the whole script in
// its own conversation (the server tells them apart by `prompt_cache_key`).
// `node bench/attempts.ts` prints the figures; bench/run.ts imports `measureAttempts`.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { fixtureRepo, ROOT, tempDir } from '../test/support/fixtures.ts';
import { startModelServer } from '../test/support/model-server.ts';
import type { RecordedRequest, ScriptedTurn } from '../test/support/model-server.ts';
import { dateFixScript } from '../test/support/scripts.ts';
import { median, runCli } from './measure.ts';

export interface AttemptsFigure {
  attempts: number;
  wallMs: number;
  peakRss: number;
}

/** The fix script for every attempt: each `prompt_cache_key` walks its own copy of it. */
function perAttemptScript(): (req: RecordedRequest) => ScriptedTurn {
  const steps = new Map<string, number>();
  return (req) => {
    const key = String(req.body?.prompt_cache_key);
    const n = steps.get(key) ?? 0;
    steps.set(key, n + 1);
    const turns = dateFixScript();
    return turns[n] ?? (turns.at(-1) as ScriptedTurn);
  };
}

/** Median wall time and largest peak RSS of `runs` runs of the fix task with N attempts, for each N. */
export async function measureAttempts(counts: readonly number[], runs: number): Promise<AttemptsFigure[]> {
  const home = tempDir('hew-bench-attempts-');
  const env = { XDG_STATE_HOME: join(home, 'state'), XDG_CONFIG_HOME: join(home, 'config'), HOME: home, NO_COLOR: '1', OPENAI_API_KEY: 'sk-bench' };
  const task = join(tempDir('hew-bench-task-'), 'fix.md');
  writeFileSync(task, '---\ncheck: node test/date.test.js\n---\nFix the date parser.\n');
  const figures: AttemptsFigure[] = [];
  for (const n of counts) {
    const wall: number[] = [];
    let peak = 0;
    for (let i = 0; i < runs; i++) {
      const server = await startModelServer(perAttemptScript());
      const repo = fixtureRepo('date-parser');
      const result = await runCli(['exec', '--ephemeral', '--attempts', String(n), '--task', task], repo, { ...env, OPENAI_BASE_URL: server.url });
      await server.close();
      if (result.code !== 0) throw new Error(`--attempts ${n} failed (exit ${result.code}):\n${result.stderr}`);
      wall.push(result.wallMs);
      peak = Math.max(peak, result.peakRss);
    }
    figures.push({ attempts: n, wallMs: median(wall), peakRss: peak });
  }
  return figures;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
  const runs = Number(process.env.BENCH_RUNS ?? 5);
  for (const f of await measureAttempts([1, 3, 8], runs)) {
    console.log(`--attempts ${f.attempts}: ${f.wallMs.toFixed(0)} ms (median of ${runs}), peak RSS ${(f.peakRss / 1024 / 1024).toFixed(1)} MB`);
  }
}
