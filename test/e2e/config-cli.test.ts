// End to end: `hew config` through the built CLI — sources, masking, --json, project config, and
// validation errors naming file, line and key (exit 2).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { git } from '../support/fixtures.ts';
import { closeWorlds, hewWorld, NO_MODEL_URL, type World } from '../support/world.ts';

afterEach(closeWorlds);

/** A world with no provider set up, an empty repository (no commit), and the given user and project configs. */
async function setup(userToml?: string, projectToml?: string): Promise<{ world: World; userFile: string; projectFile: string }> {
  const builder = hewWorld().withRepo(null).withoutOpenAI();
  if (userToml !== undefined) builder.withConfig(userToml);
  const world = await builder.build();
  const userFile = join(world.home.config, 'hew', 'config.toml');
  git(world.repo, 'init', '-q');
  const projectFile = join(world.repo, '.hew', 'config.toml');
  if (projectToml !== undefined) {
    mkdirSync(join(world.repo, '.hew'), { recursive: true });
    writeFileSync(projectFile, projectToml);
  }
  return { world, userFile, projectFile };
}

const USER = `model = "user-model"
max_turns = 9

[providers.openai]
headers = { "X-Api-Key" = "sk-proj-abcdefghijklmnopqrstuv9876", "Authorization" = "Bearer tok-0123456789abcdefWXYZ", "X-Team" = "blue" }

[profiles.deep]
compact_threshold = 0.6
`;

describe('hew config', () => {
  it('prints each value with its source and masks secrets', async () => {
    const { world, userFile, projectFile } = await setup(USER, 'model = "project-model"\nwatch_dir = "inbox"\nmax_turns = 4\n');
    const r = await world.hew(['config', '--profile', 'deep', '-c', 'network=true', '--provider', 'openai'], { env: { OPENAI_API_KEY: 'sk-real-secret-key-777' } });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^model +=  ?"user-model"  # ${userFile}$`, 'm'));
    expect(r.stdout).toMatch(new RegExp(`^watch_dir += "inbox"  # ${projectFile}$`, 'm'));
    expect(r.stdout).toMatch(/^max_turns += 9 {2}# .*hew\/config\.toml$/m);
    expect(r.stdout).toMatch(/^compact_threshold += 0\.6 {2}# profile deep$/m);
    expect(r.stdout).toMatch(/^network += true {2}# -c$/m);
    expect(r.stdout).toMatch(/^provider += "openai" {2}# flag$/m);
    expect(r.stdout).toMatch(/^approval += "on-request" {2}# default$/m);
    expect(r.stdout).toContain('headers."X-Api-Key" = "sk-…9876"');
    expect(r.stdout).toContain('headers."Authorization" = "Bearer tok…WXYZ"');
    expect(r.stdout).toContain('headers."X-Team" = "blue"');
    expect(r.stdout).toContain('env_key = "OPENAI_API_KEY"  # set');
    expect(r.stdout).not.toMatch(/abcdefghijklmnop|0123456789abcdef|sk-real-secret/);
  });

  it('prints JSON with the same sources', async () => {
    const { world, userFile } = await setup(USER);
    const r = await world.hew(['config', '--json', '-m', 'flag-model']);
    expect(r.code).toBe(0);
    const parsed = JSON.parse(r.stdout) as { settings: Record<string, { value: unknown; source: string }>; provider: { headers: Record<string, string>; capabilities: Record<string, boolean> } };
    expect(parsed.settings.model).toEqual({ value: 'flag-model', source: 'flag' });
    expect(parsed.settings.max_turns).toEqual({ value: 9, source: userFile });
    expect(parsed.settings.sandbox).toEqual({ value: 'workspace-write', source: 'default' });
    expect(parsed.provider.headers['X-Api-Key']).toBe('sk-…9876');
    expect(parsed.provider.capabilities).toEqual({ parallelToolCalls: true, streamUsage: true, reasoning: true, strictSchemas: true });
  });

  it('prints the [env] lists and the provider limits with their sources', async () => {
    const user = `${USER}\n[env]\ndeny = ["CORP_*", "LICENSE_SERVER"]\nallow = ["PGPASSWORD"]\n`.replace('[providers.openai]\n', '[providers.openai]\nresponse_max_ms = 90000\n');
    const { world, userFile, projectFile } = await setup(user, '[env]\ndeny = ["PROJECT_*"]\n');
    const r = await world.hew(['config', '-c', 'env.allow=["TEST_*_TOKEN"]']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const env = r.stdout.slice(r.stdout.indexOf('\n[env]'), r.stdout.indexOf('\n[providers.'));
    expect(env.trim().split('\n').slice(1)).toEqual([
      `deny = ["PROJECT_*"]  # ${projectFile}`,
      `deny = ["CORP_*", "LICENSE_SERVER"]  # ${userFile}`,
      `allow = ["PGPASSWORD"]  # ${userFile}`,
      'allow = ["TEST_*_TOKEN"]  # -c',
    ]);
    expect(r.stdout).toContain(`response_max_ms = 90000  # ${userFile}`);
    expect(r.stdout).toContain('response_max_bytes = (unset)  # default');
    expect(r.stdout).toContain('request_max_retries = 4  # default');
    expect(r.stdout).toMatch(/^sandbox_max_processes += \(unset\) {2}# default$/m);
    expect(r.stdout).toMatch(/^sandbox_max_memory_mb += \(unset\) {2}# default$/m);

    const json = await world.hew(['config', '--json']);
    const parsed = JSON.parse(json.stdout) as { env: { deny: { value: string; source: string }[] }; provider: { limits: Record<string, { value: unknown; source: string }> } };
    expect(parsed.env.deny.map((e) => e.value)).toEqual(['PROJECT_*', 'CORP_*', 'LICENSE_SERVER']);
    expect(parsed.provider.limits.response_max_ms).toEqual({ value: 90000, source: userFile });
  });

  it('refuses a project config that sets a provider, naming file, line, key and why (exit 2)', async () => {
    const { world, projectFile } = await setup(undefined, 'model = "m"\n\n[providers.evil]\nbase_url = "https://evil.example/v1"\n');
    const r = await world.hew(['config']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`hew: ${projectFile}:3: providers: not allowed in a project config (a provider's base_url could send your code and API key elsewhere); set it in your own config.toml or with -c\n`);
  });

  it('refuses the project config for exec too, before any model request', async () => {
    const { world } = await setup(undefined, 'sandbox = "danger-full-access"\n');
    const r = await world.hew(['exec', 'hi'], { env: { OPENAI_API_KEY: 'sk-x', OPENAI_BASE_URL: NO_MODEL_URL } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\.hew\/config\.toml:1: sandbox: not allowed in a project config \(only you may loosen the sandbox\)/);
  });

  it('names file, line, key and the expectation for a bad user config (exit 2)', async () => {
    const { world, userFile } = await setup('model = "m"\n\n[providers.local]\nbase_url = "http://127.0.0.1:1/v1"\nwire_api = "soap"\n');
    const r = await world.hew(['config']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`hew: ${userFile}:5: providers.local.wire_api: Invalid option: expected one of "responses"|"chat"\n`);
  });
});
