// The agent loop — the only one: send the conversation, run the tools the model calls, feed the
// results back, until the model answers without tools or a budget runs out.
import { addUsage, emptyUsage } from '../model/usage.ts';
import type { EmitFn } from '../protocol/events.ts';
import type { Usage } from '../protocol/usage.ts';
import type { Conversation } from './conversation.ts';
import { dispatchToolCall } from './dispatch.ts';
import type { DispatchDeps } from './dispatch.ts';
import { runStep } from './step.ts';
import { fixedTokens } from './context-budget.ts';
import type { ContextBudget } from './context-budget.ts';
import type { LoopGuard } from './loop-guard.ts';
import { formatCost } from '../format/cost.ts';
import { BudgetStop } from './long-run.ts';
import type { CostMeter } from '../model/prices.ts';
import { ModelError } from '../model/types.ts';
import type { ModelClient, ToolSpec } from '../model/types.ts';

export interface StepBudget {
  /** Maximum model requests over the whole thread (`--max-turns`). */
  maxSteps?: number;
  steps: number;
}

export interface TurnDeps {
  model: ModelClient;
  instructions: string;
  toolSpecs: ToolSpec[];
  dispatch: DispatchDeps;
  emit: EmitFn;
  nextId: () => string;
  budget: StepBudget;
  totalUsage: { value: Usage };
  parallelToolCalls?: boolean;
  /** Sent with every step's request (model/types.ts `promptCacheKey`). */
  promptCacheKey?: string;
  deltas?: boolean;
  /** Called after each step whose tools changed files (checkpointing). */
  afterFileChange?: () => Promise<void>;
  /** The context window and compaction; without it nothing is compacted. */
  context?: ContextBudget;
  /** The running cost (every request, summaries included, is added). */
  meter?: CostMeter;
  /** Stop before the next step once the cost is over this (USD; `--max-cost`). */
  maxCostUsd?: number;
  /** Nudges a model that repeats a failing call. */
  loopGuard?: LoopGuard;
  /** Called each time a model response to an agent step has arrived whole (before its tools run). */
  onResponse?: () => void;
}

export type TurnOutcome =
  | { status: 'completed'; finalMessage: string }
  | { status: 'budget_exceeded'; reason: string }
  | { status: 'failed'; error: Error }
  | { status: 'interrupted' };

