// End to end: the request a reasoning model needs, as `hew exec` sends it to the scripted server.
// On a Responses provider: `reasoning` with the configured effort, `include` for encrypted reasoning,
// the encrypted reasoning items carried back on the next request, one `prompt_cache_key` for the whole
// run (`exec --resume` included), and a prefix (instructions, tools, earlier input) that never changes
// between steps. On a Chat provider none of these. And the headless prompt offers no escalation.
import { afterEach, describe, expect, it } from 'vitest';
import type { HewResult } from '../support/hew-cli.ts';
import type { ModelServer, ScriptedTurn } from '../support/model-server.ts';
import { closeWorlds, hewWorld, type World } from '../support/world.ts';

afterEach(closeWorlds);

const ANSWER = 'parseDate lives in src/date.js.';

/** Three steps, each after reasoning the server hands back encrypted. */
function reasoningScript(): ScriptedTurn[] {
  return [
    { outputs: [{ reasoning: 'Find the parser first.', encrypted: 'opaque-blob-1' }, { tool: 'read_file', args: { path: 'src/date.js' } }] },
    { outputs: [{ reasoning: 'Note the plan.', encrypted: 'opaque-blob-2' }, { tool: 'update_plan', args: { plan: [{ step: 'answer', status: 'in_progress' }] } }] },
    { outputs: [{ reasoning: 'Answer now.', encrypted: 'opaque-blob-3' }, { text: ANSWER }] },
  ];
}

function exec(world: World, args: string[], env: Record<string, string | undefined> = {}): Promise<HewResult> {
  return world.hew(['exec', '--json', ...args], { env, timeoutMs: 60_000 });
}

function runIdOf(result: HewResult): string {
  const first = result.events()[0];
  if (first?.type !== 'thread.started') throw new Error(`first event is ${first?.type}: ${result.stderr}`);
  return first.run_id;
}

type Body = Record<string, unknown> & { input: unknown[]; tools: { name: string; parameters: { properties: Record<string, unknown> } }[] };

function bodies(server: ModelServer): Body[] {
  return server.requests.filter((r) => r.path === '/v1/responses' || r.path === '/v1/chat/completions').map((r) => r.body as Body);
}

describe('the request on a Responses provider', () => {
  it('asks for reasoning, carries the encrypted items back, keeps one cache key and a byte-identical prefix', async () => {
    const world = await hewWorld().build();
    const server = await world.serve(reasoningScript());
    const result = await exec(world, ['where is parseDate?']);
    expect(result.stderr).not.toMatch(/hew: /);
    expect(result.code).toBe(0);
    const runId = runIdOf(result);
    const sent = bodies(server);
    expect(sent).toHaveLength(3);
    for (const body of sent) {
      expect(body.reasoning).toEqual({ effort: 'medium' });
      expect(body.include).toEqual(['reasoning.encrypted_content']);
      expect(body.prompt_cache_key).toBe(`hew-${runId}`);
      expect(body.store).toBe(false);
    }
    // Each response's reasoning goes back, encrypted, just before the call it led to.
    const reasoningSent = (body: Body): unknown[] => body.input.filter((i) => (i as { type: string }).type === 'reasoning');
    expect(reasoningSent(sent[0]!)).toEqual([]);
    expect(reasoningSent(sent[1]!)).toEqual([{ type: 'reasoning', summary: [{ type: 'summary_text', text: 'Find the parser first.' }], encrypted_content: 'opaque-blob-1' }]);
    expect(reasoningSent(sent[2]!).map((i) => (i as { encrypted_content: string }).encrypted_content)).toEqual(['opaque-blob-1', 'opaque-blob-2']);
    const types = sent[2]!.input.map((i) => (i as { type: string }).type);
    expect(types.slice(-6)).toEqual(['reasoning', 'function_call', 'function_call_output', 'reasoning', 'function_call', 'function_call_output']);
    // The prefix: every field but the input is the same bytes on each step, and each request's input
    // starts with the whole input of the one before.
    for (let i = 1; i < sent.length; i++) {
      const before = sent[i - 1]!;
      const now = sent[i]!;
      const { input: inputBefore, ...restBefore } = before;
      const { input: inputNow, ...restNow } = now;
      expect(JSON.stringify(restNow)).toBe(JSON.stringify(restBefore));
      expect(inputNow.length).toBeGreaterThan(inputBefore.length);
      expect(JSON.stringify(inputNow.slice(0, inputBefore.length))).toBe(JSON.stringify(inputBefore));
    }
  });

  it('takes the effort from model_reasoning_effort (-c and a profile), and refuses a value that is not one', async () => {
    const world = await hewWorld().build();
    const home = world.home;
    const high = await world.serve([{ outputs: [{ text: ANSWER }] }]);
    expect((await exec(world, ['-c', 'model_reasoning_effort="high"', 'where?'])).code).toBe(0);
    expect(bodies(high)[0]?.reasoning).toEqual({ effort: 'high' });

    const { writeFileSync, mkdirSync } = await import('node:fs');
    mkdirSync(`${home.config}/hew`, { recursive: true });
    writeFileSync(`${home.config}/hew/config.toml`, 'model_reasoning_effort = "low"\n[profiles.deep]\nmodel_reasoning_effort = "xhigh"\n');
    const fromFile = await world.serve([{ outputs: [{ text: ANSWER }] }]);
    expect((await exec(world, ['where?'])).code).toBe(0);
    expect(bodies(fromFile)[0]?.reasoning).toEqual({ effort: 'low' });
    const fromProfile = await world.serve([{ outputs: [{ text: ANSWER }] }]);
    expect((await exec(world, ['--profile', 'deep', 'where?'])).code).toBe(0);
    expect(bodies(fromProfile)[0]?.reasoning).toEqual({ effort: 'xhigh' });

    const refused = await exec(world, ['-c', 'model_reasoning_effort="extreme"', 'where?']);
    expect(refused.code).toBe(2);
    const lines = refused.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/model_reasoning_effort/);
    expect(lines[0]).toMatch(/"medium"/);
    expect(refused.stderr).not.toMatch(/\n\s+at /);
  });

  it('sends the same prompt_cache_key when the run is resumed with exec --resume', async () => {
    const world = await hewWorld().build();
    const first = await world.serve([{ outputs: [{ reasoning: 'Think.', encrypted: 'blob-a' }, { text: ANSWER }] }]);
    const run = await exec(world, ['where is parseDate?']);
    expect(run.code).toBe(0);
    const runId = runIdOf(run);
    const second = await world.serve([{ outputs: [{ text: 'Nothing else.' }] }]);
    const resumed = await exec(world, ['--resume', runId, 'anything else?']);
    expect(resumed.stderr).not.toMatch(/hew: /);
    expect(resumed.code).toBe(0);
    const [before] = bodies(first);
    const [after] = bodies(second);
    expect(after?.prompt_cache_key).toBe(`hew-${runId}`);
    expect(after?.prompt_cache_key).toBe(before?.prompt_cache_key);
    // The resumed request carries the recorded encrypted reasoning and the same prefix.
    expect(after?.input.some((i) => (i as { encrypted_content?: string }).encrypted_content === 'blob-a')).toBe(true);
    expect(after?.instructions).toBe(before?.instructions);
    expect(JSON.stringify(after?.tools)).toBe(JSON.stringify(before?.tools));
  });
});

