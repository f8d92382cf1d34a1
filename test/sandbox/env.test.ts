import { describe, expect, it } from 'vitest';
import { commandEnvironment, NON_INTERACTIVE_ENV } from '../../src/sandbox/env.ts';
import { COMMAND_GIT_CONFIG } from '../../src/sandbox/git-env.ts';
import { createEnvPolicy } from '../../src/secrets/env-policy.ts';

const base: NodeJS.ProcessEnv = {
  PATH: '/usr/bin:/bin',
  HOME: '/home/someone',
  LANG: 'C.UTF-8',
  MY_SETTING: 'kept',
  NODE_ENV: 'test',
  OPENAI_API_KEY: 'sk-secret',
  FOO_API_KEY: 'x',
  ANTHROPIC_API_KEY: 'x',
  GITHUB_TOKEN: 'ghp_x',
  GH_TOKEN: 'x',
  NPM_TOKEN: 'x',
  JWT_SECRET: 'x',
  DB_PASSWORD: 'x',
  SERVICE_ACCESS_KEY_ID: 'x',
  AWS_ACCESS_KEY_ID: 'x',
  AWS_SECRET_ACCESS_KEY: 'x',
  AWS_SESSION_TOKEN: 'x',
  AWS_PROFILE: 'prod',
  AZURE_CLIENT_SECRET: 'x',
  AZURE_TENANT_ID: 'x',
  GOOGLE_APPLICATION_CREDENTIALS: '/home/someone/key.json',
  SSH_AUTH_SOCK: '/tmp/ssh-agent.sock',
  GIT_ASKPASS: '/usr/bin/askpass',
  DATABASE_URL: 'postgres://app:hunter2@db.example.com/app',
  PUBLIC_URL: 'https://example.com/app',
  FORCE_COLOR: '1',
  COLORTERM: 'truecolor',
  CLICOLOR_FORCE: '1',
  TERM: 'xterm-256color',
  UNSET: undefined,
};

describe('commandEnvironment', () => {
  const env = commandEnvironment(base);

  it('drops secrets and credentials', () => {
    for (const name of [
      'OPENAI_API_KEY', 'FOO_API_KEY', 'ANTHROPIC_API_KEY', 'GITHUB_TOKEN', 'GH_TOKEN', 'NPM_TOKEN', 'JWT_SECRET',
      'DB_PASSWORD', 'SERVICE_ACCESS_KEY_ID', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN',
      'AWS_PROFILE', 'AZURE_CLIENT_SECRET', 'AZURE_TENANT_ID', 'GOOGLE_APPLICATION_CREDENTIALS', 'SSH_AUTH_SOCK',
      'GIT_ASKPASS', 'DATABASE_URL',
    ]) {
      expect(env, name).not.toHaveProperty(name);
    }
    expect(JSON.stringify(env)).not.toContain('hunter2');
    expect(JSON.stringify(env)).not.toContain('sk-secret');
  });

  it('keeps ordinary variables, the terminal and colour settings as the user has them', () => {
    expect(env).toMatchObject({
      PATH: '/usr/bin:/bin', HOME: '/home/someone', LANG: 'C.UTF-8', MY_SETTING: 'kept', NODE_ENV: 'test',
      PUBLIC_URL: 'https://example.com/app', TERM: 'xterm-256color', FORCE_COLOR: '1', COLORTERM: 'truecolor', CLICOLOR_FORCE: '1',
    });
    expect(env).not.toHaveProperty('UNSET');
  });

  // The variables that made a project's tests differ from the user's shell (issue 11 §4): set only if the user set them.
  it.each([
    ['CI', undefined, undefined],
    ['CI', 'true', 'true'],
    ['NO_COLOR', undefined, undefined],
    ['NO_COLOR', '1', '1'],
    ['TERM', undefined, undefined],
    ['TERM', 'dumb', 'dumb'],
    ['TERM', 'screen-256color', 'screen-256color'],
    ['FORCE_COLOR', '3', '3'],
    ['FORCE_COLOR', undefined, undefined],
  ])('%s given as %s becomes %s', (name, given, expected) => {
    const out = commandEnvironment({ PATH: '/bin', ...(given === undefined ? {} : { [name]: given }) });
    expect(out[name]).toBe(expected);
  });

  it('sets exactly the non-interactive settings and the command git config on top', () => {
    for (const [name, value] of Object.entries(NON_INTERACTIVE_ENV)) expect(env[name]).toBe(value);
    expect(NON_INTERACTIVE_ENV).not.toHaveProperty('CI');
    expect(NON_INTERACTIVE_ENV).not.toHaveProperty('NO_COLOR');
    expect(NON_INTERACTIVE_ENV).not.toHaveProperty('TERM');
    expect(Number(env.GIT_CONFIG_COUNT)).toBe(COMMAND_GIT_CONFIG.length);
    const plain = commandEnvironment({ PATH: '/bin' });
    const added = Object.keys(plain).filter((k) => k !== 'PATH' && !k.startsWith('GIT_CONFIG_'));
    expect(added.sort()).toEqual(Object.keys(NON_INTERACTIVE_ENV).sort());
  });

  it('overrides a pager or editor the user set', () => {
    const out = commandEnvironment({ PAGER: 'less', EDITOR: 'vim', GIT_PAGER: 'delta' });
    expect(out).toMatchObject({ PAGER: 'cat', EDITOR: 'true', GIT_PAGER: 'cat' });
  });

  it('judges names case-insensitively and values with embedded passwords', () => {
    const judged = commandEnvironment({ openai_api_key: 'x', HTTPS_PROXY: 'http://user:pw@proxy:8080', TOKENIZERS_PARALLELISM: 'false', KEYBOARD: 'us' });
    expect(judged).not.toHaveProperty('openai_api_key');
    expect(judged).not.toHaveProperty('HTTPS_PROXY');
    expect(judged.TOKENIZERS_PARALLELISM).toBe('false');
    expect(judged.KEYBOARD).toBe('us');
    expect(commandEnvironment({ HTTPS_PROXY: 'http://proxy:8080' }).HTTPS_PROXY).toBe('http://proxy:8080');
  });

  it('applies the run policy: its allow lets a name through, its deny and credentials remove more', () => {
    const policy = createEnvPolicy({ allow: ['PGPASSWORD'], deny: ['MY_*'], credentialNames: ['LLM_SERVICE'] });
    const env = commandEnvironment({ PGPASSWORD: 'pw', MY_SETTING: 'x', LLM_SERVICE: 'k', PATH: '/bin' }, policy);
    expect(env).toMatchObject({ PGPASSWORD: 'pw', PATH: '/bin' });
    expect(env).not.toHaveProperty('MY_SETTING');
    expect(env).not.toHaveProperty('LLM_SERVICE');
  });
});
