// A session: one conversation and its running totals; each call to `turn` is one SPEC §3 turn.
import { Conversation } from './conversation.ts';
import { emptyUsage } from './events.ts';
import type { EmitFn, Usage } from './events.ts';
import { runTurn } from './run-turn.ts';
import type { StepBudget, TurnOutcome } from './run-turn.ts';
import type { ModelClient, ToolSpec } from '../model/types.ts';
import type { ApprovalGate } from '../approvals/gate.ts';
import type { AnyTool, ToolContext } from '../tools/types.ts';

export interface SessionOptions {
  model: ModelClient;
  tools: AnyTool[];
  toolSpecs: ToolSpec[];
  instructions: string;
  toolContext: Omit<ToolContext, 'signal' | 'onOutput'>;
  emit: EmitFn;
  maxSteps?: number;
  deltas?: boolean;
  parallelToolCalls?: boolean;
  /** Resolves when the working copy is ready; tools wait on it, the first request does not. */
  ready?: Promise<unknown>;
  afterFileChange?: () => Promise<void>;
  conversation?: Conversation;
  /** The approval gate (policy, rules, the front's Approver); without one, whatever needs approval is denied. */
  approvals?: ApprovalGate;
}

export class Session {
  readonly conversation: Conversation;
  private readonly opts: SessionOptions;
  private readonly budget: StepBudget;
  private readonly totalUsage: { value: Usage } = { value: emptyUsage() };
  private turns = 0;
  private itemCounter = 0;

  constructor(opts: SessionOptions) {
    this.opts = opts;
    this.conversation = opts.conversation ?? new Conversation();
    this.budget = { maxSteps: opts.maxSteps, steps: 0 };
  }

  get usage(): Usage {
    return this.totalUsage.value;
  }

  get steps(): number {
    return this.budget.steps;
  }

  turn(input: string, signal: AbortSignal): Promise<TurnOutcome> {
    this.turns += 1;
    const nextId = (): string => `item_${this.itemCounter++}`;
    const { opts } = this;
    return runTurn(
      {
        model: opts.model,
        instructions: opts.instructions,
        toolSpecs: opts.toolSpecs,
        emit: opts.emit,
        nextId,
        budget: this.budget,
        totalUsage: this.totalUsage,
        parallelToolCalls: opts.parallelToolCalls,
        deltas: opts.deltas,
        afterFileChange: opts.afterFileChange,
        dispatch: {
          tools: new Map(opts.tools.map((t) => [t.name, t])),
          ctx: opts.toolContext,
          emit: opts.emit,
          nextId,
          ready: opts.ready,
          deltas: opts.deltas,
          approvals: opts.approvals,
        },
      },
      this.conversation,
      this.turns,
      input,
      signal,
    );
  }
}
