// Stand-ins that let a long-lived session change its model (`/model`) and approval policy
// (`/approval`) between turns: the Thread holds these, and they delegate to whatever is current.
import type { ApprovalGate, CheckOptions } from '../approvals/gate.ts';
import type { ApprovalRules } from '../approvals/rules.ts';
import type { ApprovalAnswer, ApprovalPolicy, ApprovalRequest } from '../protocol/approval.ts';
import type { ModelClient, ModelDelta, ModelRequest } from '../model/types.ts';

/** A ModelClient that forwards to the current one; each request names the current model. */
export class SwitchableModel implements ModelClient {
  private current: ModelClient;

  constructor(initial: ModelClient) {
    this.current = initial;
  }

  get provider(): string {
    return this.current.provider;
  }

  get model(): string {
    return this.current.model;
  }

  set(next: ModelClient): void {
    this.current = next;
  }

  stream(req: ModelRequest, signal: AbortSignal): AsyncIterable<ModelDelta> {
    const client = this.current;
    return client.stream({ ...req, model: client.model }, signal);
  }
}

/** An ApprovalGate that forwards to the current gate (the remembered rules are shared by all of them). */
export class SwitchableGate implements ApprovalGate {
  private current: ApprovalGate;

  constructor(initial: ApprovalGate) {
    this.current = initial;
  }

  get policy(): ApprovalPolicy {
    return this.current.policy;
  }

  get rules(): ApprovalRules {
    return this.current.rules;
  }

  get decider(): 'person' | 'approver_command' {
    return this.current.decider;
  }

  get canApprove(): boolean {
    return this.current.canApprove;
  }

  set(next: ApprovalGate): void {
    this.current = next;
  }

  check(req: ApprovalRequest, opts?: CheckOptions): Promise<ApprovalAnswer> {
    return this.current.check(req, opts);
  }
}
