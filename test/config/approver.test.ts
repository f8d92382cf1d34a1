// Config `approver` and `approver_timeout_ms`: the user's config.toml (or -c) only — not a profile, not
// a repository's .hew/config.toml — validated with one clear line, and shown by `hew config`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatConfig } from '../../src/cli/config.ts';
import { describeConfig } from '../../src/config/describe.ts';
import { loadConfig } from '../../src/config/load.ts';
import { readProjectConfig } from '../../src/config/project.ts';
import { tempDir } from '../support/fixtures.ts';
import { configErrorOf, configHome } from '../support/config-home.ts';

describe('config approver', () => {
  it('is absent by default', () => {
    expect(loadConfig({ env: configHome() }).approver).toBeNull();
  });

  it('comes from the user config with the default timeout, and -c over it', () => {
    const env = configHome('approver = ["/usr/local/bin/ok", "--strict"]\n');
    expect(loadConfig({ env }).approver).toEqual({ argv: ['/usr/local/bin/ok', '--strict'], timeoutMs: 60_000, source: 'file', timeoutSource: 'default' });
    const c = loadConfig({ env, overrides: ['approver=["other"]', 'approver_timeout_ms=500'] }).approver;
    expect(c).toEqual({ argv: ['other'], timeoutMs: 500, source: '-c', timeoutSource: '-c' });
  });

  it.each([
    ['approver = "ok --strict"\n', /approver: expected an argv array of strings/],
    ['approver = []\n', /approver: an empty array; name the program/],
    ['approver = ["ok", ""]\n', /approver\.1: an empty argument/],
    ['approver = ["ok"]\napprover_timeout_ms = 0\n', /approver_timeout_ms: /],
    ['approver = ["ok"]\napprover_timeout_ms = "60s"\n', /approver_timeout_ms: /],
  ])('refuses %j with one line naming the key', (toml, message) => {
    const err = configErrorOf(() => loadConfig({ env: configHome(toml) }));
    expect(err.message).toMatch(message);
    expect(err.message).not.toContain('\n');
  });

  it('is not a profile key', () => {
    const err = configErrorOf(() => loadConfig({ env: configHome('[profiles.ci]\napprover = ["ok"]\n'), profile: 'ci' }));
    expect(err.message).toMatch(/profiles\.ci\.approver: unknown key/);
  });

  it.each(['approver = ["ok"]', 'approver_timeout_ms = 5'])('a repository may not set it: %s', (line) => {
    const repo = tempDir('hew-repo-');
    mkdirSync(join(repo, '.git'));
    mkdirSync(join(repo, '.hew'));
    const file = join(repo, '.hew', 'config.toml');
    writeFileSync(file, `${line}\n`);
    const err = configErrorOf(() => readProjectConfig(file));
    expect(err.message).toMatch(/: approver(_timeout_ms)?: not allowed in a project config \(/);
  });

  it('hew config shows it, with token-like arguments masked', () => {
    const env = configHome('approver = ["/usr/local/bin/ok", "--token", "sk-abcdefghijklmnopqrstuvwxyz"]\napprover_timeout_ms = 5000\n');
    const d = describeConfig(loadConfig({ env }), env);
    expect(d.approver.argv.value).toEqual(['/usr/local/bin/ok', '--token', 'sk-…wxyz']);
    expect(d.approver.timeout_ms).toMatchObject({ value: 5000 });
    const text = formatConfig(d);
    expect(text).toContain('approver = ["/usr/local/bin/ok","--token","sk-…wxyz"]');
    expect(text).toMatch(/approver_timeout_ms = 5000 {2}# .*config\.toml/);
    expect(formatConfig(describeConfig(loadConfig({ env: configHome() }), {}))).toContain('approver = (unset)  # default');
  });
});
