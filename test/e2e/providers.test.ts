// End to end: `hew exec` against the scripted server configured as each built-in provider, each with
// a quirk of its own, and the capability flags as they reach the request body; then `hew models`.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { HewResult } from '../support/hew-cli.ts';
import type { ModelServerOptions, RecordedRequest, ScriptedTurn } from '../support/model-server.ts';
import { closeWorlds, hewWorld, type World } from '../support/world.ts';

/** The world of the test's `execAs` (its scripted server's requests are what `bodies` reads). */
let world: World | undefined;
afterEach(async () => {
  world = undefined;
  await closeWorlds();
});

const ANSWER = 'Read it: parseDate lives in src/date.js.';

/** One turn with two parallel reads, then the answer. */
function script(): ScriptedTurn[] {
  return [
    { outputs: [{ tool: 'read_file', args: { path: 'src/date.js' } }, { tool: 'read_file', args: { path: 'package.json' } }] },
    { outputs: [{ text: ANSWER }] },
  ];
}

/** `hew exec` in a world with no OPENAI_* but `env`, where `$URL` is the scripted server's address. */
async function execAs(env: Record<string, string>, args: string[], opts: ModelServerOptions = {}): Promise<HewResult> {
  world = await hewWorld().withScript(script(), opts).withoutOpenAI().build();
  const url = world.server?.url ?? '';
  const filled = Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v.replace('$URL', url)]));
  return world.hew(['exec', ...args, 'where is parseDate?'], { env: filled, timeoutMs: 60_000 });
}

function bodies(): Record<string, unknown>[] {
  return (world?.requests ?? []).filter((r: RecordedRequest) => r.path !== '/v1/models').map((r) => r.body as Record<string, unknown>);
}

function expectDone(result: HewResult): void {
  expect(result.stderr).not.toMatch(/hew: /);
  expect(result.code).toBe(0);
  expect(result.stdout.trim()).toBe(ANSWER);
}

describe('built-in providers on the chat wire', () => {
  it('ollama: a stream without usage, and stream_usage=false sends no stream_options', async () => {
    const result = await execAs({ OLLAMA_BASE_URL: '$URL' }, ['--provider', 'ollama', '-c', 'providers.ollama.stream_usage=false'], { quirks: { noUsage: true } });
    expectDone(result);
    expect(world!.requests[0]?.path).toBe('/v1/chat/completions');
    for (const body of bodies()) expect(body.stream_options).toBeUndefined();
  });

  it('lmstudio: cumulative tool-call deltas still give whole arguments', async () => {
    const result = await execAs({ LMSTUDIO_BASE_URL: '$URL' }, ['--provider', 'lmstudio'], { quirks: { cumulativeToolDeltas: true } });
    expectDone(result);
    const messages = bodies()[1]?.messages as { role: string; tool_calls?: { function: { arguments: string } }[] }[];
    const calls = messages.find((m) => m.role === 'assistant' && m.tool_calls)?.tool_calls ?? [];
    expect(calls.map((c) => JSON.parse(c.function.arguments) as unknown)).toEqual([{ path: 'src/date.js' }, { path: 'package.json' }]);
    expect(bodies()[0]?.stream_options).toEqual({ include_usage: true });
  });

  it('vllm: parallel_tool_calls=false leaves the field out of the request', async () => {
    const result = await execAs({ VLLM_BASE_URL: '$URL' }, ['--provider', 'vllm', '-c', 'providers.vllm.parallel_tool_calls=false']);
    expectDone(result);
    expect(bodies()).toHaveLength(2);
    for (const body of bodies()) {
      expect(body.tools).toBeDefined();
      expect(body.parallel_tool_calls === false || body.parallel_tool_calls === undefined).toBe(true);
    }
  });

  it('openrouter: its key as a bearer token, usage on the finish chunk, parallel calls by default', async () => {
    const result = await execAs(
      { OPENROUTER_BASE_URL: '$URL', OPENROUTER_API_KEY: 'or-key-123' },
      ['--provider', 'openrouter'],
      { apiKey: 'or-key-123', quirks: { usageOnFinishChunk: true } },
    );
    expectDone(result);
    expect(bodies()[0]?.parallel_tool_calls).toBe(true);
  });
});

