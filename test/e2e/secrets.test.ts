// End to end, through the built CLI with the scripted model: secrets in hew's environment never reach
// a command (shell tool, hooks, a task's check), under bubblewrap and without it, and their values —
// printed by a command from a file in the repository, or written by the model — are redacted from
// what the model receives, the final message, events.jsonl, commands.log and meta.json. The user's
// `[env] allow` lets a name through; a project config may not.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { git, tempDir } from '../support/fixtures.ts';
import type { HewHome, HewResult } from '../support/hew-cli.ts';
import type { ScriptedTurn } from '../support/model-server.ts';
import { closeWorlds, hewWorld, type World } from '../support/world.ts';

afterEach(closeWorlds);

/** Secrets in hew's environment; none has a token shape, so only the environment policy can catch them. */
const SECRETS: Record<string, string> = {
  MYLLM_KEY: 'myllm-key-7c1e0a9b5d',
  PGPASSWORD: 'pg-pass-4f2a9c',
  STRIPE_KEY: 'stripe-live-2b7e91',
  OPENAI_KEY: 'oa-key-8d3b6e1f0a',
  SENTRY_DSN: 'https://5e1d7c0b3a@o77.ingest.sentry.io/42',
};

const PROVIDER = ['--provider', 'mine', '-c', 'providers.mine.env_key="MYLLM_KEY"'];

function addLeakFile(repo: string): void {
  writeFileSync(join(repo, 'leak.txt'), `${Object.values(SECRETS).map((v, i) => `value ${i}: ${v}`).join('\n')}\n`);
  git(repo, 'add', 'leak.txt');
  git(repo, 'commit', '-q', '-m', 'a file that happens to hold the secrets');
}

/**
 * A world whose provider `mine` takes the key MYLLM_KEY (the server checks it), with every secret in
 * hew's environment and no OPENAI_*; the repository holds leak.txt unless `leak` is false.
 */
async function secretsWorld(script: ScriptedTurn[], opts: { userToml?: string; leak?: boolean; env?: Record<string, string> } = {}): Promise<World> {
  const builder = hewWorld().withScript(script, { apiKey: SECRETS.MYLLM_KEY }).withoutOpenAI().withEnv({ ...SECRETS, ...opts.env }).withTimeout(90_000);
  if (opts.userToml !== undefined) builder.withConfig(opts.userToml);
  const world = await builder.build();
  if (opts.leak !== false) addLeakFile(world.repo);
  return world;
}

function run(world: World, extra: string[] = []): Promise<HewResult> {
  return world.hew(['exec', '--json', ...PROVIDER, '-c', `providers.mine.base_url="${world.server?.url ?? ''}"`, ...extra, 'look around']);
}

/** Every file of every run: events.jsonl, meta.json, commands.log. */
function runFiles(home: HewHome): string {
  const runs = join(home.state, 'hew', 'runs');
  let text = '';
  for (const id of readdirSync(runs)) {
    for (const name of ['events.jsonl', 'meta.json', 'commands.log']) {
      try {
        text += readFileSync(join(runs, id, name), 'utf8');
      } catch {
        // a file the run did not write
      }
    }
  }
  return text;
}

function commandOutputs(result: HewResult): string[] {
  return result.events().flatMap((e) => (e.type === 'item.completed' && e.item.type === 'command_execution' ? [e.item.aggregated_output] : []));
}

const ATTACK: ScriptedTurn[] = [
  { outputs: [{ tool: 'shell', args: { command: 'env' } }] },
  { outputs: [{ tool: 'shell', args: { command: 'cat leak.txt' } }] },
  // A model that somehow learned a key and writes it in its answer.
  { outputs: [{ text: `Done. The key is ${SECRETS.MYLLM_KEY} and the password ${SECRETS.PGPASSWORD}.` }] },
];

