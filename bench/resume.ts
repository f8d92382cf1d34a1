// Benchmark: hew's own time to resume a run of ~500 events — reading events.jsonl, replaying the
// conversation and opening the thread on the existing copy (no model time: the model is never asked).
// `node bench/resume.ts` prints the figure; bench/run.ts may import `measureResume`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ModelClient, ModelDelta } from '../src/model/types.ts';
import { RunStore } from '../src/runs/store.ts';
import { loadResume } from '../src/thread/resume.ts';
import { Thread } from '../src/thread/thread.ts';
import { createWorkingCopy } from '../src/workcopy/create.ts';
import { tempDir } from '../test/support/fixtures.ts';

const STEPS = 165;

/** A model that is never asked (resume only opens the thread). */
const idleModel: ModelClient = {
  provider: 'bench',
  model: 'bench-model',
  // eslint-disable-next-line require-yield
  async *stream(): AsyncIterable<ModelDelta> {
    throw new Error('not asked');
  },
};

/** Builds a run of ~500 events (165 update_plan steps) on a real copy; returns its store and id. */
async function buildRun(): Promise<{ store: RunStore; id: string; events: number }> {
  const base = tempDir('hew-bench-resume-');
  const src = join(base, 'project');
  mkdirSync(join(src, 'src'), { recursive: true });
  writeFileSync(join(src, 'src', 'index.js'), 'export const x = 1;\n');
  const store = new RunStore(join(base, 'state'), { env: {} });
  const run = store.create({ repo: src, kind: 'plain', title: 'bench', model: 'bench-model', provider: 'bench' });
  const copy = await createWorkingCopy(src, run.workDir);
  run.updateMeta({ base_snapshot: copy.baseSnapshot, status: 'completed', pid: undefined });
  const ts = (): string => new Date().toISOString();
  let seq = 0;
  run.appendRecord({ type: 'hew.session', instructions: 'You are hew.'.repeat(200), model: 'bench-model', provider: 'bench' });
  run.appendEvent({ type: 'turn.started', turn: 1, seq: ++seq, ts: ts() });
  run.appendRecord({ type: 'hew.items', items: [{ type: 'message', role: 'user', content: 'plan a lot' }], step: 0 });
  for (let step = 1; step <= STEPS; step++) {
    const plan = Array.from({ length: 6 }, (_, i) => ({ step: `step ${i} of the plan, with some words`, status: i < step % 6 ? 'completed' : 'pending' }));
    const args = JSON.stringify({ plan });
    run.appendRecord({ type: 'hew.items', items: [{ type: 'function_call', call_id: `call_${step}`, name: 'update_plan', arguments: args }], step });
    run.appendEvent({ type: 'item.completed', seq: ++seq, ts: ts(), item: { id: `item_${step}`, type: 'todo_list', items: plan.map((p) => ({ text: p.step, completed: p.status === 'completed' })) } } as never);
    run.appendRecord({ type: 'hew.items', items: [{ type: 'function_call_output', call_id: `call_${step}`, output: 'Plan updated.' }], step });
  }
  run.appendRecord({ type: 'hew.items', items: [{ type: 'message', role: 'assistant', content: 'Done.' }], step: STEPS + 1 });
  run.appendEvent({ type: 'turn.completed', turn: 1, seq: seq + 1, ts: ts(), usage: { input_tokens: 1, cached_input_tokens: 0, output_tokens: 1 }, total_usage: { input_tokens: 1, cached_input_tokens: 0, output_tokens: 1 } } as never);
  return { store, id: run.id, events: run.readLines().length };
}

export async function measureResume(): Promise<{ ms: number; events: number }> {
  const { store, id, events } = await buildRun();
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    const resume = loadResume(store.open(id), { lastStatus: 'completed', killed: false });
    const thread = new Thread({
      source: resume.meta.repo,
      title: resume.meta.title,
      model: idleModel,
      sandboxMode: 'danger-full-access',
      sandboxProbe: null,
      approval: 'never',
      network: false,
      store,
      sink: () => undefined,
      resume,
    });
    times.push(performance.now() - t0);
    if (thread.session.conversation.items.length !== 2 + 2 * STEPS) throw new Error('the conversation was not rebuilt');
    await thread.ready;
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)] as number, events };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { ms, events } = await measureResume();
  process.stdout.write(`resume: ${ms.toFixed(1)} ms for ${events} events (median of 5; target < 200 ms)\n`);
}
