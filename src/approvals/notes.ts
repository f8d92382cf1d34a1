// What the model is told when a request is denied without a person: by the `never` policy, or by a
// headless front that cannot ask. Each note says why and what is still possible, and names only
// flags that really would allow it.
import type { ApprovalReason } from '../protocol/approval.ts';

/** What the model can do instead, per reason. */
const INSTEAD: Record<ApprovalReason, string> = {
  no_sandbox:
    'Use read_file, grep and apply_patch, which need no approval, and say in your final message which commands the user should run.',
  escalated: 'Run the command inside the sandbox instead (leave out sandbox_permissions), or find another way.',
  network: 'Work without the network (use what is already installed), or leave out sandbox_permissions.',
  untrusted:
    'Use read-only commands (ls, cat, rg, git status/diff/log …) or read_file, grep and apply_patch, which need no approval.',
  outside_copy: 'Say in your final message what the user may want to remember.',
};

/** How the user could allow it on a later run. */
const USER_FIX: Record<ApprovalReason, string> = {
  no_sandbox: 'make the sandbox work (see `hew doctor`) or re-run with `-s danger-full-access`',
  escalated: 're-run with `-s danger-full-access`',
  network: 're-run with `--network`',
  untrusted: 're-run with `-a on-request` (sandboxed commands then run without asking)',
  outside_copy: 'run `hew remember --user "TEXT"` themselves, or run hew interactively and approve it',
};

/**
 * An MCP server's call: hew does not sandbox it, so `-s danger-full-access` or a working sandbox
 * changes nothing; marking the server trusted (or a person approving the call) does.
 */
function mcpInstead(server: string): string {
  return `Do the task without the tools of the MCP server "${server}" (read_file, grep, apply_patch and sandboxed commands need no approval), and say in your final message that the server must be trusted for this call to run.`;
}

/** How the user allows an MCP server's calls in a headless run (also printed under a denied call). */
export function mcpUserFix(server: string): string {
  return `set \`trusted = true\` under \`[mcp_servers.${server}]\` in hew's config.toml (that server's tools then run without asking), or run the task in the interactive \`hew\`, where each call can be approved`;
}

/** What the model can do instead and how the user could allow it, for a request (MCP or command). */
function advice(reasons: ApprovalReason[], mcpServer: string | undefined): { instead: string; fix: string } {
  if (mcpServer !== undefined) return { instead: mcpInstead(mcpServer), fix: mcpUserFix(mcpServer) };
  return { instead: instead(reasons), fix: userFix(reasons) };
}

function unique(reasons: ApprovalReason[]): ApprovalReason[] {
  return [...new Set(reasons)];
}

function userFix(reasons: ApprovalReason[]): string {
  return unique(reasons).map((r) => USER_FIX[r]).join(', and ');
}

function instead(reasons: ApprovalReason[]): string {
  return unique(reasons).map((r) => INSTEAD[r]).join(' ');
}

/** The `never` policy: nothing is asked, so anything needing approval is refused. */
export function neverPolicyNote(reasons: ApprovalReason[], mcpServer?: string): string {
  const a = advice(reasons, mcpServer);
  return `Not run: this needs approval and the approval policy is \`never\`, so hew does not ask. ${a.instead} (To allow it the user would ${a.fix}.)`;
}

/** A headless front (`exec`, `batch`, `watch`): it never waits for a person, so every question is a no. */
export function headlessDenialNote(reasons: ApprovalReason[], front: string, mcpServer?: string): string {
  const a = advice(reasons, mcpServer);
  return `Not run: this needs the user's approval, and \`hew ${front}\` runs without a person to ask, so it was denied. ${a.instead} (To allow it the user would ${a.fix}.)`;
}

/** A tool context with no approval gate connected. */
export function noApproverNote(reasons: ApprovalReason[]): string {
  return `Not run: this needs approval and no approver is connected to this run. ${instead(reasons)}`;
}

/** The approver command the user configured denied it (or failed, which denies): the model reads why. */
export function approverDenialNote(reason: string, reasons: ApprovalReason[], mcpServer?: string): string {
  const a = advice(reasons, mcpServer);
  return `Not run: the approver the user configured denied this${reason ? `: ${reason}` : ' (it gave no reason)'}. ${a.instead}`;
}

/** The approver command failed (timed out, exited non-zero, answered badly): a denial that says so. */
export function approverFailedNote(problem: string, reasons: ApprovalReason[], mcpServer?: string): string {
  const a = advice(reasons, mcpServer);
  return `Not run: the approver the user configured ${problem}, so this was denied. ${a.instead}`;
}

/** The approver command answered "ask" in a headless front: nobody is there to ask. */
export function approverAskedNote(reason: string, reasons: ApprovalReason[], front: string, mcpServer?: string): string {
  const said = reason ? ` (it said: ${reason})` : '';
  return `The approver the user configured left this to a person${said}. ${headlessDenialNote(reasons, front, mcpServer)}`;
}

/** A command as words, for a note: `npm test`. */
function prefixText(prefix: string[]): string {
  return `\`${prefix.join(' ')}\``;
}

/** A later request refused by a deny rule ("always deny"), without asking anyone. */
export function deniedByRuleNote(prefix: string[]): string {
  return `Not run: the user always refuses commands that start with ${prefixText(prefix)} in this session, so hew did not ask. Do not run such commands; find another way, or say in your final message what the user should run.`;
}

/**
 * The person answered "deny always": `said` is the note the front made of the denial; `prefix` the deny
 * rule stored, or null when the command cannot be remembered (then it counts as a single denial).
 */
export function denyAlwaysNote(said: string | undefined, prefix: string[] | null): string {
  const base = said ?? 'Not run: the user denied this command.';
  if (prefix) return `${base} The user will refuse every command that starts with ${prefixText(prefix)} in this session: do not run such commands.`;
  return `${base} (The user asked to refuse it always, but it is not a single plain command of two words or more, so only this one was refused.)`;
}
