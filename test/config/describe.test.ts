// What `hew config` describes: the `[env]` lists entry by entry and the chosen provider's request limits,
// each with the file, `-c` or default it came from.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeConfig } from '../../src/config/describe.ts';
import { loadConfig } from '../../src/config/load.ts';
import { git, tempDir } from '../support/fixtures.ts';

function world(user: string, project: string): { env: NodeJS.ProcessEnv; repo: string; userFile: string; projectFile: string } {
  const home = tempDir('hew-describe-home-');
  mkdirSync(join(home, 'hew'));
  const userFile = join(home, 'hew', 'config.toml');
  writeFileSync(userFile, user);
  const repo = tempDir('hew-describe-repo-');
  git(repo, 'init', '-q');
  mkdirSync(join(repo, '.hew'));
  const projectFile = join(repo, '.hew', 'config.toml');
  writeFileSync(projectFile, project);
  return { env: { XDG_CONFIG_HOME: home, HOME: home, OPENAI_API_KEY: 'sk-x' }, repo, userFile, projectFile };
}

describe('describeConfig', () => {
  it('gives each [env] entry its source, in the order the lists are joined', () => {
    const w = world('[env]\ndeny = ["USER_*"]\nallow = ["PGPASSWORD"]\n', '[env]\ndeny = ["PROJECT_*"]\n');
    const d = describeConfig(loadConfig({ env: w.env, cwd: w.repo, overrides: ['env.deny=["CLI_*"]'] }), w.env);
    expect(d.env).toEqual({
      deny: [
        { value: 'PROJECT_*', source: w.projectFile },
        { value: 'USER_*', source: w.userFile },
        { value: 'CLI_*', source: '-c' },
      ],
      allow: [{ value: 'PGPASSWORD', source: w.userFile }],
    });
  });

  it('gives empty [env] lists when nothing sets them', () => {
    const w = world('', '');
    expect(describeConfig(loadConfig({ env: w.env, cwd: w.repo }), w.env).env).toEqual({ deny: [], allow: [] });
  });

  const limits: [string, string[], Record<string, { value: number | null; source: string }>][] = [
    [
      'defaults when the provider has no table',
      [],
      {
        request_max_retries: { value: 4, source: 'default' },
        stream_idle_timeout_ms: { value: 60_000, source: 'default' },
        response_max_ms: { value: null, source: 'default' },
        response_max_bytes: { value: null, source: 'default' },
      },
    ],
    [
      'the file for the keys its table sets',
      [],
      {
        request_max_retries: { value: 4, source: 'default' },
        stream_idle_timeout_ms: { value: 60_000, source: 'default' },
        response_max_ms: { value: 5000, source: 'USER' },
        response_max_bytes: { value: 1024, source: 'USER' },
      },
    ],
    [
      '-c for a table -c sets',
      ['providers.openai.response_max_ms=7000', 'providers.openai.request_max_retries=1'],
      {
        request_max_retries: { value: 1, source: '-c' },
        stream_idle_timeout_ms: { value: 60_000, source: 'default' },
        response_max_ms: { value: 7000, source: '-c' },
        response_max_bytes: { value: null, source: 'default' },
      },
    ],
  ];
  it.each(limits)('gives the provider limits their sources: %s', (name, overrides, expected) => {
    const table = name.startsWith('defaults') ? '' : '[providers.openai]\nresponse_max_ms = 5000\nresponse_max_bytes = 1024\n';
    const w = world(table, '');
    const d = describeConfig(loadConfig({ env: w.env, cwd: w.repo, overrides }), w.env);
    const want = Object.fromEntries(Object.entries(expected).map(([k, v]) => [k, { ...v, source: v.source === 'USER' ? w.userFile : v.source }]));
    expect(d.provider.limits).toEqual(want);
  });
});
