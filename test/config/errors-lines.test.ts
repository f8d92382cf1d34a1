// Validation errors name the file, LINE, key and what was expected — one test per message shape.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/errors.ts';
import { applyOverrides, loadConfig } from '../../src/config/load.ts';
import { lineOfKey, splitDottedKey } from '../../src/config/toml-lines.ts';
import { tempDir } from '../support/fixtures.ts';

function messageFor(toml: string): { message: string; file: string } {
  const dir = tempDir('hew-cfg-lines-');
  mkdirSync(join(dir, 'hew'));
  const file = join(dir, 'hew', 'config.toml');
  writeFileSync(file, toml);
  try {
    loadConfig({ env: { XDG_CONFIG_HOME: dir, HOME: dir } });
  } catch (err) {
    if (err instanceof ConfigError) return { message: err.message, file };
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('lineOfKey', () => {
  const text = [
    'model = "m"', // 1
    '# a comment', // 2
    '[providers.local]', // 3
    'base_url = "http://h/v1"', // 4
    'headers = { a = "b" }', // 5
    '', // 6
    '[providers."my.dotted"]', // 7
    'wire_api = "chat"', // 8
    '[profiles.fast]', // 9
    '  max_turns = 3', // 10
    'providers.other.env_key = "K"', // 11 (inside [profiles.fast], so profiles.fast.providers…)
  ].join('\n');

  it('finds top-level keys, keys in tables, quoted table names and indented keys', () => {
    expect(lineOfKey(text, ['model'])).toBe(1);
    expect(lineOfKey(text, ['providers', 'local', 'base_url'])).toBe(4);
    expect(lineOfKey(text, ['providers', 'my.dotted', 'wire_api'])).toBe(8);
    expect(lineOfKey(text, ['profiles', 'fast', 'max_turns'])).toBe(10);
    expect(lineOfKey(text, ['profiles', 'fast', 'providers', 'other', 'env_key'])).toBe(11);
  });

  it('falls back to the enclosing key or table, the first subtable, or nothing', () => {
    expect(lineOfKey(text, ['providers', 'local', 'headers', 'a'])).toBe(5);
    expect(lineOfKey(text, ['providers', 'local', 'nope'])).toBe(3);
    expect(lineOfKey(text, ['providers'])).toBe(3);
    expect(lineOfKey(text, ['missing'])).toBeUndefined();
  });

  it('splits dotted keys with quotes', () => {
    expect(splitDottedKey(' a."b.c" . d ')).toEqual(['a', 'b.c', 'd']);
  });
});

describe('validation error messages', () => {
  it('a bad value: file:line: key: what was expected', () => {
    const { message, file } = messageFor('model = "m"\n\napproval = "sometimes"\n');
    expect(message).toBe(`${file}:3: approval: Invalid option: expected one of "untrusted"|"on-request"|"never"`);
  });

  it('a wrong type', () => {
    const { message, file } = messageFor('max_turns = "ten"\n');
    expect(message).toBe(`${file}:1: max_turns: Invalid input: expected number, received string`);
  });

  it('an unknown top-level key lists the known ones', () => {
    const { message, file } = messageFor('model = "m"\nmodle = "x"\n');
    expect(message).toMatch(new RegExp(`^${file}:2: modle: unknown key; expected one of: model, provider, approval`));
  });

  it('an unknown key in a provider table', () => {
    const { message, file } = messageFor('[providers.x]\nbase_url = "http://h/v1"\nbase_uri = "http://h"\n');
    expect(message).toMatch(new RegExp(`^${file}:3: providers\\.x\\.base_uri: unknown key; expected one of: name, base_url, wire_api`));
  });

  it('a bad value in a profile', () => {
    const { message, file } = messageFor('[profiles.p]\nmodel = "m"\ncompact_threshold = 2\n');
    expect(message).toBe(`${file}:3: profiles.p.compact_threshold: Too big: expected number to be <=1`);
  });

  it('a bad entry inside an inline value points at its line', () => {
    const { message, file } = messageFor('[providers.x]\nprices = { "m" = [1, -2, 3] }\n');
    expect(message).toMatch(new RegExp(`^${file}:2: providers\\.x\\.prices\\.m\\.1: Too small`));
  });

  it('a bad capability flag type', () => {
    const { message, file } = messageFor('[providers.ollama]\nparallel_tool_calls = "no"\n');
    expect(message).toBe(`${file}:2: providers.ollama.parallel_tool_calls: Invalid input: expected boolean, received string`);
  });

  it('TOML syntax errors give line and column', () => {
    expect(messageFor('model = "m"\nmodel = \n').message).toMatch(/config\.toml:2:\d+: invalid TOML/);
  });

  it('-c errors name -c and the key, without a line', () => {
    let message = '';
    try {
      applyOverrides(['providers.x.stream_usage=maybe']);
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toBe('-c: providers.x.stream_usage: Invalid input: expected boolean, received string');
  });
});