describe('built-in providers on the responses wire', () => {
  it('openai: parallel_tool_calls=false leaves the field out', async () => {
    const result = await execAs({ OPENAI_BASE_URL: '$URL', OPENAI_API_KEY: 'sk-test' }, ['-c', 'providers.openai.parallel_tool_calls=false']);
    expectDone(result);
    expect(world!.requests[0]?.path).toBe('/v1/responses');
    for (const body of bodies()) expect(body.parallel_tool_calls).toBeUndefined();
  });

  it('azure: AZURE_OPENAI_BASE_URL and AZURE_OPENAI_API_KEY, no usage in the stream', async () => {
    world = await hewWorld().withScript([{ ...script()[0]!, usage: null }, { ...script()[1]!, usage: null }], { apiKey: 'az-secret' }).withoutOpenAI().build();
    const result = await world.hew(['exec', '--provider', 'azure', 'where is parseDate?'], {
      env: { AZURE_OPENAI_BASE_URL: world.server?.url, AZURE_OPENAI_API_KEY: 'az-secret', AZURE_OPENAI_ENDPOINT: undefined },
      timeoutMs: 60_000,
    });
    expectDone(result);
    expect(world.requests.map((r) => r.path)).toEqual(['/v1/responses', '/v1/responses']);
    expect(bodies()[0]?.parallel_tool_calls).toBe(true);
  });

  it('azure without an endpoint is a configuration error naming the variables', async () => {
    const noOpenAI = await hewWorld().withoutOpenAI().build();
    const result = await noOpenAI.hew(['exec', '--provider', 'azure', 'hi'], {
      env: { AZURE_OPENAI_BASE_URL: undefined, AZURE_OPENAI_ENDPOINT: undefined, AZURE_OPENAI_API_KEY: 'x' },
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/providers\.azure\.base_url: missing; set AZURE_OPENAI_ENDPOINT/);
  });
});

describe('hew models', () => {
  it('lists the models one per line, and as JSON', async () => {
    const lister = await hewWorld().withScript([], { models: ['zeta-1', 'alpha-2'], apiKey: 'sk-list' }).withEnv({ OPENAI_API_KEY: 'sk-list' }).build();
    const plain = await lister.hew(['models'], { cwd: lister.home.dir });
    expect(plain.code).toBe(0);
    expect(plain.stdout).toBe('alpha-2\nzeta-1\n');
    const json = await lister.hew(['models', '--json'], { cwd: lister.home.dir });
    expect(JSON.parse(json.stdout)).toEqual({ provider: 'openai', models: [{ id: 'alpha-2', owned_by: 'model-server' }, { id: 'zeta-1', owned_by: 'model-server' }] });
  });

  it('exits 3 for a refused or missing key, 1 when the server cannot be reached', async () => {
    const lister = await hewWorld().withScript([], { apiKey: 'sk-right' }).build();
    const cwd = lister.home.dir;
    const refused = await lister.hew(['models'], { cwd, env: { OPENAI_API_KEY: 'sk-wrong' } });
    expect(refused.code).toBe(3);
    expect(refused.stderr).toMatch(/\(HTTP 401\): Incorrect API key provided/);
    const missing = await lister.hew(['models'], { cwd, env: { OPENAI_API_KEY: undefined } });
    expect(missing.code).toBe(3);
    expect(missing.stderr).toMatch(/set OPENAI_API_KEY/);
    const url = lister.server?.url ?? '';
    await lister.closeServer();
    const down = await lister.hew(['models'], { cwd, env: { OPENAI_BASE_URL: url, OPENAI_API_KEY: 'sk-right' } });
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(/cannot reach openai/);
  });

  it('sends the configured query_params and headers', async () => {
    const seen: { url: string; headers: Record<string, unknown> }[] = [];
    const http = createServer((req, res) => {
      seen.push({ url: req.url ?? '', headers: req.headers });
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ object: 'list', data: [{ id: 'm1', object: 'model' }] }));
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    try {
      const port = (http.address() as AddressInfo).port;
      const noOpenAI = await hewWorld().withoutOpenAI().build();
      const result = await noOpenAI.hew(
        ['models', '--provider', 'mine', '-c', `providers.mine.base_url="http://127.0.0.1:${port}/v1"`, '-c', 'providers.mine.query_params.api-version="2025-01-01"', '-c', 'providers.mine.headers.x-team="blue"'],
        { cwd: noOpenAI.home.dir },
      );
      expect(result.stderr).toBe('');
      expect(result.stdout).toBe('m1\n');
      expect(seen[0]?.url).toBe('/v1/models?api-version=2025-01-01');
      expect(seen[0]?.headers['x-team']).toBe('blue');
    } finally {
      await new Promise<void>((resolve) => http.close(() => resolve()));
    }
  });
});
