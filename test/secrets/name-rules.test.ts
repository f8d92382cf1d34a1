// The secret-name rule set as a table: every rule matches its own examples and none of its
// counter-examples, and no rule touches the everyday variables a build needs.
import { describe, expect, it } from 'vitest';
import { builtinVerdict, ORDINARY_NAMES, SECRET_NAME_RULES, secretNameRule } from '../../src/secrets/name-rules.ts';

describe('SECRET_NAME_RULES', () => {
  for (const rule of SECRET_NAME_RULES) {
    it(`${rule.id}: matches its examples and none of its counter-examples`, () => {
      expect(rule.matches.length).toBeGreaterThan(0);
      for (const name of rule.matches) expect(rule.pattern.test(name.toUpperCase()), `${rule.id} should match ${name}`).toBe(true);
      for (const name of rule.doesNotMatch) expect(rule.pattern.test(name.toUpperCase()), `${rule.id} should not match ${name}`).toBe(false);
    });
  }

  it('leaves every ordinary name alone (no rule matches it)', () => {
    for (const name of ORDINARY_NAMES) expect(secretNameRule(name)?.id ?? null, name).toBeNull();
  });

  it.each([
    // [name, value, rule or null, redact]
    ['MYLLM_KEY', 'x', 'key', true],
    ['STRIPE_KEY', 'x', 'key', true],
    ['OPENAI_KEY', 'x', 'key', true],
    ['PGPASSWORD', 'x', 'password', true],
    ['MYSQL_PWD', 'x', 'password', true],
    ['SENTRY_DSN', 'x', 'dsn', true],
    ['AWS_SECRET_ACCESS_KEY', 'x', 'key', true],
    ['AWS_REGION', 'us-east-1', 'cloud', false],
    ['SSH_AUTH_SOCK', '/tmp/agent.sock', 'agents', false],
    ['GOOGLE_APPLICATION_CREDENTIALS', '/k.json', 'credentials', true],
    ['DATABASE_URL', 'postgres://app:hunter2@db/app', 'url-with-password', true],
    ['REDIS_URL', 'redis://:hunter2@cache:6379', 'url-with-password', true],
    ['DATABASE_URL', 'postgres://localhost/app', null, false],
    ['GIT_URL', 'ssh://git@github.com/a/b', null, false],
    ['PATH', '/usr/bin', null, false],
    ['SSH_TTY', '/dev/pts/1', null, false],
    ['NODE_OPTIONS', '--max-old-space-size=4096', null, false],
  ])('builtinVerdict(%s=%s) is %s (redact %s)', (name, value, rule, redact) => {
    const verdict = builtinVerdict(name, value);
    expect(verdict?.rule ?? null).toBe(rule);
    if (verdict) expect(verdict.redact).toBe(redact);
  });
});
