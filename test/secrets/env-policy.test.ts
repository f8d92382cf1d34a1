// The run's environment policy: precedence of hew's credentials, allow, deny and the built-in rules,
// and which values become secrets to redact.
import { describe, expect, it } from 'vitest';
import { createEnvPolicy, envPattern, isRedactable, MAX_SECRETS, redactableValues } from '../../src/secrets/env-policy.ts';

describe('createEnvPolicy', () => {
  const policy = createEnvPolicy({ deny: ['MY_*', 'internal_flag'], allow: ['PGPASSWORD', 'TEST_*_TOKEN', 'LLM_KEY'], credentialNames: ['LLM_KEY', 'Vendor_Auth'] });

  it.each([
    // [name, value, passes]
    ['PATH', '/usr/bin', true],
    ['PGPASSWORD', 'pw-for-tests-1', true], // allowed
    ['TEST_DB_TOKEN', 'tok-123456789', true], // allowed by pattern
    ['STRIPE_KEY', 'sk_live_x', false], // built-in rule
    ['MY_SETTING', 'plain', false], // deny pattern
    ['my_setting', 'plain', false], // patterns ignore case
    ['INTERNAL_FLAG', '1', false],
    ['LLM_KEY', 'k', false], // a credential: allow cannot pass it
    ['VENDOR_AUTH', 'k', false], // credential names ignore case
    ['HTTPS_PROXY', 'http://u:secretpw@proxy:3128', false], // URL with a password
  ])('%s passes: %s', (name, value, passes) => {
    expect(policy.verdict(name, value).pass).toBe(passes);
  });

  it('commandEnv keeps exactly the passing variables', () => {
    expect(policy.commandEnv({ PATH: '/bin', STRIPE_KEY: 'x', PGPASSWORD: 'y', GONE: undefined })).toEqual({ PATH: '/bin', PGPASSWORD: 'y' });
  });

  it('secretValues: removed values that redact, URL passwords, never allowed or access-only ones', () => {
    const values = policy.secretValues({
      STRIPE_KEY: 'sk_live_abcdef123',
      PGPASSWORD: 'allowed-pass-123', // allowed: the user's choice, not redacted
      AWS_REGION: 'us-east-1', // removed, but only configures access
      SSH_AUTH_SOCK: '/tmp/ssh-abc/agent.1',
      LLM_KEY: 'llm-key-value-1',
      MY_NOTE: 'denied-value-1',
      DATABASE_URL: 'postgres://app:p%40ss-word-9@db/app',
      SHORT_TOKEN: 'abc',
    });
    expect(values).toEqual(expect.arrayContaining(['sk_live_abcdef123', 'llm-key-value-1', 'denied-value-1', 'postgres://app:p%40ss-word-9@db/app', 'p%40ss-word-9', 'p@ss-word-9']));
    for (const kept of ['allowed-pass-123', 'us-east-1', '/tmp/ssh-abc/agent.1', 'abc']) expect(values).not.toContain(kept);
  });
});

describe('isRedactable and redactableValues', () => {
  it.each([
    ['abc1234', false], // under 8 characters
    ['abcd1234', true],
    ['postgres', false], // a short plain word
    ['changeme', false],
    ['correcthorsebatterystaple', true], // a long word run is a passphrase
    ['Hunter2!', true],
    ['12345678', true],
  ])('%s: %s', (value, redactable) => {
    expect(isRedactable(value)).toBe(redactable);
  });

  it('are distinct, longest first and bounded', () => {
    expect(redactableValues(['aaaa1111', 'bbbbbb222222', 'aaaa1111'])).toEqual(['bbbbbb222222', 'aaaa1111']);
    expect(redactableValues(Array.from({ length: 1000 }, (_, i) => `secret-${i}-value`))).toHaveLength(MAX_SECRETS);
  });

  it('envPattern: * matches any run, everything else literally', () => {
    expect(envPattern('MY_*').test('MY_THING')).toBe(true);
    expect(envPattern('MY_*').test('XMY_THING')).toBe(false);
    expect(envPattern('A*B').test('A.B')).toBe(true);
    expect(envPattern('A_B').test('AXB')).toBe(false);
  });
});
