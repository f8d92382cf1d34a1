// Remembered "always allow" rules. A rule is the exact command the person approved, as words
// (`npm test`), and covers later commands that start with those words at word boundaries
// (`npm test -- --watch=false`, not `npm testx` or `npm publish`). A bare program name is never a
// rule. Rules answer only "may this command run": they never cover leaving the sandbox or opening
// the network — those are asked every time. A rule approved while no sandbox was available
// (`host`) is the only kind that covers running on the host without a sandbox.
//
// Remembered "always deny" rules ("reject always") use the same words and the same prefix matching,
// but refuse rather than allow, so they are broader: a request is refused when ANY part of its script
// starts with a denied prefix (assignments and redirections around the words do not matter), whatever
// the reasons it is asked for — denying never widens anything. A request they do not match is simply
// asked as before.
import { commandParts, isHarmlessRedirect, isPlainProgram, isReadOnlyPart } from './read-only.ts';
import type { SimpleCommand } from './shell-words.ts';
import type { ApprovalReason, ApprovalRequest } from '../protocol/approval.ts';

export interface ApprovalRule {
  /** The command's words, program first; at least two. */
  prefix: string[];
  /** Approved when the run had no usable sandbox: also covers the `no_sandbox` question. */
  host: boolean;
}

/** Reasons a rule can answer; any other reason means the request is asked again. */
const COVERABLE: ReadonlySet<ApprovalReason> = new Set(['untrusted', 'no_sandbox']);

function plainPart(part: SimpleCommand): boolean {
  return part.assignments.length === 0 && part.redirects.every(isHarmlessRedirect) && isPlainProgram(part.words[0]);
}

function partsOf(req: ApprovalRequest): SimpleCommand[] | null {
  return commandParts(req.argv ?? req.command);
}

/**
 * The words an "always" for this request would store, or null when it cannot be remembered: not a
 * single plain command, or a bare program name. Fronts use this to decide whether to offer "always".
 */
export function rememberablePrefix(req: ApprovalRequest): string[] | null {
  const parts = partsOf(req);
  if (!parts || parts.length !== 1) return null;
  const [part] = parts as [SimpleCommand];
  if (!plainPart(part) || part.redirects.length > 0 || part.words.length < 2) return null;
  return [...part.words];
}

function startsWith(words: string[], prefix: string[]): boolean {
  return prefix.length <= words.length && prefix.every((w, i) => words[i] === w);
}

export class ApprovalRules {
  private readonly rules: ApprovalRule[] = [];
  /** Denied prefixes ("always deny"), each at least two words. */
  private readonly denied: string[][] = [];

  constructor(initial: ApprovalRule[] = []) {
    for (const rule of initial) {
      if (rule.prefix.length >= 2 && isPlainProgram(rule.prefix[0])) this.rules.push({ prefix: [...rule.prefix], host: rule.host });
    }
  }

  list(): ApprovalRule[] {
    return this.rules.map((r) => ({ prefix: [...r.prefix], host: r.host }));
  }

  /** Stores the rule an "always" for `req` stands for; null when the request cannot be remembered. */
  remember(req: ApprovalRequest): ApprovalRule | null {
    const prefix = rememberablePrefix(req);
    if (!prefix) return null;
    const host = (req.reasons ?? []).includes('no_sandbox');
    const existing = this.rules.find((r) => r.host === host && r.prefix.join('\0') === prefix.join('\0'));
    if (existing) return { ...existing };
    const rule = { prefix, host };
    this.rules.push(rule);
    return { prefix: [...prefix], host };
  }

  /** The denied prefixes, as remembered. */
  listDenied(): string[][] {
    return this.denied.map((p) => [...p]);
  }

  /** Stores the deny rule a "deny always" for `req` stands for (its words); null when it cannot be remembered. */
  rememberDenial(req: ApprovalRequest): string[] | null {
    const prefix = rememberablePrefix(req);
    if (!prefix) return null;
    if (!this.denied.some((p) => p.join('\0') === prefix.join('\0'))) this.denied.push(prefix);
    return [...prefix];
  }

  /** The deny rule that refuses `req` (some part of its script starts with that prefix), or null. */
  deniedBy(req: ApprovalRequest): string[] | null {
    if (this.denied.length === 0) return null;
    const parts = partsOf(req) ?? [];
    for (const part of parts) {
      const prefix = this.denied.find((p) => startsWith(part.words, p));
      if (prefix) return [...prefix];
    }
    return null;
  }

  /**
   * Whether remembered rules answer every reason of this request. Each part of a script must be
   * covered by a rule (or, for the `untrusted` question alone, be read-only).
   */
  covers(req: ApprovalRequest, reasons: ApprovalReason[]): boolean {
    if (reasons.length === 0 || !reasons.every((r) => COVERABLE.has(r))) return false;
    const parts = partsOf(req);
    if (!parts) return false;
    const host = reasons.includes('no_sandbox');
    return parts.every((part) => {
      if (!host && isReadOnlyPart(part)) return true;
      if (!plainPart(part)) return false;
      return this.rules.some((r) => (r.host || !host) && startsWith(part.words, r.prefix));
    });
  }
}
