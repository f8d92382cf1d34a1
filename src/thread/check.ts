// A task's `check:` command: run in the working copy, inside the run's sandbox, after the agent
// finished. Its result decides whether the run succeeded (SPEC §6).
import { join } from 'node:path';
import type { CheckResult } from '../protocol/events.ts';
import type { Sandbox } from '../sandbox/types.ts';
import type { WorkingCopy } from '../workcopy/create.ts';

const CHECK_TIMEOUT_MS = 10 * 60_000;

export async function runCheck(command: string, copy: WorkingCopy, sandbox: Sandbox, log: (t: string) => void, signal: AbortSignal): Promise<CheckResult> {
  const result = await sandbox.run({ command, cwd: join(copy.root, copy.subdir), timeoutMs: CHECK_TIMEOUT_MS }, signal);
  log(`$ ${command}  # check\n${result.output}\n[exit ${result.exitCode}]\n`);
  return { command, exit_code: result.exitCode, passed: result.exitCode === 0 };
}
