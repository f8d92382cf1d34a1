// The approver command's answer, read strictly (src/approvals/approver-answer.ts): a table of stdouts
// that are and are not one well-formed answer.
import { describe, expect, it } from 'vitest';
import { APPROVER_ANSWER_MAX_CHARS, APPROVER_REASON_MAX_CHARS, parseApproverAnswer } from '../../src/approvals/approver-answer.ts';

describe('parseApproverAnswer', () => {
  it.each([
    ['{"decision":"approve","reason":"ok"}', 'approve', 'ok'],
    ['{"decision":"deny","reason":"no"}\n', 'deny', 'no'],
    ['  {"decision":"ask"}  \n\n', 'ask', ''],
    ['{"decision":"approve","reason":"fine","extra":{"ignored":true}}', 'approve', 'fine'],
    ['{"decision":"deny","reason":"line one\\nline two\\t end"}', 'deny', 'line one line two end'],
    ['{"decision":"deny","reason":"\\u001b[31mred\\u001b[0m"}', 'deny', '\u001b[31mred\u001b[0m'],
    // The same names inside a nested object or a string are not the answer's own.
    ['{"decision":"deny","extra":{"decision":"approve"},"note":"\\"decision\\":\\"approve\\""}', 'deny', ''],
  ])('reads %j as %s', (stdout, decision, reason) => {
    expect(parseApproverAnswer(stdout)).toEqual({ ok: true, decision, reason });
  });

  it.each([
    ['', 'gave no answer (nothing on stdout)'],
    [' \n', 'gave no answer (nothing on stdout)'],
    ['{"decision":"deny"}{"decision":"approve"}', 'did not answer with exactly one JSON object on stdout'],
    ['{"decision":"deny"}\n{"decision":"approve"}\n', 'did not answer with exactly one JSON object on stdout'],
    ['ok\n{"decision":"approve"}', 'did not answer with exactly one JSON object on stdout'],
    ['{"decision":"approve"', 'did not answer with exactly one JSON object on stdout'],
    ['approve', 'did not answer with exactly one JSON object on stdout'],
    ['["approve"]', 'did not answer with a JSON object on stdout'],
    ['"approve"', 'did not answer with a JSON object on stdout'],
    ['null', 'did not answer with a JSON object on stdout'],
    ['{"decision":"APPROVE"}', 'answered with the unknown decision "APPROVE" (expected "approve", "deny" or "ask")'],
    ['{"decision":"approved"}', 'answered with the unknown decision "approved" (expected "approve", "deny" or "ask")'],
    ['{"reason":"no decision"}', 'answered with no "decision" string (expected "approve", "deny" or "ask")'],
    ['{"decision":true}', 'answered with no "decision" string (expected "approve", "deny" or "ask")'],
    ['{"decision":"approve","reason":42}', 'answered with a "reason" that is not a string'],
    // Ambiguous: JSON.parse keeps the last; a reason spliced into the answer's text can add a second one.
    ['{"decision":"deny","reason":"x","decision":"approve"}', 'answered with "decision" more than once'],
    ['{"decision":"deny","decisio\\u006e":"approve"}', 'answered with "decision" more than once'],
    ['{"reason":"a","decision":"approve","reason":"b"}', 'answered with "reason" more than once'],
    [`{"decision":"deny","decision"${' '.repeat(200)}\n:"approve"}`, 'answered with "decision" more than once'],
  ])('refuses %j: %s', (stdout, problem) => {
    expect(parseApproverAnswer(stdout)).toEqual({ ok: false, problem });
  });

  it('refuses a stdout over the limit, even a valid answer padded with spaces', () => {
    const padded = `{"decision":"approve"}${' '.repeat(APPROVER_ANSWER_MAX_CHARS)}`;
    expect(parseApproverAnswer(padded)).toEqual({ ok: false, problem: `wrote more than ${APPROVER_ANSWER_MAX_CHARS} characters on stdout` });
  });

  it('bounds the reason', () => {
    const parsed = parseApproverAnswer(JSON.stringify({ decision: 'deny', reason: 'x'.repeat(5000) }));
    expect(parsed.ok && parsed.reason.length).toBe(APPROVER_REASON_MAX_CHARS);
    expect(parsed.ok && parsed.reason.endsWith('…')).toBe(true);
  });
});
