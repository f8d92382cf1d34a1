// The demo's in-process scripted model: streams each step (text in pieces, then tool calls, then the
// output to keep), answers beyond the script with the fallback, and stops at once when aborted. And
// the demo's script fits the bundled sample: its patch applies and the sample's tests then pass.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledSampleDir, prepareSample } from '../../src/demo/sample.ts';
import { DEMO_PATCH, DEMO_TEST_COMMAND, demoScript } from '../../src/demo/script.ts';
import { createScriptedModel, streamPieces } from '../../src/demo/scripted-model.ts';
import type { ModelDelta, ModelRequest } from '../../src/model/types.ts';
import { ModelError } from '../../src/model/types.ts';
import { applyPatch } from '../../src/patch/index.ts';
import { tempDir } from '../support/fixtures.ts';

function request(users: number): ModelRequest {
  const input = Array.from({ length: users }, (_, i) => ({ type: 'message' as const, role: 'user' as const, content: `prompt ${i}` }));
  return { model: 'hew-demo', instructions: 'be brief', input, tools: [] };
}

async function collect(stream: AsyncIterable<ModelDelta>): Promise<ModelDelta[]> {
  const out: ModelDelta[] = [];
  for await (const d of stream) out.push(d);
  return out;
}

describe('scripted model', () => {
  it('streams each step: text in pieces, then its tool calls, then the output to keep', async () => {
    const model = createScriptedModel({
      steps: [{ text: 'Let me look at it.', calls: [{ name: 'read_file', args: { path: 'a.js' } }] }, { text: 'Done.' }],
      fallback: 'nothing more',
    });
    expect([model.provider, model.model]).toEqual(['demo', 'hew-demo']);
    const first = await collect(model.stream(request(1), new AbortController().signal));
    const texts = first.flatMap((d) => (d.type === 'text_delta' ? [d.text] : []));
    expect(texts.length).toBeGreaterThan(1);
    expect(texts.join('')).toBe('Let me look at it.');
    const call = first.find((d) => d.type === 'tool_call');
    expect(call?.type === 'tool_call' && JSON.parse(call.call.arguments)).toEqual({ path: 'a.js' });
    const done = first.at(-1);
    if (done?.type !== 'completed') throw new Error('no completed delta');
    expect(done.output).toEqual([
      { type: 'message', role: 'assistant', content: 'Let me look at it.' },
      { type: 'function_call', call_id: call?.type === 'tool_call' ? call.call.call_id : '', name: 'read_file', arguments: '{"path":"a.js"}' },
    ]);
    expect(done.usage?.output_tokens).toBeGreaterThan(0);

    const second = await collect(model.stream(request(1), new AbortController().signal));
    expect(second.flatMap((d) => (d.type === 'text_delta' ? [d.text] : [])).join('')).toBe('Done.');
    // Past the script, or for a later user message: the fallback.
    const third = await collect(model.stream(request(1), new AbortController().signal));
    expect(third.flatMap((d) => (d.type === 'text_delta' ? [d.text] : [])).join('')).toBe('nothing more');
    expect(model.requests).toHaveLength(3);
  });

  it('answers a second user message with the fallback even mid-script', async () => {
    const model = createScriptedModel({ steps: [{ text: 'one' }, { text: 'two' }], fallback: 'only the demo' });
    const deltas = await collect(model.stream(request(2), new AbortController().signal));
    expect(deltas.flatMap((d) => (d.type === 'text_delta' ? [d.text] : [])).join('')).toBe('only the demo');
  });

  it('stops with an aborted error as soon as the signal aborts', async () => {
    const model = createScriptedModel({ steps: [{ text: 'many words '.repeat(50) }], fallback: '', delayMs: 50 });
    const abort = new AbortController();
    const seen: ModelDelta[] = [];
    const started = Date.now();
    setTimeout(() => abort.abort('interrupt'), 100);
    const error = await (async () => {
      try {
        for await (const d of model.stream(request(1), abort.signal)) seen.push(d);
      } catch (err) {
        return err;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(ModelError);
    expect((error as ModelError).kind).toBe('aborted');
    expect(Date.now() - started).toBeLessThan(2000);
    expect(seen.some((d) => d.type === 'completed')).toBe(false);
  });

  it('splits text into word pieces that join back exactly', () => {
    const text = 'Fixed `formatDuration`:\n\n  minutes were wrong. ';
    expect(streamPieces(text).join('')).toBe(text);
    expect(streamPieces('')).toEqual([]);
  });
});

describe('the demo script and the bundled sample', () => {
  it('the sample fails its tests; the demo patch fixes it', async () => {
    const repo = prepareSample({ source: bundledSampleDir(), parent: tempDir('hew-demo-test-') });
    expect(execFileSync('git', ['log', '--format=%s'], { cwd: repo, encoding: 'utf8' }).trim()).toBe('durations: format seconds for people');
    const [program, ...args] = DEMO_TEST_COMMAND.split(' ') as [string, ...string[]];
    const failing = spawnSync(program, args, { cwd: repo, encoding: 'utf8' });
    expect(failing.status).toBe(1);
    expect(failing.stdout).toContain('got "1h 62m 5s"');

    await applyPatch(repo, DEMO_PATCH);
    expect(readFileSync(join(repo, 'src/duration.js'), 'utf8')).toContain('Math.floor((whole % 3600) / 60)');
    const passing = spawnSync(program, args, { cwd: repo, encoding: 'utf8' });
    expect(passing.stdout).toContain('# 8 ok, 0 not ok');
    expect(passing.status).toBe(0);
    // The script's last step is the final answer, and every call names a real tool.
    const steps = demoScript();
    expect(steps.at(-1)?.calls).toBeUndefined();
    const tools = new Set(steps.flatMap((s) => (s.calls ?? []).map((c) => c.name)));
    expect([...tools].sort()).toEqual(['apply_patch', 'read_file', 'shell', 'update_plan']);
  });
});
