// TOML syntax errors in plain words: a string left open is "unterminated string", other messages keep
// the parser's words without its prefix.
import { parse, TomlError } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { describeTomlError } from '../../src/config/toml-error.ts';

function describeFor(text: string): string {
  try {
    parse(text);
  } catch (err) {
    if (err instanceof TomlError) return describeTomlError(err, text);
    throw err;
  }
  throw new Error('parsed');
}

describe('describeTomlError', () => {
  const unterminated: string[] = [
    'model = "gpt-5.5\nsandbox = "read-only"\n', // basic string, more lines after
    "model = 'gpt-5.5\n", // literal string
    'model = "gpt-5.5', // at the end of the file
    'model = """gpt-5.5\n', // multi-line string never closed
    'a = 1\r\nmodel = "x\r\n', // CRLF
  ];
  it.each(unterminated)('%j is an unterminated string', (text) => {
    expect(describeFor(text)).toMatch(/^unterminated string/);
  });

  const other: [string, RegExp][] = [
    ['model = "a\u0001b"\n', /control characters/], // a real control character inside a closed string
    ['model = \n', /./],
    ['[a\nb = 1\n', /./],
  ];
  it.each(other)('%j keeps the parser\'s words', (text, expected) => {
    const said = describeFor(text);
    expect(said).toMatch(expected);
    expect(said).not.toMatch(/unterminated|^Invalid TOML document/);
  });
});
