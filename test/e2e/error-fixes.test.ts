// End to end through the built CLI: each error says what is wrong and the fix, once, with the
// documented exit code — a server that is down (its URL, no credentials, no retries), a model the
// server does not know (`hew models`), an unterminated TOML string (file and line), and a profile
// that does not exist (the profiles there are, or where one goes).
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { HewHome } from '../support/hew-cli.ts';
import { closeWorlds, hewWorld } from '../support/world.ts';

afterEach(closeWorlds);

/** A local port nothing listens on: one the kernel gave us, closed again. */
async function deadPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

function writeConfig(home: HewHome, toml: string): string {
  mkdirSync(join(home.config, 'hew'), { recursive: true });
  const file = join(home.config, 'hew', 'config.toml');
  writeFileSync(file, toml);
  return file;
}

describe('errors with their fix', () => {
  it('a server that is down: one line with the provider, its URL (no credentials, no query) and the fix; no retries; exit 1', async () => {
    const port = await deadPort();
    const url = `http://127.0.0.1:${port}/v1?api-key=querysecret`;
    const world = await hewWorld().withEnv({ OPENAI_BASE_URL: url, OPENAI_API_KEY: 'sk-keysecret' }).build();
    const result = await world.hew(['exec', 'fix it'], { timeoutMs: 60_000 });
    expect(result.code, result.stderr).toBe(1);
    const lines = result.stderr.split('\n').filter((l) => l.includes('cannot reach'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`cannot reach openai at http://127.0.0.1:${port}/v1 (ECONNREFUSED`);
    expect(lines[0]).toContain('OPENAI_BASE_URL');
    expect(lines[0]).toContain('providers.openai.base_url');
    expect(lines[0]).toContain('hew doctor');
    expect(result.stderr).not.toMatch(/retrying/);
    for (const secret of ['querysecret', 'sk-keysecret']) expect(result.stderr).not.toContain(secret);
  });

  it('a base URL with a user name and password: said once, without them; exit 1', async () => {
    const port = await deadPort();
    const url = `http://hewuser:hunter2secret@127.0.0.1:${port}/v1`;
    const world = await hewWorld().withEnv({ OPENAI_BASE_URL: url }).build();
    const result = await world.hew(['exec', 'fix it'], { timeoutMs: 60_000 });
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr).toContain(`cannot reach openai at http://127.0.0.1:${port}/v1: a base URL may not hold a user name or password; put the key in OPENAI_API_KEY`);
    expect(result.stderr).not.toMatch(/retrying/);
    for (const secret of ['hunter2secret', 'hewuser']) expect(result.stderr).not.toContain(secret);
  });

  it('the same with --json: the turn.failed event carries the one message', async () => {
    const port = await deadPort();
    const world = await hewWorld().withEnv({ OPENAI_BASE_URL: `http://127.0.0.1:${port}/v1` }).build();
    const result = await world.hew(['exec', '--json', 'fix it'], { timeoutMs: 60_000 });
    expect(result.code).toBe(1);
    const events = result.events();
    expect(events.filter((e) => e.type === 'error')).toHaveLength(0);
    const failed = events.find((e) => e.type === 'turn.failed');
    expect(failed?.type === 'turn.failed' && failed.error.message).toMatch(new RegExp(`^cannot reach openai at http://127\\.0\\.0\\.1:${port}/v1 \\(ECONNREFUSED`));
  });

  it('a model the server does not know (404 model_not_found) points to `hew models`; exit 3', async () => {
    const world = await hewWorld().withScript([], { models: ['known-model'] }).build();
    const result = await world.hew(['exec', '-m', 'no-such-model', 'fix it'], { timeoutMs: 60_000 });
    expect(result.code, result.stderr).toBe(3);
    expect(result.stderr).toMatch(/does not know the model no-such-model; `hew models` lists the models it serves/);
  });

  it('an unterminated string in config.toml says so, with the file and line; exit 2', async () => {
    const world = await hewWorld().withoutOpenAI().build();
    const file = writeConfig(world.home, 'approval = "never"\nmodel = "gpt-5.5\nsandbox = "read-only"\n');
    const result = await world.hew(['exec', 'fix it']);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain(`${file}:2:`);
    expect(result.stderr).toMatch(/unterminated string/);
    expect(result.stderr).not.toMatch(/control characters/);
  });

  it('an unterminated string in a project .hew/config.toml says so too', async () => {
    const world = await hewWorld().withoutOpenAI().build();
    const { repo } = world;
    mkdirSync(join(repo, '.hew'), { recursive: true });
    writeFileSync(join(repo, '.hew', 'config.toml'), "model = 'gpt-5.5\n");
    const result = await world.hew(['config']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/\.hew\/config\.toml:1:\d+: invalid TOML: unterminated string/);
  });

  it('--profile that does not exist lists the profiles there are, or says there are none and where they go; exit 2', async () => {
    const world = await hewWorld().withoutOpenAI().build();
    const { home } = world;
    const none = await world.hew(['exec', '--profile', 'fast', 'fix it']);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/no profile "fast": there are no profiles; define one as a \[profiles\.fast\] table in .*config\.toml/);

    const file = writeConfig(home, '[profiles.cheap]\nmodel = "gpt-5-mini"\n[profiles.deep]\nmodel_reasoning_effort = "high"\n');
    const some = await world.hew(['exec', '--profile', 'fast', 'fix it']);
    expect(some.code).toBe(2);
    expect(some.stderr).toContain(`no profile "fast" in ${file}; the profiles there are: cheap, deep`);
  });
});
