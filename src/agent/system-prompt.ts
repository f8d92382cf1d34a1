// The system prompt: lean (its bytes are measured by the benchmark) but complete.

export interface PromptContext {
  /** The working copy root as the agent sees it. */
  root: string;
  /** Directory the user started in, relative to the root ('' for the root). */
  subdir: string;
  sandbox: string;
  network: boolean;
  /** Project instructions (AGENTS.md etc.), already capped; empty when none. */
  projectDoc?: string;
  /** How approvals work in this run (from approvals/prompt.ts). */
  approvals?: string;
  /** What hew changes in the user's environment for commands (from sandbox/env.ts), for `commandEnvLine`. */
  commandEnv?: CommandEnvChanges;
}

export interface CommandEnvChanges {
  /** Variables set on top of the user's environment. */
  variables: Readonly<Record<string, string>>;
  /** Git settings given at command scope (GIT_CONFIG_KEY_n/VALUE_n). */
  gitConfig: readonly (readonly [string, string])[];
}

/** The one line saying how commands' environment differs from the user's shell, generated from the list the sandbox applies. */
export function commandEnvLine(changes: CommandEnvChanges): string {
  const vars = Object.entries(changes.variables).map(([k, v]) => `${k}=${v}`);
  const git = changes.gitConfig.map(([k, v]) => `${k}=${v}`);
  return `Commands run without a terminal (output piped, stdin closed) in the user's environment minus secrets; hew changes only ${vars.join(', ')}${git.length ? ` and git's ${git.join(', ')}` : ''}.`;
}

const CORE = `You are hew, a coding agent. You work in a disposable copy of the user's repository; the user reviews your changes and applies them, so work freely but leave the tree in a state you would submit.

How to work:
- Read before you change: use grep and read_file to find and understand the relevant code.
- For work with several steps, keep a short plan with update_plan and update it as steps finish; skip it for small tasks.
- Edit files only with apply_patch. Make the smallest change that fixes the root cause, in the style of the surrounding code. Don't reformat or refactor unrelated code.
- Check your work: run the project's tests, type checker or build with shell, the ones closest to your change first. When something fails, read the error and fix the cause; never repeat a failing command unchanged.
- Commands run non-interactively (no stdin, no pager, no editor); don't start servers or watchers that never exit. Don't commit, push or create branches; hew records your changes.
- If the user asks a question, answer it without changing files.
- Finish with a plain message and no tool call: what you changed and why, how you verified it, and anything left undone. Name files by path. Be brief.`;

export function buildInstructions(ctx: PromptContext): string {
  const env = [
    `Repository root: ${ctx.root}`,
    ctx.subdir ? `The user started in: ${ctx.subdir}/` : '',
    `Sandbox: ${ctx.sandbox}; network ${ctx.network ? 'on' : 'off'}.`,
    ctx.approvals ?? '',
    ctx.commandEnv ? commandEnvLine(ctx.commandEnv) : '',
  ].filter(Boolean);
  const doc = ctx.projectDoc ? `\n\nProject instructions (AGENTS.md):\n${ctx.projectDoc}` : '';
  return `${CORE}\n\n${env.join('\n')}${doc}`;
}
