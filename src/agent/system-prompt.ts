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
  /** What git shows in the copy (absent: say nothing about it). */
  git?: PromptGit;
  /** The remember tool is offered: the prompt says when to use it. */
  remember?: boolean;
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

/** The copy's git as the model finds it. */
export interface PromptGit {
  /** False for a plain directory: the copy's git is hew's own, not a checkout of the user's. */
  isGit: boolean;
  /** The user's branch (null: detached HEAD). */
  branch: string | null;
  /** The user's HEAD commit (null: no commits yet, or unknown). */
  commit: string | null;
  /** The sandbox keeps the copy's `.git` read-only (false: no sandbox, or danger-full-access). */
  readOnly: boolean;
}

const CORE = `You are hew, a coding agent. You work in a disposable copy of the user's repository; the user reviews your changes and applies them, so work freely but leave the tree in a state you would submit.

How to work:
- Read before you change: use grep and read_file to find and understand the relevant code.
- For work with several steps, keep a short plan with update_plan and update it as steps finish; skip it for small tasks.
- Edit files only with apply_patch. Make the smallest change that fixes the root cause, in the style of the surrounding code. Don't reformat or refactor unrelated code.
- Check your work: run the project's tests, type checker or build with shell, the ones closest to your change first. When something fails, read the error and fix the cause; never repeat a failing command unchanged.
- Commands run non-interactively (no stdin, no pager, no editor); don't start servers or watchers that never exit. Don't push or create branches.
- If the user asks a question, answer it without changing files.{REMEMBER}
- Finish with a plain message and no tool call: what you changed and why, how you verified it, and anything left undone. Name files by path. Be brief.`;

/** Said only when the remember tool is offered. */
const REMEMBER_LINE =
  '\n- When you had to discover something the next run would need (a build or test command, a convention the user corrected, a pitfall), save it with remember: one short fact; scope user only for the user\'s personal preferences. Never remember secrets, details of this task only, or what the project instructions already say.';

export function buildInstructions(ctx: PromptContext): string {
  const env = [
    `Repository root: ${ctx.root}`,
    ctx.subdir ? `The user started in: ${ctx.subdir}/` : '',
    `Sandbox: ${ctx.sandbox}; network ${ctx.network ? 'on' : 'off'}.`,
    ctx.approvals ?? '',
    ctx.commandEnv ? commandEnvLine(ctx.commandEnv) : '',
    ctx.git ? gitPromptLine(ctx.git) : '',
  ].filter(Boolean);
  const doc = ctx.projectDoc ? `\n\nProject instructions (AGENTS.md):\n${ctx.projectDoc}` : '';
  const core = CORE.replace('{REMEMBER}', ctx.remember ? REMEMBER_LINE : '');
  return `${core}\n\n${env.join('\n')}${doc}`;
}

/** One line: where the copy's HEAD is, what `git status`/`git diff` show, and that the model does not commit. */
export function gitPromptLine(g: PromptGit): string {
  const commit = g.commit ? g.commit.slice(0, 7) : null;
  const head = g.branch ? (commit ? `: branch ${g.branch} at ${commit}` : `: branch ${g.branch} (no commits yet)`) : commit ? `: detached HEAD at ${commit}` : '';
  const where = g.isGit
    ? `Git: the copy is the user's checkout${head}, with their uncommitted changes; git status and git diff show those and your edits, git log the user's history.`
    : "Git: the user's directory is not a git repository; the copy's git is hew's own, and git status and git diff show your edits.";
  const rule = g.readOnly ? "You cannot commit (the copy's .git is read-only); hew records your changes." : "Don't commit; hew records your changes.";
  return `${where} ${rule}`;
}
