// The numbers flags take (exec, batch and watch share them): a table of what is taken and the one
// line each refusal prints, the same words as before the three copies became one.
import { describe, expect, it } from 'vitest';
import { positiveDollars, positiveInt } from '../../src/cli/flag-numbers.ts';
import { UsageError } from '../../src/errors/usage-error.ts';

function outcome(parse: () => number): number | string {
  try {
    return parse();
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return (err as Error).message;
  }
}

describe('positiveInt', () => {
  const table: Array<[string, string, number | string]> = [
    ['4', '--concurrency', 4],
    ['20', '--max-turns', 20],
    ['1e2', '--max-turns', 100],
    [' 3 ', '--max-turns', 3],
    ['0', '--concurrency', '--concurrency: expected a positive whole number, got "0"'],
    ['-2', '--max-turns', '--max-turns: expected a positive whole number, got "-2"'],
    ['1.5', '--max-turns', '--max-turns: expected a positive whole number, got "1.5"'],
    ['four', '--concurrency', '--concurrency: expected a positive whole number, got "four"'],
    ['', '--concurrency', '--concurrency: expected a positive whole number, got ""'],
    ['Infinity', '--max-turns', '--max-turns: expected a positive whole number, got "Infinity"'],
  ];
  it.each(table)('%j for %s → %j', (text, flag, expected) => {
    expect(outcome(() => positiveInt(text, flag))).toEqual(expected);
  });
});

describe('positiveDollars', () => {
  const table: Array<[string, number | string]> = [
    ['0.50', 0.5],
    ['$2', 2],
    ['1e-3', 0.001],
    ['0', '--max-cost: expected a positive amount of US dollars, e.g. 0.50, got "0"'],
    ['-1', '--max-cost: expected a positive amount of US dollars, e.g. 0.50, got "-1"'],
    ['$', '--max-cost: expected a positive amount of US dollars, e.g. 0.50, got "$"'],
    ['five', '--max-cost: expected a positive amount of US dollars, e.g. 0.50, got "five"'],
    ['Infinity', '--max-cost: expected a positive amount of US dollars, e.g. 0.50, got "Infinity"'],
  ];
  it.each(table)('%j → %j', (text, expected) => {
    expect(outcome(() => positiveDollars(text, '--max-cost'))).toEqual(expected);
  });
});
