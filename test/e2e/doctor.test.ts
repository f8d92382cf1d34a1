// End to end: `hew doctor` checks each part and says how to fix what fails.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { writeUserConfig } from '../support/hew-cli.ts';
import { closeWorlds, hewWorld } from '../support/world.ts';

afterEach(closeWorlds);

interface Report {
  ok: boolean;
  checks: { name: string; ok: boolean; detail: string; fix?: string }[];
}

describe('hew doctor', () => {
  it('passes every check with a working provider, key, model and sandbox', async () => {
    const world = await hewWorld()
      .withRepo(null)
      .withScript([], { apiKey: 'sk-good', models: ['gpt-5.5', 'other'] })
      .withEnv({ OPENAI_API_KEY: 'sk-good' })
      .build();
    const result = await world.hew(['doctor', '--json']);
    const report = JSON.parse(result.stdout) as Report;
    expect(report.checks.map((c) => c.name)).toEqual(['node', 'git', 'sandbox', 'config', 'api key', 'provider', 'model', 'state']);
    expect(report.checks.filter((c) => !c.ok)).toEqual([]);
    expect(result.code).toBe(0);
    expect(report.checks.find((c) => c.name === 'sandbox')?.detail).toMatch(/bwrap/);
  });

  it('names the failure and the fix: missing key, rejected key, unknown model, bad config', async () => {
    const world = await hewWorld().withRepo(null).withScript([], { apiKey: 'sk-good', models: ['gpt-5.5'] }).build();
    const { home } = world;
    const noKey = await world.hew(['doctor'], { env: { OPENAI_API_KEY: undefined } });
    expect(noKey.code).toBe(1);
    expect(noKey.stdout).toMatch(/✗ api key: OPENAI_API_KEY is not set\n {4}fix: export OPENAI_API_KEY=/);

    const badKey = await world.hew(['doctor', '--json'], { env: { OPENAI_API_KEY: 'sk-bad' } });
    const bad = JSON.parse(badKey.stdout) as Report;
    expect(bad.checks.find((c) => c.name === 'provider')).toMatchObject({ ok: false, detail: expect.stringMatching(/rejected the key \(HTTP 401\)/) });

    const model = await world.hew(['doctor', '--json', '-m', 'gpt-0'], { env: { OPENAI_API_KEY: 'sk-good' } });
    const unknown = JSON.parse(model.stdout) as Report;
    expect(unknown.checks.find((c) => c.name === 'model')).toMatchObject({ ok: false, fix: expect.stringMatching(/gpt-5\.5/) });

    writeUserConfig(home, 'sandbox = "loose"\n');
    const config = await world.hew(['doctor', '--json'], { env: { OPENAI_API_KEY: 'sk-good' } });
    const cfg = JSON.parse(config.stdout) as Report;
    expect(config.code).toBe(1);
    expect(cfg.checks.find((c) => c.name === 'config')?.detail).toMatch(/config\.toml:1: sandbox: /);
  });

  it('checks the notify program without running it: found, or not found with the fix', async () => {
    const world = await hewWorld().withRepo(null).withScript([], { apiKey: 'sk-good', models: ['gpt-5.5'] }).withEnv({ OPENAI_API_KEY: 'sk-good' }).build();
    const ran = join(world.dir, 'ran');
    mkdirSync(join(world.home.config, 'hew'), { recursive: true });
    const config = (argv: string[]): void => writeFileSync(join(world.home.config, 'hew', 'config.toml'), `notify = ${JSON.stringify(argv)}\n`);
    config(['sh', '-c', `touch ${ran}`]);
    const found = JSON.parse((await world.hew(['doctor', '--json'])).stdout) as Report;
    expect(found.checks.find((c) => c.name === 'notify')).toMatchObject({ ok: true, detail: expect.stringMatching(/\/sh \(not run/) });
    expect(existsSync(ran)).toBe(false);
    config(['hew-notify-nowhere']);
    const missing = await world.hew(['doctor', '--json']);
    expect(missing.code).toBe(1);
    expect((JSON.parse(missing.stdout) as Report).checks.find((c) => c.name === 'notify')).toMatchObject({
      ok: false,
      detail: 'the notify program `hew-notify-nowhere` is not found on PATH or not executable',
      fix: expect.stringContaining('full path'),
    });
  });

  it('reports an unreachable provider', async () => {
    const port = await closedPort();
    const world = await hewWorld().withRepo(null).withEnv({ OPENAI_API_KEY: 'k', OPENAI_BASE_URL: `http://127.0.0.1:${port}/v1` }).build();
    const result = await world.hew(['doctor', '--json']);
    const report = JSON.parse(result.stdout) as Report;
    expect(result.code).toBe(1);
    expect(report.checks.find((c) => c.name === 'provider')).toMatchObject({ ok: false, detail: expect.stringMatching(/cannot reach .*ECONNREFUSED/) });
  });
});

/** A loopback port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}