describe('the request on a Chat provider', () => {
  it('carries no reasoning, include, reasoning_effort or prompt_cache_key', async () => {
    const world = await hewWorld().build();
    const server = await world.serve([{ outputs: [{ reasoning: 'Hmm.' }, { tool: 'read_file', args: { path: 'src/date.js' } }] }, { outputs: [{ text: ANSWER }] }]);
    const result = await exec(world, ['-c', 'provider="ollama"', 'where is parseDate?'], { OPENAI_BASE_URL: undefined, OLLAMA_BASE_URL: server.url });
    expect(result.code).toBe(0);
    for (const body of bodies(server)) {
      for (const field of ['reasoning', 'include', 'reasoning_effort', 'prompt_cache_key']) expect(body).not.toHaveProperty(field);
    }
  });

  it('sends reasoning_effort to a Chat provider whose reasoning capability is on', async () => {
    const world = await hewWorld().build();
    const server = await world.serve([{ outputs: [{ text: ANSWER }] }]);
    const result = await exec(world, ['-c', 'provider="ollama"', '-c', 'providers.ollama.reasoning=true', '-c', 'model_reasoning_effort="low"', 'where?'], { OPENAI_BASE_URL: undefined, OLLAMA_BASE_URL: server.url });
    expect(result.code).toBe(0);
    const [body] = bodies(server);
    expect(body?.reasoning_effort).toBe('low');
    for (const field of ['reasoning', 'include', 'prompt_cache_key']) expect(body).not.toHaveProperty(field);
  });
});

describe('the headless prompt offers no escalation', () => {
  it('exec: no sandbox_permissions in the shell tool, no invitation to escalate in the prompt', async () => {
    const world = await hewWorld().build();
    const server = await world.serve([{ outputs: [{ text: ANSWER }] }]);
    const result = await exec(world, ['where?']);
    expect(result.code).toBe(0);
    const [body] = bodies(server);
    const shell = body?.tools.find((t) => t.name === 'shell');
    expect(Object.keys(shell?.parameters.properties ?? {})).toEqual(['command', 'workdir', 'timeout_ms']);
    const instructions = String(body?.instructions);
    expect(instructions).not.toMatch(/require_escalated|require_network|sandbox_permissions|approves or denies/);
    expect(instructions).toContain('no one can approve anything more in this run: every command must work inside the sandbox, without network.');
  });
});