export async function runTurn(deps: TurnDeps, conv: Conversation, turn: number, input: string, signal: AbortSignal): Promise<TurnOutcome> {
  const { emit } = deps;
  let usage = emptyUsage();
  const endTurn = (): void => {
    deps.totalUsage.value = addUsage(deps.totalUsage.value, usage);
    emit({ type: 'turn.completed', turn, usage, total_usage: deps.totalUsage.value });
  };
  const spend = (more: Usage): void => {
    usage = addUsage(usage, more);
    deps.meter?.add(deps.model.model, more);
  };
  const stop = (reason: string): TurnOutcome => {
    failTurn(deps, turn, usage, reason);
    return { status: 'budget_exceeded', reason };
  };
  const fixed = fixedTokens(deps.instructions, deps.toolSpecs);
  /** Compacts when due (or now, with `force`); an outcome when the turn must end. */
  const makeRoom = async (force: 'full' | false): Promise<TurnOutcome | null> => {
    if (!deps.context) return force ? stop('the context window is full') : null;
    try {
      const room = await deps.context.makeRoom({ model: deps.model, emit, nextId: deps.nextId }, conv, fixed, signal, force);
      if (room.usage) spend(room.usage);
      return room.ok ? null : stop(room.reason);
    } catch (err) {
      if (signal.aborted) return abortOutcome(signal, usage, deps, turn);
      const error = err as Error;
      failTurn(deps, turn, usage, `compacting the conversation failed: ${error.message}`);
      return { status: 'failed', error };
    }
  };
  emit({ type: 'turn.started', turn });
  conv.addUser(input);
  let compactedForError = false;

  for (;;) {
    if (signal.aborted) return abortOutcome(signal, usage, deps, turn);
    if (deps.budget.maxSteps !== undefined && deps.budget.steps >= deps.budget.maxSteps) {
      endTurn();
      return { status: 'budget_exceeded', reason: `the step limit (--max-turns ${deps.budget.maxSteps}) was reached` };
    }
    const spent = deps.meter?.usd;
    if (deps.maxCostUsd !== undefined && spent !== undefined && spent > deps.maxCostUsd) {
      return stop(`the cost budget (--max-cost ${formatCost(deps.maxCostUsd)}) was exceeded: ${formatCost(spent)} spent`);
    }
    const ended = await makeRoom(false);
    if (ended) return ended;
    deps.budget.steps += 1;
    const input = conv.snapshot();
    let step;
    try {
      step = await runStep(
        { model: deps.model, emit, nextId: deps.nextId, deltas: deps.deltas },
        {
          model: deps.model.model,
          instructions: deps.instructions,
          input,
          tools: deps.toolSpecs,
          parallelToolCalls: deps.parallelToolCalls,
          ...(deps.promptCacheKey ? { promptCacheKey: deps.promptCacheKey } : {}),
        },
        signal,
      );
    } catch (err) {
      if (signal.aborted) return abortOutcome(signal, usage, deps, turn);
      const error = err as Error;
      if (error instanceof ModelError && error.kind === 'context_length') {
        // One compaction attempt before giving up; the failed request does not count as a step.
        if (compactedForError) return stop(`the context window is full: ${error.message}`);
        compactedForError = true;
        deps.budget.steps -= 1;
        const ended = await makeRoom('full');
        if (ended) return ended;
        continue;
      }
      failTurn(deps, turn, usage, error.message);
      return { status: 'failed', error };
    }
    compactedForError = false;
    deps.onResponse?.();
    spend(step.usage);
    deps.context?.observe(step.usage.input_tokens, input);
    conv.add(...step.output);
    if (step.calls.length === 0) {
      endTurn();
      return { status: 'completed', finalMessage: step.text };
    }

    let changed = false;
    for (const [index, call] of step.calls.entries()) {
      if (signal.aborted) {
        for (const skipped of step.calls.slice(index)) {
          conv.add({ type: 'function_call_output', call_id: skipped.call_id, output: 'Interrupted by the user before this ran.' });
        }
        return abortOutcome(signal, usage, deps, turn);
      }
      try {
        const result = await dispatchToolCall(call, deps.dispatch, signal);
        changed ||= result.changedFiles;
        const nudge = deps.loopGuard?.record(call.name, call.arguments, result.failed, result.output) ?? null;
        const output = nudge ? `${result.output}\n\n${nudge}` : result.output;
        conv.add({ type: 'function_call_output', call_id: call.call_id, output });
      } catch (err) {
        if (!signal.aborted) throw err;
        conv.add({ type: 'function_call_output', call_id: call.call_id, output: 'Interrupted by the user while running.' });
        for (const skipped of step.calls.slice(index + 1)) {
          conv.add({ type: 'function_call_output', call_id: skipped.call_id, output: 'Interrupted by the user before this ran.' });
        }
        return abortOutcome(signal, usage, deps, turn);
      }
    }
    if (changed && deps.afterFileChange) await deps.afterFileChange();
  }
}

/** Ends the turn as failed: what it used counts in the total, and the event says both (what was spent stays known after an interrupt). */
function failTurn(deps: TurnDeps, turn: number, usage: Usage, message: string): void {
  deps.totalUsage.value = addUsage(deps.totalUsage.value, usage);
  deps.emit({ type: 'turn.failed', turn, error: { message }, usage, total_usage: deps.totalUsage.value });
}

function abortOutcome(signal: AbortSignal, usage: Usage, deps: TurnDeps, turn: number): TurnOutcome {
  const reason: unknown = signal.reason;
  if (reason === 'timeout') {
    failTurn(deps, turn, usage, 'the time budget (--timeout) ran out');
    return { status: 'budget_exceeded', reason: 'the time budget (--timeout) ran out' };
  }
  if (reason instanceof BudgetStop) {
    failTurn(deps, turn, usage, reason.reason);
    return { status: 'budget_exceeded', reason: reason.reason };
  }
  if (reason instanceof Error) {
    // Stopped by a failure outside the loop (the working copy could not be made), not by the user.
    failTurn(deps, turn, usage, reason.message);
    return { status: 'failed', error: reason };
  }
  failTurn(deps, turn, usage, 'interrupted');
  return { status: 'interrupted' };
}
