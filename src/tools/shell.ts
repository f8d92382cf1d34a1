// The `shell` tool (Codex's shape): runs a command in the sandbox and reports exit code, wall time
// and combined output, capped for the model; the full output goes to the run log. Every command is
// put to the approval gate first (`sandbox_permissions` asks to leave the sandbox or use the network).
import path from 'node:path';
import { z } from 'zod';
import { requestWithoutApprover } from '../approvals/index.ts';
import { isDenial } from '../approvals/decision.ts';
import { planRun } from '../approvals/policy.ts';
import type { ApprovalRequest } from '../protocol/approval.ts';
import { capCommandOutput } from '../sandbox/output-cap.ts';
import { resolveInside } from './paths.ts';
import { startedCommandItem } from './items.ts';
import type { CommandItem } from './items.ts';
import type { Tool, ToolContext, ToolOutcome } from './types.ts';
import { describeHookFailure } from '../hooks/runner.ts';

const DEFAULT_SHELL_TIMEOUT_MS = 120_000;
const MAX_SHELL_TIMEOUT_MS = 600_000;

const schema = z.object({
  command: z
    .union([z.string().min(1), z.array(z.string()).min(1)])
    .describe('A bash script, or an argv such as ["rg","-n","foo"].'),
  workdir: z.string().optional().describe('Directory to run in, relative to the repository root. Default: the root.'),
  timeout_ms: z.number().optional().describe('Timeout in ms. Default 120000, max 600000.'),
  sandbox_permissions: z
    .enum(['use_default', 'require_escalated', 'require_network'])
    .optional()
    .describe('Ask the user to run outside the sandbox (require_escalated) or with network (require_network).'),
  justification: z.string().optional().describe('With sandbox_permissions: one sentence on why.'),
});

export type ShellArgs = z.infer<typeof schema>;

const SHELLS = new Set(['bash', 'sh']);
const SCRIPT_FLAGS = new Set(['-c', '-lc', '-cl']);

/** What actually runs: a script for `bash -c`, or an argv. `bash -lc S` and `sh -c S` become S (never a login shell). */
export function normalizeCommand(command: string | string[]): string | string[] {
  if (typeof command === 'string') return command;
  const [shell, flag, script] = command;
  if (command.length === 3 && shell !== undefined && flag !== undefined && script !== undefined) {
    if (SHELLS.has(path.basename(shell)) && SCRIPT_FLAGS.has(flag)) return script;
  }
  return command;
}

/** Quotes an argument for display, POSIX-shell style. */
export function quoteArg(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** The command as shown in items and logs. */
export function displayCommand(command: string | string[]): string {
  const normalized = normalizeCommand(command);
  return typeof normalized === 'string' ? normalized : normalized.map(quoteArg).join(' ');
}

function clampTimeout(requested: number | undefined, ctx: ToolContext): number {
  const fallback = ctx.defaultTimeoutMs ?? DEFAULT_SHELL_TIMEOUT_MS;
  if (requested === undefined || !Number.isFinite(requested) || requested <= 0) return fallback;
  return Math.min(Math.round(requested), MAX_SHELL_TIMEOUT_MS);
}

function begin(args: ShellArgs, ctx: ToolContext): CommandItem {
  return startedCommandItem(displayCommand(args.command), path.resolve(ctx.visibleRoot ?? ctx.root, args.workdir ?? '.'));
}

async function run(args: ShellArgs, ctx: ToolContext): Promise<ToolOutcome> {
  const item = begin(args, ctx);
  const fail = (message: string): ToolOutcome => ({
    output: message,
    item: { ...item, aggregated_output: message },
    status: 'failed',
  });
  let cwd: string;
  try {
    cwd = resolveInside(ctx.root, args.workdir ?? '.', ctx.visibleRoot);
  } catch (err) {
    return fail(`workdir refused: ${(err as Error).message}`);
  }
  const declined = (message: string): ToolOutcome => ({
    output: message,
    item: { ...item, cwd, aggregated_output: message },
    status: 'declined',
  });
  const command = normalizeCommand(args.command);
  const blocked = await beforeCommandHook(ctx, item.command, Array.isArray(command) ? command : undefined, item.cwd);
  if (blocked !== null) return declined(blocked);
  const permissions = args.sandbox_permissions ?? 'use_default';
  const plan = planRun(ctx.sandbox, permissions);
  const request: ApprovalRequest = {
    tool: 'shell',
    command: item.command,
    ...(Array.isArray(command) ? { argv: command } : {}),
    cwd: item.cwd,
    sandboxed: plan.sandboxed,
    network: plan.network,
    ...(args.justification ? { justification: args.justification } : {}),
    reason: '',
    sandbox_permissions: permissions,
    sandbox: { kind: ctx.sandbox.kind, mode: ctx.sandbox.mode, network: ctx.sandbox.network },
  };
  const answer = await (ctx.requestApproval ?? requestWithoutApprover)(request);
  if (isDenial(answer.decision)) return declined(answer.note ?? 'Not run: the user denied this command.');
  const runner = plan.escalate ? ctx.unsandboxed : ctx.sandbox;
  if (!runner) {
    return declined('Not run: approved, but this run has no way to run commands outside the sandbox. Run it inside the sandbox (leave out sandbox_permissions).');
  }
  let result;
  try {
    result = await runner.run(
      {
        command,
        cwd,
        timeoutMs: clampTimeout(args.timeout_ms, ctx),
        onOutput: ctx.onOutput,
        ...(plan.openNetwork ? { network: true } : {}),
      },
      ctx.signal,
    );
  } catch (err) {
    return fail(`The command could not be run: ${(err as Error).message}`);
  }
  ctx.log?.(result.output);
  const shown = capCommandOutput(result);
  const seconds = (result.durationMs / 1000).toFixed(1);
  return {
    output: `Exit code: ${result.exitCode}\nWall time: ${seconds} seconds\nOutput:\n${shown}`,
    item: {
      ...item,
      cwd,
      exit_code: result.exitCode,
      aggregated_output: shown,
      duration_ms: result.durationMs,
    },
    status: result.exitCode === 0 ? 'completed' : 'failed',
  };
}

/** Runs the before_command hook; the reason the command is blocked, or null when it may run. */
async function beforeCommandHook(ctx: ToolContext, command: string, argv: string[] | undefined, cwd: string): Promise<string | null> {
  if (!ctx.hooks?.has('before_command')) return null;
  const r = await ctx.hooks.run('before_command', { command, ...(argv ? { argv } : {}), cwd }, { sandbox: ctx.sandbox, cwd: ctx.root, signal: ctx.signal });
  if (!r || r.ok) return null;
  return `Not run: blocked by ${describeHookFailure(r)}.\n${r.output}`;
}

export const shellTool: Tool<ShellArgs> = {
  name: 'shell',
  description:
    'Run a command in the sandboxed working copy of the repository. Returns exit code, wall time and combined ' +
    'stdout+stderr (long output keeps head and tail). No TTY, stdin closed, no network unless enabled. ' +
    'Set workdir instead of using cd.',
  schema,
  begin,
  run,
};

/**
 * The shell tool as offered when no one can approve (a headless front): its parameters leave out
 * `sandbox_permissions` and `justification`. It runs exactly as `shellTool`, so an escalation the model
 * asks for anyway still goes to the gate and is denied with a note saying why.
 */
export const sandboxOnlyShellTool: Tool<ShellArgs> = {
  ...shellTool,
  parameters: (() => {
    const params = z.toJSONSchema(schema.omit({ sandbox_permissions: true, justification: true })) as Record<string, unknown>;
    delete params.$schema;
    return params;
  })(),
};
