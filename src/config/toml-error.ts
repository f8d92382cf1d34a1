// A TOML syntax error as one line naming the file, the line and column, and what is wrong. The parser's
// own words are kept except where they mislead: a string left open at the end of its line is reported
// by smol-toml as "control characters are not allowed in strings" (it met the newline); that is an
// unterminated string, and saying so points at the missing quote.
import type { TomlError } from 'smol-toml';
import { ConfigError } from './errors.ts';

/** The ConfigError for `err`, raised while parsing `text` from `file`. */
export function tomlSyntaxError(file: string, err: TomlError, text: string): ConfigError {
  return new ConfigError(`${file}:${err.line}:${err.column}`, null, `invalid TOML: ${describeTomlError(err, text)}`);
}

/** The first line of the parser's message, without its "Invalid TOML document: " prefix, made plain. */
export function describeTomlError(err: Pick<TomlError, 'message' | 'line' | 'column'>, text: string): string {
  const said = (err.message.split('\n')[0] ?? '').replace(/^Invalid TOML document:\s*/i, '');
  const lineText = (text.split('\n')[err.line - 1] ?? '').replace(/\r$/, '');
  const atEndOfLine = err.column > lineText.length;
  if (/unfinished string/i.test(said) || (/control characters are not allowed in strings/i.test(said) && atEndOfLine)) {
    return 'unterminated string: a quote opened on this line is not closed before the end of the line (a multi-line string needs """ or \'\'\')';
  }
  return said;
}
