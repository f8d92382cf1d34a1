// End to end: `hew exec --output-schema FILE` — the provider is asked for the schema on both wire
// APIs, a valid answer is exactly stdout and the -o file, a bad answer gets one retry message, a
// second bad answer fails the run (exit 1) naming the error, and an unusable schema file is exit 2.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../support/fixtures.ts';
import type { RecordedRequest, Script } from '../support/model-server.ts';
import { closeWorlds, hewWorld, type World } from '../support/world.ts';

afterEach(closeWorlds);

const SCHEMA = {
  type: 'object',
  properties: { summary: { type: 'string' }, count: { type: 'integer' } },
  required: ['summary', 'count'],
  additionalProperties: false,
};
const VALID = '{"summary":"two bugs fixed","count":2}';

function schemaFile(): string {
  const file = join(tempDir(), 'answer.schema.json');
  writeFileSync(file, JSON.stringify(SCHEMA));
  return file;
}

/** A world serving `script` on the responses wire (OPENAI_*), or on the chat wire as provider fake-chat (its key in FAKE_KEY, flags in `args`). */
async function setup(script: Script, wire: 'responses' | 'chat'): Promise<{ world: World; args: string[] }> {
  if (wire === 'responses') return { world: await hewWorld().withScript(script).build(), args: [] };
  const world = await hewWorld().withScript(script).withoutOpenAI().withEnv({ FAKE_KEY: 'sk-test' }).build();
  const url = world.server?.url ?? '';
  return {
    world,
    args: ['--provider', 'fake-chat', '-c', `providers.fake-chat.base_url="${url}"`, '-c', 'providers.fake-chat.wire_api="chat"', '-c', 'providers.fake-chat.env_key="FAKE_KEY"'],
  };
}

function lastUserText(req: RecordedRequest): string {
  const items = ((req.body as { input?: unknown[]; messages?: unknown[] }).input ?? (req.body as { messages: unknown[] }).messages) as { role?: string; content?: unknown }[];
  const last = items.filter((i) => i.role === 'user').at(-1);
  return typeof last?.content === 'string' ? last.content : '';
}

describe('exec --output-schema', () => {
  it('responses wire: asks for the schema on every step; the valid JSON is stdout and the -o file', async () => {
    const { world, args } = await setup([{ outputs: [{ tool: 'shell', args: { command: 'true' } }] }, { outputs: [{ text: VALID }] }], 'responses');
    const out = join(tempDir(), 'last.json');
    const result = await world.hew(['exec', ...args, '--output-schema', schemaFile(), '-o', out, 'summarise']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${VALID}\n`);
    expect(readFileSync(out, 'utf8')).toBe(`${VALID}\n`);
    expect(world.requests).toHaveLength(2);
    for (const req of world.requests) {
      expect(req.body.text).toEqual({ format: { type: 'json_schema', name: 'answer', schema: SCHEMA, strict: true } });
      expect(req.body.tools.length).toBeGreaterThan(0);
    }
  });

  it('chat wire: sends response_format json_schema', async () => {
    const { world, args } = await setup([{ outputs: [{ text: VALID }] }], 'chat');
    const result = await world.hew(['exec', ...args, '--output-schema', schemaFile(), 'summarise']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${VALID}\n`);
    expect(world.requests[0]?.path).toBe('/v1/chat/completions');
    expect(world.requests[0]?.body.response_format).toEqual({ type: 'json_schema', json_schema: { name: 'answer', schema: SCHEMA, strict: true } });
  });

  it('a non-JSON answer gets one retry message; the valid answer after it succeeds', async () => {
    const { world, args } = await setup([{ outputs: [{ text: 'Fixed two bugs.' }] }, { outputs: [{ text: `\`\`\`json\n${VALID}\n\`\`\`` }] }], 'responses');
    const result = await world.hew(['exec', '--json', ...args, '--output-schema', schemaFile(), 'summarise']);
    expect(result.code).toBe(0);
    expect(world.requests).toHaveLength(2);
    const retry = lastUserText(world.requests[1]!);
    expect(retry).toMatch(/^Your final answer must be a single JSON value matching this schema/);
    expect(retry).toContain(JSON.stringify(SCHEMA));
    expect(retry).toMatch(/The error was: the final answer is not valid JSON/);
    const events = result.events();
    const done = events.at(-1);
    expect(done?.type === 'thread.completed' && done.final_message).toBe(VALID);
    expect(events.some((e) => e.type === 'error' && e.will_retry && /not valid JSON/.test(e.message))).toBe(true);
  });

  it('two invalid answers fail the run (exit 1) naming the validation error', async () => {
    const { world, args } = await setup([{ outputs: [{ text: '{"summary":"x"}' }] }, { outputs: [{ text: '{"summary":"x","count":"two"}' }] }], 'responses');
    const result = await world.hew(['exec', ...args, '--output-schema', schemaFile(), 'summarise']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(lastUserText(world.requests[1]!)).toMatch(/must have required property 'count'/);
    expect(result.stderr).toMatch(/answer\.schema\.json: the final answer does not match the schema: \/count must be integer/);
    expect(result.stderr).toMatch(/failed in/);
  });

  it('an unreadable, non-JSON or invalid schema file is exit 2 naming the file, before any request', async () => {
    const { world, args } = await setup([], 'responses');
    const dir = tempDir();
    const missing = await world.hew(['exec', ...args, '--output-schema', join(dir, 'nope.json'), 'x']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--output-schema .*nope\.json: cannot read the schema file: it does not exist/);
    writeFileSync(join(dir, 'broken.json'), '{"type": ');
    const broken = await world.hew(['exec', ...args, '--output-schema', join(dir, 'broken.json'), 'x']);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/broken\.json: not valid JSON/);
    writeFileSync(join(dir, 'wrong.json'), '{"type": "objekt"}');
    const wrong = await world.hew(['exec', ...args, '--output-schema', join(dir, 'wrong.json'), 'x']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/wrong\.json: not a valid JSON schema/);
    expect(world.requests).toHaveLength(0);
  });
});
