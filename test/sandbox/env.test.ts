import { describe, expect, it } from 'vitest';
import { NON_INTERACTIVE_ENV, scrubbedEnv } from '../../src/sandbox/env.ts';
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
  TERM: 'xterm-256color',
  UNSET: undefined,
};

describe('scrubbedEnv', () => {
  const env = scrubbedEnv(base);

  it('drops secrets and credentials', () => {
    for (const name of [
      'OPENAI_API_KEY', 'FOO_API_KEY', 'ANTHROPIC_API_KEY', 'GITHUB_TOKEN', 'GH_TOKEN', 'NPM_TOKEN', 'JWT_SECRET',
      'DB_PASSWORD', 'SERVICE_ACCESS_KEY_ID', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN',
      'AWS_PROFILE', 'AZURE_CLIENT_SECRET', 'AZURE_TENANT_ID', 'GOOGLE_APPLICATION_CREDENTIALS', 'SSH_AUTH_SOCK',
      'GIT_ASKPASS', 'DATABASE_URL', 'FORCE_COLOR',
    ]) {
      expect(env, name).not.toHaveProperty(name);
    }
    expect(JSON.stringify(env)).not.toContain('hunter2');
    expect(JSON.stringify(env)).not.toContain('sk-secret');
  });

  it('keeps ordinary variables', () => {
    expect(env.PATH).toBe('/usr/bin:/bin');
    expect(env.HOME).toBe('/home/someone');
    expect(env.LANG).toBe('C.UTF-8');
    expect(env.MY_SETTING).toBe('kept');
    expect(env.NODE_ENV).toBe('test');
    expect(env.PUBLIC_URL).toBe('https://example.com/app');
    expect(env).not.toHaveProperty('UNSET');
  });

  it('makes commands non-interactive and colourless', () => {
    expect(env.CI).toBe('1');
    expect(env.PAGER).toBe('cat');
    expect(env.GIT_PAGER).toBe('cat');
    expect(env.GIT_TERMINAL_PROMPT).toBe('0');
    expect(env.GIT_EDITOR).toBe('true');
    expect(env.TERM).toBe('dumb');
    expect(env.NO_COLOR).toBe('1');
    expect(env.DEBIAN_FRONTEND).toBe('noninteractive');
    for (const [name, value] of Object.entries(NON_INTERACTIVE_ENV)) expect(env[name]).toBe(value);
  });

  it('applies extra on top of everything', () => {
    const withExtra = scrubbedEnv(base, { CI: 'true', TASK_VAR: 'v' });
    expect(withExtra.CI).toBe('true');
    expect(withExtra.TASK_VAR).toBe('v');
  });

  it('judges names case-insensitively and values with embedded passwords', () => {
    const judged = scrubbedEnv({ openai_api_key: 'x', HTTPS_PROXY: 'http://user:pw@proxy:8080', TOKENIZERS_PARALLELISM: 'false', KEYBOARD: 'us' });
    expect(judged).not.toHaveProperty('openai_api_key');
    expect(judged).not.toHaveProperty('HTTPS_PROXY');
    expect(judged.TOKENIZERS_PARALLELISM).toBe('false');
    expect(judged.KEYBOARD).toBe('us');
    expect(scrubbedEnv({ HTTPS_PROXY: 'http://proxy:8080' }).HTTPS_PROXY).toBe('http://proxy:8080');
  });

  it('applies the run policy: its allow lets a name through, its deny and credentials remove more', () => {
    const policy = createEnvPolicy({ allow: ['PGPASSWORD'], deny: ['MY_*'], credentialNames: ['LLM_SERVICE'] });
    const env = scrubbedEnv({ PGPASSWORD: 'pw', MY_SETTING: 'x', LLM_SERVICE: 'k', PATH: '/bin' }, undefined, policy);
    expect(env).toMatchObject({ PGPASSWORD: 'pw', PATH: '/bin' });
    expect(env).not.toHaveProperty('MY_SETTING');
    expect(env).not.toHaveProperty('LLM_SERVICE');
  });
});