describe.each([
  ['under bubblewrap', [] as string[]],
  ['without a sandbox (danger-full-access)', ['-s', 'danger-full-access']],
])('secrets %s', (_label, sandboxArgs) => {
  it('never reach a command, and their values are redacted from the model, the output and the run files', async () => {
    const hookOut = join(tempDir('hew-hook-'), 'env.txt');
    // Hooks run where commands run; without a sandbox one can write a host file we read back.
    const world = await secretsWorld(ATTACK, sandboxArgs.length > 0 ? { userToml: `[hooks]\non_finish = "env > ${hookOut}"\n` } : {});
    const result = await run(world, sandboxArgs);
    expect(result.code, result.stderr).toBe(0);
    // The key did reach the provider, in the Authorization header (the server checks it).
    expect(world.requests.length).toBe(3);

    const [envOutput, catOutput] = commandOutputs(result);
    for (const name of Object.keys(SECRETS)) expect(envOutput, name).not.toMatch(new RegExp(`^${name}=`, 'm'));
    expect(envOutput).toMatch(/^PATH=/m);
    expect(catOutput).toContain('value 0: [REDACTED]');
    expect(catOutput).toContain('value 4: [REDACTED]');

    const bodies = JSON.stringify(world.requests.map((r) => r.body));
    expect(bodies).toContain('[REDACTED]');
    const everything = [bodies, result.stdout, result.stderr, runFiles(world.home)].join('\n');
    for (const [name, value] of Object.entries(SECRETS)) expect(everything, name).not.toContain(value);
    const done = result.events().at(-1);
    expect(done?.type === 'thread.completed' && done.final_message).toBe('Done. The key is [REDACTED] and the password [REDACTED].');
    if (sandboxArgs.length > 0) {
      const hookEnv = readFileSync(hookOut, 'utf8');
      for (const [name, value] of Object.entries(SECRETS)) expect(hookEnv, name).not.toContain(value);
      expect(hookEnv).toMatch(/^HEW_HOOK=on_finish$/m);
    }
  });
});

describe('[env] allow and deny', () => {
  it("the user's allow lets a variable through (its value unredacted); the project's deny removes one", async () => {
    const command = `env; printf 'allowed=%s\\n' "$PGPASSWORD"`;
    const world = await secretsWorld([{ outputs: [{ tool: 'shell', args: { command } }] }, { outputs: [{ text: 'ok' }] }], {
      userToml: '[env]\nallow = ["PGPASSWORD"]\n',
      env: { PROJECT_SETTING: 'project-value-1' },
    });
    const repo = world.repo;
    mkdirSync(join(repo, '.hew'));
    writeFileSync(join(repo, '.hew', 'config.toml'), '[env]\ndeny = ["PROJECT_*"]\n');
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'project config');
    const result = await run(world);
    expect(result.code, result.stderr).toBe(0);
    const [envOutput] = commandOutputs(result);
    // The value itself is not redacted (`PGPASSWORD=…` is still masked by its shape, as any NAME_PASSWORD= is).
    expect(envOutput).toMatch(/^PGPASSWORD=/m);
    expect(envOutput).toContain(`allowed=${SECRETS.PGPASSWORD}\n`);
    expect(envOutput).not.toMatch(/^PROJECT_SETTING=/m);
    expect(envOutput).not.toMatch(/^(MYLLM_KEY|STRIPE_KEY)=/m);
  });

  it('the provider key cannot be let through, even by name', async () => {
    const world = await secretsWorld([{ outputs: [{ tool: 'shell', args: { command: 'env' } }] }, { outputs: [{ text: 'ok' }] }], { userToml: '[env]\nallow = ["MYLLM_KEY"]\n' });
    const result = await run(world);
    expect(result.code, result.stderr).toBe(0);
    expect(commandOutputs(result)[0]).not.toMatch(/^MYLLM_KEY=/m);
    expect(JSON.stringify(world.requests.map((r) => r.body))).not.toContain(SECRETS.MYLLM_KEY);
  });

  it('a project config setting allow is refused with exit 2, before any request', async () => {
    const world = await secretsWorld([{ outputs: [{ text: 'never' }] }], { leak: false });
    mkdirSync(join(world.repo, '.hew'));
    writeFileSync(join(world.repo, '.hew', 'config.toml'), 'model = "m"\n[env]\nallow = ["PGPASSWORD"]\n');
    const result = await run(world);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('.hew/config.toml:3: env.allow: not allowed in a project config (a repository may not let your secrets through to its commands)');
    expect(world.requests).toHaveLength(0);
  });

  it('a bad pattern is a clear config error', async () => {
    const world = await secretsWorld([{ outputs: [{ text: 'never' }] }], { leak: false, userToml: '[env]\ndeny = ["MY-VAR"]\n' });
    const result = await run(world);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/config\.toml:2: env\.deny\.0: expected a variable name or a pattern with \*/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
