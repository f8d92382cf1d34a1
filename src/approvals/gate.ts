// The approval gate: policy first, then remembered deny rules ("always deny"), then remembered allow
// rules, then the approver command in front of a person (the TUI's `first`, when configured), then
// the front's Approver. A deny rule refuses any request the policy does not simply allow, whatever it
// is asked for (sandbox reasons included), before anyone is asked. Requests the policy simply
// allows pass silently; every other request is shown to an observer (which records it as an
// `approval` item) before it is decided, and again with its decision. A `first` approver runs before
// the request is shown, so the person is asked only about what it passed on (with its reason).
import { deniedByRuleNote, denyAlwaysNote, neverPolicyNote } from './notes.ts';
import { evaluatePolicy } from './policy.ts';
import { ApprovalRules } from './rules.ts';
import type { ApprovalRule } from './rules.ts';
import type { ApprovalAnswer, ApprovalPolicy, ApprovalRequest, SandboxFacts } from '../protocol/approval.ts';
import type { Approver, FirstApprover } from './types.ts';

export interface ApprovalObserver {
  /**
   * The request needs a decision (it carries `reason` and `reasons`); called before the front's
   * Approver decides. `passedBecause`: why the `first` approver left it to the front's Approver.
   */
  asked(req: ApprovalRequest, passedBecause?: string): void;
  /** The decision; also called (denied) when deciding threw, e.g. on interrupt. */
  decided(req: ApprovalRequest, answer: ApprovalAnswer): void;
}

export interface CheckOptions {
  signal?: AbortSignal;
  observer?: ApprovalObserver;
}

export interface ApprovalGate {
  readonly policy: ApprovalPolicy;
  readonly rules: ApprovalRules;
  /** The Approver's `canApprove`: whether anything beyond the policy's own "allow" can be approved. */
  readonly canApprove: boolean;
  /** Who decides what the policy leaves open (the system prompt says so): the Approver's `decider`. */
  readonly decider: 'person' | 'approver_command';
  check(req: ApprovalRequest, opts?: CheckOptions): Promise<ApprovalAnswer>;
}

export interface ApprovalGateOptions {
  policy: ApprovalPolicy;
  approver: Approver;
  /** Remembered rules to start from (or a shared set); "always" answers add to it. */
  rules?: ApprovalRules | ApprovalRule[];
  /** Decides before `approver` (after the policy and the remembered rules): the TUI's approver command. */
  first?: FirstApprover;
}

/** A request without sandbox facts is treated as having no usable sandbox: everything asks. */
const UNKNOWN_SANDBOX: SandboxFacts = { kind: 'none', mode: 'workspace-write', network: false };

export function createApprovalGate(opts: ApprovalGateOptions): ApprovalGate {
  const rules = opts.rules instanceof ApprovalRules ? opts.rules : new ApprovalRules(opts.rules ?? []);
  const { policy, approver } = opts;

  /** Decides a request the policy did not simply allow; `show` records it as asked (once). */
  async function decide(req: ApprovalRequest, action: 'ask' | 'deny', signal: AbortSignal, show: (passedBecause?: string) => void): Promise<ApprovalAnswer> {
    const reasons = req.reasons ?? [];
    const deniedBy = rules.deniedBy(req);
    if (deniedBy) {
      show();
      return { decision: 'denied', note: deniedByRuleNote(deniedBy), by: 'rule' };
    }
    if (action === 'deny') {
      show();
      return { decision: 'denied', note: neverPolicyNote(reasons, req.mcp_server), by: 'policy' };
    }
    if (rules.covers(req, reasons)) {
      show();
      return { decision: 'approved', note: 'Allowed by a command prefix the user approved earlier with "always".', by: 'rule' };
    }
    if (opts.first) {
      const first = await opts.first.decide(req, signal);
      if (first.decision !== 'pass') {
        show();
        return first;
      }
      show(first.reason);
    } else show();
    const answer = await approver.decide(req, signal);
    const by = answer.by ?? 'approver';
    if (answer.decision === 'approved_always' && !rules.remember(req)) {
      // Nothing rememberable (a bare program, a compound script): it counts for this command only.
      return { ...answer, decision: 'approved', by };
    }
    if (answer.decision === 'denied_always') {
      // Nothing rememberable: it is refused this once, and the model is told so.
      const prefix = rules.rememberDenial(req);
      return { ...answer, decision: prefix ? 'denied_always' : 'denied', note: denyAlwaysNote(answer.note, prefix), by };
    }
    return { ...answer, by };
  }

  return {
    policy,
    rules,
    canApprove: approver.canApprove,
    decider: approver.decider ?? 'person',
    async check(req, checkOpts = {}) {
      const verdict = evaluatePolicy({
        policy,
        sandbox: req.sandbox ?? UNKNOWN_SANDBOX,
        permissions: req.sandbox_permissions,
        command: req.argv ?? req.command,
        ...(req.writes_outside !== undefined ? { writesOutside: req.writes_outside } : {}),
      });
      if (verdict.action === 'allow') return { decision: 'approved', by: 'policy' };
      // An MCP call keeps its own reason: the sandbox facts it carries only make the policy ask.
      const shown: ApprovalRequest = { ...req, reason: req.mcp_server !== undefined ? req.reason : verdict.reason, reasons: verdict.reasons };
      const observer = checkOpts.observer;
      let shownYet = false;
      const show = (passedBecause?: string): void => {
        if (shownYet) return;
        shownYet = true;
        observer?.asked(shown, passedBecause);
      };
      let answer: ApprovalAnswer;
      try {
        answer = await decide(shown, verdict.action, checkOpts.signal ?? new AbortController().signal, show);
      } catch (err) {
        show();
        observer?.decided(shown, { decision: 'denied', note: `No decision: ${(err as Error).message}` });
        throw err;
      }
      observer?.decided(shown, answer);
      return answer;
    },
  };
}
