// A headless run (exec, batch, watch): open a thread, one turn, close it. Budgets (time) and the
// front's interrupt signal are combined here.
import type { CheckResult } from '../protocol/events.ts';
import { enforceOutputSchema } from '../agent/structured-output.ts';
import type { OutputSchema } from '../agent/structured-output.ts';
import { withResponseFormat } from '../model/response-format.ts';
import { Thread, titleOf } from './thread.ts';
import type { ThreadResult, ThreadSetup } from './thread.ts';


export interface ThreadOptions extends Omit<ThreadSetup, 'title'> {
  prompt: string;
  title?: string;
  check?: string;
  timeoutMs?: number;
  signal: AbortSignal;
  /** `--output-schema`: asked of the provider, and the final answer validated (one retry). */
  outputSchema?: OutputSchema;
  /** Task front matter `skills:`: their bodies go into the first request, before the prompt. */
  skills?: readonly string[];
}

export async function runThread(opts: ThreadOptions): Promise<ThreadResult & { check?: CheckResult }> {
  const schema = opts.outputSchema;
  const model = schema ? withResponseFormat(opts.model, schema.format) : opts.model;
  const thread = new Thread({ ...opts, model, title: opts.title ?? titleOf(opts.prompt) });
  const controller = new AbortController();
  const onAbort = (): void => controller.abort(opts.signal.reason ?? 'interrupt');
  opts.signal.addEventListener('abort', onAbort, { once: true });
  if (opts.signal.aborted) onAbort();
  const timer = opts.timeoutMs ? setTimeout(() => controller.abort('timeout'), opts.timeoutMs) : undefined;
  let outcome = await thread.turn(opts.prompt, controller.signal, opts.skills ? { skills: opts.skills } : {});
  if (schema) {
    outcome = await enforceOutputSchema(outcome, schema, {
      turn: (prompt) => thread.turn(prompt, controller.signal),
      report: (message, willRetry) => thread.reportError(message, willRetry),
    });
  }
  if (timer) clearTimeout(timer);
  opts.signal.removeEventListener('abort', onAbort);
  return thread.close(outcome, { check: opts.check, signal: opts.signal });
}
