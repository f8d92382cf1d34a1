// End to end, through the built CLI with the scripted model: secrets in hew's environment never reach
// a command (shell tool, hooks, a task's check), under bubblewrap and without it, and their values —
// printed by a command from a file in the repository, or written by the model — are redacted from
// what the model receives, the final message, events.jsonl, commands.log and meta.json. The user's
// `[env] allow` lets a name through; a project config may not.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixtureRepo, git, tempDir } from '../support/fixtures.ts';
import { hewHome, runHew } from '../support/hew-cli.ts';
import type { HewHome, HewResult } from '../support/hew-cli.ts';
import { startModelServer } from '../support/model-server.ts';
import type { ModelServer, ScriptedTurn } from '../support/model-server.ts';

let server: ModelServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Secrets in hew's environment; none has a token shape, so only the environment policy can catch them. */
const SECRETS: Record<string, string> = {
  MYLLM_KEY: 'myllm-key-7c1e0a9b5d',
  PGPASSWORD: 'pg-pass-4f2a9c',
  STRIPE_KEY: 'stripe-live-2b7e91',
  OPENAI_KEY: 'oa-key-8d3b6e1f0a',
  SENTRY_DSN: 'https://5e1d7c0b3a@o77.ingest.sentry.io/42',
};

const PROVIDER = ['--provider', 'mine', '-c', 'providers.mine.env_key="MYLLM_KEY"'];

function repoWithLeakFile(): string {
  const repo = fixtureRepo('date-parser');
  writeFileSync(join(repo, 'leak.txt'), `${Object.values(SECRETS).map((v, i) => `value ${i}: ${v}`).join('\n')}\n`);
  git(repo, 'add', 'leak.txt');
  git(repo, 'commit', '-q', '-m', 'a file that happens to hold the secrets');
  return repo;
}

function writeUserConfig(home: HewHome, text: string): void {
  mkdirSync(join(home.config, 'hew'), { recursive: true });
  writeFileSync(join(home.config, 'hew', 'config.toml'), text);
}

async function run(repo: string, home: HewHome, script: ScriptedTurn[], extra: string[] = [], env: Record<string, string> = {}): Promise<HewResult> {
  server = await startModelServer(script, { apiKey: SECRETS.MYLLM_KEY });
  return runHew(['exec', '--json', ...PROVIDER, '-c', `providers.mine.base_url="${server.url}"`, ...extra, 'look around'], {
    cwd: repo,
    env: { ...home.env, ...SECRETS, OPENAI_API_KEY: undefined, OPENAI_BASE_URL: undefined, ...env },
    timeoutMs: 90_000,
  });
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
    const repo = repoWithLeakFile();
    const home = hewHome();
    const hookOut = join(tempDir('hew-hook-'), 'env.txt');
    // Hooks run where commands run; without a sandbox one can write a host file we read back.
    if (sandboxArgs.length > 0) writeUserConfig(home, `[hooks]\non_finish = "env > ${hookOut}"\n`);
    const result = await run(repo, home, ATTACK, sandboxArgs);
    expect(result.code, result.stderr).toBe(0);
    // The key did reach the provider, in the Authorization header (the server checks it).
    expect(server!.requests.length).toBe(3);

    const [envOutput, catOutput] = commandOutputs(result);
    for (const name of Object.keys(SECRETS)) expect(envOutput, name).not.toMatch(new RegExp(`^${name}=`, 'm'));
    expect(envOutput).toMatch(/^PATH=/m);
    expect(catOutput).toContain('value 0: [REDACTED]');
    expect(catOutput).toContain('value 4: [REDACTED]');

    const bodies = JSON.stringify(server!.requests.map((r) => r.body));
    expect(bodies).toContain('[REDACTED]');
    const everything = [bodies, result.stdout, result.stderr, runFiles(home)].join('\n');
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
    const repo = repoWithLeakFile();
    mkdirSync(join(repo, '.hew'));
    writeFileSync(join(repo, '.hew', 'config.toml'), '[env]\ndeny = ["PROJECT_*"]\n');
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'project config');
    const home = hewHome();
    writeUserConfig(home, '[env]\nallow = ["PGPASSWORD"]\n');
    const command = `env; printf 'allowed=%s\\n' "$PGPASSWORD"`;
    const result = await run(repo, home, [{ outputs: [{ tool: 'shell', args: { command } }] }, { outputs: [{ text: 'ok' }] }], [], { PROJECT_SETTING: 'project-value-1' });
    expect(result.code, result.stderr).toBe(0);
    const [envOutput] = commandOutputs(result);
    // The value itself is not redacted (`PGPASSWORD=…` is still masked by its shape, as any NAME_PASSWORD= is).
    expect(envOutput).toMatch(/^PGPASSWORD=/m);
    expect(envOutput).toContain(`allowed=${SECRETS.PGPASSWORD}\n`);
    expect(envOutput).not.toMatch(/^PROJECT_SETTING=/m);
    expect(envOutput).not.toMatch(/^(MYLLM_KEY|STRIPE_KEY)=/m);
  });

  it('the provider key cannot be let through, even by name', async () => {
    const repo = repoWithLeakFile();
    const home = hewHome();
    writeUserConfig(home, '[env]\nallow = ["MYLLM_KEY"]\n');
    const result = await run(repo, home, [{ outputs: [{ tool: 'shell', args: { command: 'env' } }] }, { outputs: [{ text: 'ok' }] }]);
    expect(result.code, result.stderr).toBe(0);
    expect(commandOutputs(result)[0]).not.toMatch(/^MYLLM_KEY=/m);
    expect(JSON.stringify(server!.requests.map((r) => r.body))).not.toContain(SECRETS.MYLLM_KEY);
  });

  it('a project config setting allow is refused with exit 2, before any request', async () => {
    const repo = fixtureRepo('date-parser');
    mkdirSync(join(repo, '.hew'));
    writeFileSync(join(repo, '.hew', 'config.toml'), 'model = "m"\n[env]\nallow = ["PGPASSWORD"]\n');
    const home = hewHome();
    const result = await run(repo, home, [{ outputs: [{ text: 'never' }] }]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('.hew/config.toml:3: env.allow: not allowed in a project config (a repository may not let your secrets through to its commands)');
    expect(server!.requests).toHaveLength(0);
  });

  it('a bad pattern is a clear config error', async () => {
    const repo = fixtureRepo('date-parser');
    const home = hewHome();
    writeUserConfig(home, '[env]\ndeny = ["MY-VAR"]\n');
    const result = await run(repo, home, [{ outputs: [{ text: 'never' }] }]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/config\.toml:2: env\.deny\.0: expected a variable name or a pattern with \*/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
