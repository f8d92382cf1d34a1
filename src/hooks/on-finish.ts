// The on_finish hook: run once when a thread closes, before thread.completed, with the run's
// summary on stdin. Its failure is only a warning; it never changes the run's status.
import type { FileChange } from '../protocol/files.ts';
import type { ThreadStatus } from '../protocol/events.ts';
import type { Sandbox } from '../sandbox/types.ts';
import { describeHookFailure } from './runner.ts';
import type { HookRunner } from './runner.ts';

export interface FinishSummary {
  status: ThreadStatus;
  exit_code: number;
  files_changed: FileChange[];
  final_message: string | null;
}

export async function runOnFinish(
  hooks: HookRunner,
  summary: FinishSummary,
  where: { sandbox: Sandbox; cwd: string },
  warn?: (message: string) => void,
): Promise<void> {
  if (!hooks.has('on_finish')) return;
  // Its own signal: the run's may already be aborted (an interrupted run still reports); the hook's timeout bounds it.
  const result = await hooks.run('on_finish', { ...summary }, { ...where, signal: new AbortController().signal });
  if (result && !result.ok) {
    const output = result.output.trim();
    warn?.(`${describeHookFailure(result)}${output ? `: ${output.split('\n').slice(-5).join(' | ')}` : ''}`);
  }
}
