// Runs one tool call the model made: validates it, shows it as an item, returns the model's output.
// Broken calls (unknown tool, invalid JSON, wrong arguments) become error outputs; the run goes on.
import type { EmitFn, Item, ItemBody } from '../protocol/events.ts';
import type { ApprovalGate } from '../approvals/gate.ts';
import { approvalRequester } from '../approvals/requester.ts';
import type { ToolCall } from '../model/types.ts';
import type { AnyTool, ToolContext } from '../tools/types.ts';
import { describeArgError, parseToolArguments } from '../tools/registry.ts';
import type { StreamRedactor } from '../secrets/redact.ts';

export interface DispatchDeps {
  tools: ReadonlyMap<string, AnyTool>;
  ctx: Omit<ToolContext, 'signal' | 'onOutput'>;
  emit: EmitFn;
  nextId: () => string;
  /** Resolves when the working copy exists; tools wait for it. */
  ready?: Promise<unknown>;
  /** Whether to emit item.delta events for streamed command output. */
  deltas?: boolean;
  /** The run's approval gate; each tool call gets a `requestApproval` that records `approval` items. */
  approvals?: ApprovalGate;
  /** Redacts streamed output (item.delta) so a secret split across chunks is still caught. */
  redactStream?: () => StreamRedactor;
}

export interface DispatchResult {
  output: string;
  /** True when the call changed files (a checkpoint is due). */
  changedFiles: boolean;
  failed: boolean;
}

export async function dispatchToolCall(call: ToolCall, deps: DispatchDeps, signal: AbortSignal): Promise<DispatchResult> {
  const tool = deps.tools.get(call.name);
  if (!tool) {
    const known = [...deps.tools.keys()].join(', ');
    return reject(deps, `Unknown tool "${call.name}". Available tools: ${known}.`);
  }
  let raw: unknown;
  try {
    raw = parseToolArguments(call.arguments);
  } catch (err) {
    return reject(deps, `${call.name}: ${(err as Error).message}`);
  }
  const parsed = tool.schema.safeParse(raw);
  if (!parsed.success) return reject(deps, describeArgError(tool, parsed.error));

  await deps.ready;
  const id = deps.nextId();
  const stream = deps.deltas ? deps.redactStream?.() : undefined;
  const delta = (text: string): void => {
    if (text) deps.emit({ type: 'item.delta', id, text });
  };
  const ctx: ToolContext = {
    ...deps.ctx,
    signal,
    onOutput: deps.deltas ? (text) => delta(stream ? stream.push(text) : text) : undefined,
  };
  if (deps.approvals) ctx.requestApproval = approvalRequester(deps.approvals, deps.emit, deps.nextId, signal, id);
  let begun: ItemBody;
  try {
    begun = tool.begin(parsed.data, ctx);
  } catch {
    begun = { type: 'command_execution', command: call.name, cwd: deps.ctx.root, exit_code: null, aggregated_output: '', duration_ms: null, tool: call.name };
  }
  deps.emit({ type: 'item.started', item: { ...begun, id, status: 'in_progress' } as Item });
  try {
    const outcome = await tool.run(parsed.data, ctx);
    if (stream) delta(stream.end());
    deps.emit({ type: 'item.completed', item: { ...outcome.item, id, status: outcome.status } as Item });
    return {
      output: outcome.output,
      changedFiles: outcome.item.type === 'file_change' && outcome.status === 'completed',
      failed: outcome.status !== 'completed',
    };
  } catch (err) {
    if (signal.aborted) throw err;
    const message = `${call.name} failed: ${(err as Error).message}`;
    deps.emit({ type: 'item.completed', item: { ...begun, id, status: 'failed' } as Item });
    return { output: message, changedFiles: false, failed: true };
  }
}

function reject(deps: DispatchDeps, message: string): DispatchResult {
  const item: Item = { type: 'error', message, id: deps.nextId(), status: 'failed' };
  deps.emit({ type: 'item.completed', item });
  return { output: message, changedFiles: false, failed: true };
}
