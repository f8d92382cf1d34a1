// The best-of-N ranking as a table: which attempt is chosen, and the order of the rest.
import { describe, expect, it } from 'vitest';
import { rankAttempts, succeeded, type RankInput } from '../../src/attempts/rank.ts';

type Row = Omit<RankInput, 'index' | 'hasCheck'>;
const ok = (diffLines: number, costUsd?: number): Row => ({ status: 'completed', checkPassed: true, diffLines, ...(costUsd !== undefined ? { costUsd } : {}) });
const checkFailed = (diffLines: number): Row => ({ status: 'completed', checkPassed: false, diffLines });
const done = (diffLines: number, costUsd?: number): Row => ({ status: 'completed', checkPassed: null, diffLines, ...(costUsd !== undefined ? { costUsd } : {}) });
const ended = (status: RankInput['status'], diffLines = 0): Row => ({ status, checkPassed: null, diffLines });
/** A check that failed as a run reports it: the thread closes such a run as `failed` (its turn completed). */
const checkFailedRun = (diffLines: number): Row => ({ status: 'failed', checkPassed: false, diffLines });

const cases: [name: string, hasCheck: boolean, rows: Row[], order: number[]][] = [
  ['with a check: the passing one wins over a smaller failing one', true, [checkFailed(1), ok(10), checkFailed(0)], [2, 3, 1]],
  ['two pass: the smaller diff', true, [ok(3), ok(1), checkFailed(1)], [2, 1, 3]],
  ['same diff: the lower cost', true, [ok(2, 0.5), ok(2, 0.2)], [2, 1]],
  ['an unknown cost after a known one', true, [ok(2), ok(2, 9)], [2, 1]],
  ['all equal: the attempt order', true, [ok(2, 0.1), ok(2, 0.1), ok(2, 0.1)], [1, 2, 3]],
  ['two unknown costs: the order', true, [ok(2), ok(2)], [1, 2]],
  ['none passes: check failed before budget before failed before interrupted', true, [ended('interrupted'), ended('failed'), ended('budget_exceeded'), checkFailed(40)], [4, 3, 2, 1]],
  ['none passes, as runs report it: check failed (status failed) before a budget stop', true, [ended('budget_exceeded', 0), checkFailedRun(10)], [2, 1]],
  ['none passes, as runs report it: check failed before a failure of the model, whatever the sizes', true, [ended('failed', 0), checkFailedRun(10), ended('interrupted', 0)], [2, 1, 3]],
  ['a run not kept (its model never answered) after every kept one, even an interrupted one', false, [{ ...ended('failed'), removed: true }, ended('interrupted', 12)], [2, 1]],
  ['without a check: completed first, then the smaller diff', false, [ended('failed', 0), done(5), done(2)], [3, 2, 1]],
  ['without a check: a budget stop after any completed one', false, [ended('budget_exceeded', 0), done(100)], [2, 1]],
  ['without a check: lower cost breaks a tie in size', false, [done(4, 0.3), done(4, 0.1)], [2, 1]],
  ['without a check: one that changed nothing (gave up) after one that changed something', false, [done(0, 0.01), done(30, 0.9), done(0)], [2, 1, 3]],
  ['without a check: a binary-only change (files, no lines) is a change', false, [done(0), { ...done(0), diffFiles: 1 }], [2, 1]],
  ['without a check, every attempt changed nothing (a question): cost, then order', false, [done(0, 0.2), done(0, 0.1), done(0)], [2, 1, 3]],
  ['with a check, a pass that changed nothing is still the smallest diff', true, [ok(5), ok(0)], [2, 1]],
];

describe('rankAttempts', () => {
  it.each(cases)('%s', (_name, hasCheck, rows, order) => {
    const attempts = rows.map((r, i) => ({ ...r, index: i + 1, hasCheck }));
    expect(rankAttempts(attempts).map((a) => a.index)).toEqual(order);
    // The input is left as it was.
    expect(attempts.map((a) => a.index)).toEqual(rows.map((_, i) => i + 1));
  });
});

describe('succeeded', () => {
  it.each<[Row, boolean, boolean]>([
    [ok(1), true, true],
    [checkFailed(1), true, false],
    [checkFailedRun(1), true, false],
    [done(1), true, false], // with a check, a check that did not run is not a pass
    [done(1), false, true],
    [ended('budget_exceeded'), false, false],
    [ended('interrupted'), false, false],
  ])('%o with a check: %s → %s', (row, hasCheck, expected) => {
    expect(succeeded({ ...row, index: 1, hasCheck })).toBe(expected);
  });
});
