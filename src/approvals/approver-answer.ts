// What the approver command (config `approver`) answered, read strictly: its stdout must be exactly one
// JSON object `{"decision": "approve" | "deny" | "ask", "reason": "..."}` (whitespace around it is
// allowed, other fields are ignored; `decision` or `reason` twice is ambiguous — JSON.parse would keep
// the last, which a reason spliced into the answer's text can add — and refused). Anything else is a problem, which the caller turns into a
// denial whose reason says which. Pure: tested as a table (test/unit/approvals/approver-answer.test.ts).

/** What an approver command may decide. */
export type ApproverDecision = 'approve' | 'deny' | 'ask';

const DECISIONS: readonly ApproverDecision[] = ['approve', 'deny', 'ask'];

/** The most of stdout an answer may be (one short JSON object); a longer stdout is a denial. */
export const APPROVER_ANSWER_MAX_CHARS = 16 * 1024;

/** The most of the approver's `reason` kept (shown to the model and recorded in the approval item). */
export const APPROVER_REASON_MAX_CHARS = 500;

export type ParsedAnswer = { ok: true; decision: ApproverDecision; reason: string } | { ok: false; problem: string };

export function parseApproverAnswer(stdout: string): ParsedAnswer {
  if (stdout.length > APPROVER_ANSWER_MAX_CHARS) return { ok: false, problem: `wrote more than ${APPROVER_ANSWER_MAX_CHARS} characters on stdout` };
  if (stdout.trim() === '') return { ok: false, problem: 'gave no answer (nothing on stdout)' };
  let value: unknown;
  try {
    value = JSON.parse(stdout);
  } catch {
    return { ok: false, problem: 'did not answer with exactly one JSON object on stdout' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, problem: 'did not answer with a JSON object on stdout' };
  const answer = value as Record<string, unknown>;
  const twice = (['decision', 'reason'] as const).find((key) => topLevelKeys(stdout).filter((k) => k === key).length > 1);
  if (twice !== undefined) return { ok: false, problem: `answered with "${twice}" more than once` };
  const decision = answer.decision;
  if (typeof decision !== 'string' || !(DECISIONS as readonly string[]).includes(decision)) {
    const said = typeof decision === 'string' ? `the unknown decision ${JSON.stringify(boundReason(decision, 40))}` : 'no "decision" string';
    return { ok: false, problem: `answered with ${said} (expected "approve", "deny" or "ask")` };
  }
  const reason = answer.reason;
  if (reason !== undefined && typeof reason !== 'string') return { ok: false, problem: 'answered with a "reason" that is not a string' };
  return { ok: true, decision: decision as ApproverDecision, reason: boundReason(reason ?? '', APPROVER_REASON_MAX_CHARS) };
}

/** One line, at most `max` characters (cut with an ellipsis). */
export function boundReason(text: string, max: number = APPROVER_REASON_MAX_CHARS): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= max ? line : `${line.slice(0, max - 1)}…`;
}

/** The keys of the top-level object of `json` (valid JSON: JSON.parse took it), in order, duplicates kept. */
function topLevelKeys(json: string): string[] {
  const keys: string[] = [];
  let depth = 0;
  for (let i = 0; i < json.length; i++) {
    const ch = json[i];
    if (ch === '{' || ch === '[') depth += 1;
    else if (ch === '}' || ch === ']') depth -= 1;
    else if (ch === '"') {
      let end = i + 1;
      while (json[end] !== '"') end += json[end] === '\\' ? 2 : 1;
      // A string at depth 1 followed by `:` (after any whitespace) is a key of the answer itself.
      let next = end + 1;
      while (next < json.length && ' \t\n\r'.includes(json[next] as string)) next += 1;
      if (depth === 1 && json[next] === ':') keys.push(JSON.parse(json.slice(i, end + 1)) as string);
      i = end;
    }
  }
  return keys;
}
