// A session: one conversation and its running totals; each call to `turn` is one SPEC §3 turn.
import { Conversation } from './conversation.ts';
import { addUsage, emptyUsage } from '../model/usage.ts';
import type { EmitFn } from '../protocol/events.ts';
import type { Usage } from '../protocol/usage.ts';
import { runTurn } from './run-turn.ts';
import { ContextBudget, fixedTokens } from './context-budget.ts';
import type { LongRunOptions } from './long-run.ts';
import { LoopGuard } from './loop-guard.ts';
import { contextWindowFor } from '../model/context-windows.ts';
import { CostMeter } from '../model/prices.ts';
import type { StepBudget, TurnOutcome } from './run-turn.ts';
import type { ModelClient, ToolSpec } from '../model/types.ts';
import type { ApprovalGate } from '../approvals/gate.ts';
import type { AnyTool, ToolContext } from '../tools/types.ts';
import type { StreamRedactor } from '../secrets/redact.ts';

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
  /** The run's `prompt_cache_key`: one for the whole run, resumes included. */
  promptCacheKey?: string;
  /** Resolves when the working copy is ready; tools wait on it, the first request does not. */
  ready?: Promise<unknown>;
  afterFileChange?: () => Promise<void>;
  conversation?: Conversation;
  /** Steps already taken in this run (a resumed run goes on numbering from here). */
  stepsDone?: number;
  /** The approval gate (policy, rules, the front's Approver); without one, whatever needs approval is denied. */
  approvals?: ApprovalGate;
  /** Context window, compaction threshold, prices and the cost budget. */
  longRun?: LongRunOptions;
  /** Redacts streamed tool output (the run's redactor). */
  redactStream?: () => StreamRedactor;
}

export class Session {
  readonly conversation: Conversation;
  private readonly opts: SessionOptions;
  private readonly budget: StepBudget;
  private readonly totalUsage: { value: Usage } = { value: emptyUsage() };
  private turns = 0;
  private responsesValue = 0;
  private itemCounter = 0;
  private readonly meter: CostMeter;
  private readonly loopGuard = new LoopGuard();
  private contextValue: ContextBudget | null = null;

  constructor(opts: SessionOptions) {
    this.opts = opts;
    this.conversation = opts.conversation ?? new Conversation();
    this.budget = { maxSteps: opts.maxSteps, steps: opts.stepsDone ?? 0 };
    this.meter = new CostMeter(opts.longRun?.prices, opts.longRun?.sharedMeter);
  }

  /** USD spent so far; undefined when a model's price is unknown. */
  get costUsd(): number | undefined {
    return this.meter.usd;
  }

  /** The current model's prices [input, cached, output] per million tokens, when known. */
  get prices(): [number, number, number] | undefined {
    return this.meter.pricesFor(this.opts.model.model);
  }

  /** The context budget of the current model (made again when `/model` switched it). */
  get context(): ContextBudget {
    const window = contextWindowFor(this.opts.model.model, this.opts.longRun?.contextWindow);
    if (this.contextValue?.window !== window) this.contextValue = new ContextBudget(window, this.opts.longRun?.compactThreshold);
    return this.contextValue;
  }

  /**
   * Compacts the conversation now, between turns (`/compact`). `compacted` is false when there was
   * nothing to compact; `note` says why, or that even the compacted conversation is over the window.
   * A failing summary request throws.
   */
  async compact(signal: AbortSignal): Promise<{ compacted: boolean; note?: string }> {
    const { opts } = this;
    const nextId = (): string => `item_${this.itemCounter++}`;
    const room = await this.context.makeRoom({ model: opts.model, emit: opts.emit, nextId }, this.conversation, fixedTokens(opts.instructions, opts.toolSpecs), signal, 'manual');
    if (room.usage) {
      this.totalUsage.value = addUsage(this.totalUsage.value, room.usage);
      this.meter.add(opts.model.model, room.usage);
    }
    return room.ok ? { compacted: true } : { compacted: room.usage !== null, note: room.reason };
  }

  get usage(): Usage {
    return this.totalUsage.value;
  }

  get steps(): number {
    return this.budget.steps;
  }

  /** Model responses to agent steps that arrived whole in this session (0: the model never answered). */
  get responses(): number {
    return this.responsesValue;
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
        promptCacheKey: opts.promptCacheKey,
        deltas: opts.deltas,
        afterFileChange: opts.afterFileChange,
        context: this.context,
        meter: this.meter,
        maxCostUsd: opts.longRun?.maxCostUsd,
        loopGuard: this.loopGuard,
        onResponse: () => {
          this.responsesValue += 1;
        },
        dispatch: {
          tools: new Map(opts.tools.map((t) => [t.name, t])),
          ctx: opts.toolContext,
          emit: opts.emit,
          nextId,
          ready: opts.ready,
          deltas: opts.deltas,
          approvals: opts.approvals,
          redactStream: opts.redactStream,
        },
      },
      this.conversation,
      this.turns,
      input,
      signal,
    );
  }
}
