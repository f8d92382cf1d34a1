// End to end: `hew exec --output-schema FILE` — the provider is asked for the schema on both wire
// APIs, a valid answer is exactly stdout and the -o file, a bad answer gets one retry message, a
// second bad answer fails the run (exit 1) naming the error, and an unusable schema file is exit 2.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixtureRepo, tempDir } from '../support/fixtures.ts';
import { hewHome, runHew } from '../support/hew-cli.ts';
import { startModelServer } from '../support/model-server.ts';
import type { ModelServer, RecordedRequest } from '../support/model-server.ts';

let server: ModelServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

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

function setup(url: string, wire: 'responses' | 'chat') {
  const home = hewHome();
  if (wire === 'responses') return { args: [], env: { ...home.env, OPENAI_BASE_URL: url, OPENAI_API_KEY: 'sk-test' } };
  return {
    args: ['--provider', 'fake-chat', '-c', `providers.fake-chat.base_url="${url}"`, '-c', 'providers.fake-chat.wire_api="chat"', '-c', 'providers.fake-chat.env_key="FAKE_KEY"'],
    env: { ...home.env, FAKE_KEY: 'sk-test' },
  };
}

function lastUserText(req: RecordedRequest): string {
  const items = ((req.body as { input?: unknown[]; messages?: unknown[] }).input ?? (req.body as { messages: unknown[] }).messages) as { role?: string; content?: unknown }[];
  const last = items.filter((i) => i.role === 'user').at(-1);
  return typeof last?.content === 'string' ? last.content : '';
}

describe('exec --output-schema', () => {
  it('responses wire: asks for the schema on every step; the valid JSON is stdout and the -o file', async () => {
    server = await startModelServer([{ outputs: [{ tool: 'shell', args: { command: 'true' } }] }, { outputs: [{ text: VALID }] }]);
    const repo = fixtureRepo('date-parser');
    const { args, env } = setup(server.url, 'responses');
    const out = join(tempDir(), 'last.json');
    const result = await runHew(['exec', ...args, '--output-schema', schemaFile(), '-o', out, 'summarise'], { cwd: repo, env });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${VALID}\n`);
    expect(readFileSync(out, 'utf8')).toBe(`${VALID}\n`);
    expect(server.requests).toHaveLength(2);
    for (const req of server.requests) {
      expect(req.body.text).toEqual({ format: { type: 'json_schema', name: 'answer', schema: SCHEMA, strict: true } });
      expect(req.body.tools.length).toBeGreaterThan(0);
    }
  });

  it('chat wire: sends response_format json_schema', async () => {
    server = await startModelServer([{ outputs: [{ text: VALID }] }]);
    const repo = fixtureRepo('date-parser');
    const { args, env } = setup(server.url, 'chat');
    const result = await runHew(['exec', ...args, '--output-schema', schemaFile(), 'summarise'], { cwd: repo, env });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${VALID}\n`);
    expect(server.requests[0]?.path).toBe('/v1/chat/completions');
    expect(server.requests[0]?.body.response_format).toEqual({ type: 'json_schema', json_schema: { name: 'answer', schema: SCHEMA, strict: true } });
  });

  it('a non-JSON answer gets one retry message; the valid answer after it succeeds', async () => {
    server = await startModelServer([{ outputs: [{ text: 'Fixed two bugs.' }] }, { outputs: [{ text: `\`\`\`json\n${VALID}\n\`\`\`` }] }]);
    const repo = fixtureRepo('date-parser');
    const { args, env } = setup(server.url, 'responses');
    const result = await runHew(['exec', '--json', ...args, '--output-schema', schemaFile(), 'summarise'], { cwd: repo, env });
    expect(result.code).toBe(0);
    expect(server.requests).toHaveLength(2);
    const retry = lastUserText(server.requests[1]!);
    expect(retry).toMatch(/^Your final answer must be a single JSON value matching this schema/);
    expect(retry).toContain(JSON.stringify(SCHEMA));
    expect(retry).toMatch(/The error was: the final answer is not valid JSON/);
    const events = result.events();
    const done = events.at(-1);
    expect(done?.type === 'thread.completed' && done.final_message).toBe(VALID);
    expect(events.some((e) => e.type === 'error' && e.will_retry && /not valid JSON/.test(e.message))).toBe(true);
  });

  it('two invalid answers fail the run (exit 1) naming the validation error', async () => {
    server = await startModelServer([{ outputs: [{ text: '{"summary":"x"}' }] }, { outputs: [{ text: '{"summary":"x","count":"two"}' }] }]);
    const repo = fixtureRepo('date-parser');
    const { args, env } = setup(server.url, 'responses');
    const result = await runHew(['exec', ...args, '--output-schema', schemaFile(), 'summarise'], { cwd: repo, env });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(lastUserText(server.requests[1]!)).toMatch(/must have required property 'count'/);
    expect(result.stderr).toMatch(/answer\.schema\.json: the final answer does not match the schema: \/count must be integer/);
    expect(result.stderr).toMatch(/failed in/);
  });

  it('an unreadable, non-JSON or invalid schema file is exit 2 naming the file, before any request', async () => {
    server = await startModelServer([]);
    const repo = fixtureRepo('date-parser');
    const { args, env } = setup(server.url, 'responses');
    const dir = tempDir();
    const missing = await runHew(['exec', ...args, '--output-schema', join(dir, 'nope.json'), 'x'], { cwd: repo, env });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--output-schema .*nope\.json: cannot read the schema file: it does not exist/);
    writeFileSync(join(dir, 'broken.json'), '{"type": ');
    const broken = await runHew(['exec', ...args, '--output-schema', join(dir, 'broken.json'), 'x'], { cwd: repo, env });
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/broken\.json: not valid JSON/);
    writeFileSync(join(dir, 'wrong.json'), '{"type": "objekt"}');
    const wrong = await runHew(['exec', ...args, '--output-schema', join(dir, 'wrong.json'), 'x'], { cwd: repo, env });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/wrong\.json: not a valid JSON schema/);
    expect(server.requests).toHaveLength(0);
  });
});
