// The `remember` tool: one short fact for later runs (docs/memory.md). Project scope appends to the
// copy's instructions file under "## Remembered by hew" through the patch engine, so it is a
// `file_change` in the diff and reaches the repository only with `hew apply`. User scope writes the
// user's global instructions file, outside the copy: only after an approval (reason `outside_copy`),
// and checked again after it (another hew may have written meanwhile). Refusals are failed outcomes
// the model can act on. Offered only when project_doc_max_bytes > 0 (thread.ts).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { ItemBody } from '../protocol/events.ts';
import type { ApprovalRequest } from '../protocol/approval.ts';
import { planRemember, rememberDirect, rememberInCopy } from '../memory/remember.ts';
import { userTarget } from '../memory/target.ts';
import { startedCommandItem } from './items.ts';
import type { Tool, ToolContext, ToolOutcome } from './types.ts';

const schema = z.object({
  text: z.string().min(1).max(600).describe('One short fact, e.g. "Run tests with npm run test:unit; npm test needs Docker."'),
  scope: z
    .enum(['project', 'user'])
    .describe("project: the repository's AGENTS.md (reviewed in the diff). user: the user's own global instructions (asks the user)."),
});

export type RememberArgs = z.infer<typeof schema>;

const DESCRIPTION =
  'Remember a fact for later runs: a command you had to discover, a convention the user corrected, a pitfall. Not for secrets, one-off details, or what the instructions already say.';

function projectFile(root: string): string {
  return existsSync(join(root, 'AGENTS.override.md')) ? 'AGENTS.override.md' : 'AGENTS.md';
}

function begin(args: RememberArgs, ctx: ToolContext): ItemBody {
  if (args.scope === 'project') return { type: 'file_change', changes: [{ path: projectFile(ctx.root), kind: 'update' }] };
  return startedCommandItem('remember --user', ctx.root, 'remember');
}

async function run(args: RememberArgs, ctx: ToolContext): Promise<ToolOutcome> {
  return args.scope === 'project' ? rememberProject(args, ctx) : rememberUser(args, ctx);
}

async function rememberProject(args: RememberArgs, ctx: ToolContext): Promise<ToolOutcome> {
  const failed = (message: string): ToolOutcome => ({
    output: message,
    item: { type: 'file_change', changes: [{ path: projectFile(ctx.root), kind: 'update' }], error: message },
    status: 'failed',
  });
  if (!ctx.memory) return failed('Not remembered: memory is not available in this run.');
  const done = await rememberInCopy(ctx.root, args.text, ctx.memory.limits);
  if (!done.ok) return failed(done.message);
  const file = done.target.shown;
  return {
    output: `Remembered in ${file} under "## Remembered by hew". It is in the working copy: the user reviews it in the diff and it reaches the repository with hew apply.`,
    item: { type: 'file_change', changes: done.changes ?? [] },
    status: 'completed',
  };
}

async function rememberUser(args: RememberArgs, ctx: ToolContext): Promise<ToolOutcome> {
  const item = startedCommandItem('remember --user', ctx.root, 'remember');
  const end = (output: string, status: ToolOutcome['status']): ToolOutcome => ({
    output,
    item: { ...item, exit_code: status === 'completed' ? 0 : 1, aggregated_output: output },
    status,
  });
  const memory = ctx.memory;
  if (!memory?.configDir) return end('Not remembered: user memory is not available in this run (no configuration directory).', 'failed');
  const configDir = memory.configDir;
  // Checked before asking: nobody is asked about an entry that would be refused anyway.
  const planned = planRemember(userTarget(configDir), args.text, memory.limits);
  if (!planned.ok) return end(planned.message, 'failed');
  const request: ApprovalRequest = {
    tool: 'remember',
    command: `remember --user ${JSON.stringify(planned.plan.entry)} → ${planned.target.shown}`,
    argv: ['remember'],
    cwd: ctx.root,
    sandboxed: false,
    network: false,
    reason: '',
    writes_outside: planned.target.shown,
  };
  const answer = ctx.requestApproval
    ? await ctx.requestApproval(request)
    : { decision: 'denied' as const, note: 'user memory needs the user\'s approval and nobody can give one in this run. Say in your final message what to remember; the user can run hew remember --user "…".' };
  if (answer.decision === 'denied' || answer.decision === 'denied_always') {
    // The gate's note says who refused and why ("Not run: the user denied this command …"); the
    // notes of `never` and the headless fronts already say what to do instead.
    const why = (answer.note ?? 'the user declined.').replace(/^Not run: /, '').replace(/this command/, 'it');
    const instead = why.includes('hew remember') ? '' : ' Do not ask again; if it matters, say in your final message what the user may want to remember.';
    return end(`Not remembered: ${why}${instead}`, 'declined');
  }
  const done = rememberDirect({ scope: 'user', configDir }, args.text, memory.limits);
  if (!done.ok) return end(done.message, 'failed');
  return end(`Remembered in ${done.target.shown} (the user's global instructions; every later run reads it).`, 'completed');
}

export const rememberTool: Tool<RememberArgs> = {
  name: 'remember',
  description: DESCRIPTION,
  schema,
  begin,
  run,
};
