// The `skill` tool: a skill's instructions (SKILL.md without its front matter) or one file of its
// folder, the same for repository and user skills (the user's are outside the copy, where read_file
// does not reach). Offered only when the run has skills; its schema names no skill, so its bytes are
// the same in every repository. A repository skill is read from the copy, a user skill from its folder
// (src/skills/read.ts keeps every read inside the skill's folder).
//
// Item: `command_execution` with tool `skill`, command `skill NAME` or `skill NAME FILE`; exit 0, or 1
// when the tool refused (as read_file).
import { z } from 'zod';
import { capOutput } from '../sandbox/output-cap.ts';
import { findSkill, readSkillBody, readSkillFile, SkillReadError } from '../skills/read.ts';
import { startedCommandItem } from './items.ts';
import type { CommandItem } from './items.ts';
import type { Tool, ToolContext, ToolOutcome } from './types.ts';

const schema = z.object({
  name: z.string().min(1).describe('A skill name from the skills list.'),
  file: z.string().min(1).optional().describe("A file in the skill's folder, relative to it (e.g. scripts/run.sh). Default: the instructions."),
});

export type SkillArgs = z.infer<typeof schema>;

function begin(args: SkillArgs, ctx: ToolContext): CommandItem {
  return startedCommandItem(`skill ${args.name}${args.file ? ` ${args.file}` : ''}`, ctx.visibleRoot ?? ctx.root, 'skill');
}

async function run(args: SkillArgs, ctx: ToolContext): Promise<ToolOutcome> {
  const started = performance.now();
  const item = begin(args, ctx);
  const finish = (ok: boolean, output: string): ToolOutcome => ({
    output,
    item: { ...item, exit_code: ok ? 0 : 1, aggregated_output: capOutput(output), duration_ms: Math.round(performance.now() - started) },
    status: ok ? 'completed' : 'failed',
  });
  try {
    const skill = findSkill(ctx.skills ?? [], args.name);
    return finish(true, args.file === undefined ? await readSkillBody(skill, ctx.root) : readSkillFile(skill, ctx.root, args.file));
  } catch (err) {
    if (err instanceof SkillReadError) return finish(false, err.message);
    return finish(false, `Could not read the skill "${args.name}": ${(err as Error).message}`);
  }
}

export const skillTool: Tool<SkillArgs> = {
  name: 'skill',
  description: 'Read a skill: its instructions (SKILL.md without front matter), or one file from its folder.',
  schema,
  begin,
  run,
};
