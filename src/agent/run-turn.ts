// The agent loop — the only one: send the conversation, run the tools the model calls, feed the
// results back, until the model answers without tools or a budget runs out.
import { addUsage, emptyUsage } from './events.ts';
import type { EmitFn, Usage } from './events.ts';
import type { Conversation } from './conversation.ts';
import { dispatchToolCall } from './dispatch.ts';
import type { DispatchDeps } from './dispatch.ts';
import { runStep } from './step.ts';
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
  deltas?: boolean;
  /** Called after each step whose tools changed files (checkpointing). */
  afterFileChange?: () => Promise<void>;
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
  emit({ type: 'turn.started', turn });
  conv.addUser(input);

  for (;;) {
    if (signal.aborted) return abortOutcome(signal, usage, deps, turn);
    if (deps.budget.maxSteps !== undefined && deps.budget.steps >= deps.budget.maxSteps) {
      endTurn();
      return { status: 'budget_exceeded', reason: `the step limit (--max-turns ${deps.budget.maxSteps}) was reached` };
    }
    deps.budget.steps += 1;
    let step;
    try {
      step = await runStep(
        { model: deps.model, emit, nextId: deps.nextId, deltas: deps.deltas },
        { model: deps.model.model, instructions: deps.instructions, input: conv.snapshot(), tools: deps.toolSpecs, parallelToolCalls: deps.parallelToolCalls },
        signal,
      );
    } catch (err) {
      if (signal.aborted) return abortOutcome(signal, usage, deps, turn);
      const error = err as Error;
      emit({ type: 'turn.failed', turn, error: { message: error.message } });
      deps.totalUsage.value = addUsage(deps.totalUsage.value, usage);
      if (error instanceof ModelError && error.kind === 'context_length') {
        return { status: 'budget_exceeded', reason: `the context window is full: ${error.message}` };
      }
      return { status: 'failed', error };
    }
    usage = addUsage(usage, step.usage);
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
        conv.add({ type: 'function_call_output', call_id: call.call_id, output: result.output });
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

function abortOutcome(signal: AbortSignal, usage: Usage, deps: TurnDeps, turn: number): TurnOutcome {
  deps.totalUsage.value = addUsage(deps.totalUsage.value, usage);
  const reason: unknown = signal.reason;
  if (reason === 'timeout') {
    deps.emit({ type: 'turn.failed', turn, error: { message: 'the time budget (--timeout) ran out' } });
    return { status: 'budget_exceeded', reason: 'the time budget (--timeout) ran out' };
  }
  deps.emit({ type: 'turn.failed', turn, error: { message: 'interrupted' } });
  return { status: 'interrupted' };
}
