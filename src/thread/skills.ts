// The run's Agent Skills (src/skills/, docs/skills.md), as the thread uses them: found when the run
// starts (warnings through the run's warnings), listed in the first request's context message, and
// bodies put into a turn's request up front — `skills:` of a task file (one that cannot be read fails
// the turn) and `$NAME` in a TUI prompt (one that cannot be read is a warning). Each body put in
// shows as a completed `skill` item, as if the model had called the skill tool.
import type { EmitFn } from '../protocol/events.ts';
import { capOutput } from '../sandbox/output-cap.ts';
import { discoverSkills } from '../skills/discover.ts';
import type { SkillSet } from '../skills/discover.ts';
import { renderSkillListing } from '../skills/listing.ts';
import { skillMentions } from '../skills/mentions.ts';
import { findSkill, readSkillBody } from '../skills/read.ts';

/** What a turn puts into the request up front besides the prompt. */
export interface TurnOptions {
  /** Skills whose bodies go in before the prompt (task front matter `skills:`). */
  skills?: readonly string[];
  /** Also the known skills the prompt names as `$NAME` (the TUI). */
  mentions?: boolean;
}

/** Discovery, its warnings said once; never rejects (a failure is a warning and no skills). */
export function startSkills(top: string, home: string | null, warn: (message: string) => void): Promise<SkillSet> {
  return discoverSkills({ top, home }).then(
    (set) => {
      for (const line of set.warnings) warn(line);
      return set;
    },
    (err: unknown) => {
      warn(`skills were not read: ${(err as Error).message}`);
      return { skills: [], warnings: [] };
    },
  );
}

/** The `<skills>` block of the context message ('' without skills); a warning when some are named only. */
export function skillListing(set: SkillSet, warn: (message: string) => void): string {
  const listing = renderSkillListing(set.skills);
  if (listing.unlisted.length > 0) {
    warn(`the skills list is over its budget: ${listing.unlisted.length} skill(s) are named without a description (${listing.unlisted.join(', ')})`);
  }
  return listing.text;
}

export interface PreloadDeps {
  set: SkillSet;
  prompt: string;
  opts: TurnOptions;
  /** Where a repository skill is read: the copy once it exists, else the repository. */
  root: string;
  /** The items' cwd. */
  cwd: string;
  /** Makes the items' ids unique per turn. */
  turn: number;
  addMessage: (content: string) => void;
  emit: EmitFn;
  warn: (message: string) => void;
}

export async function preloadSkills(deps: PreloadDeps): Promise<void> {
  const { skills } = deps.set;
  const required = deps.opts.skills ?? [];
  const mentioned = deps.opts.mentions ? skillMentions(deps.prompt, skills.map((s) => s.name)).filter((n) => !required.includes(n)) : [];
  for (const name of [...required, ...mentioned]) {
    let body: string;
    try {
      body = await readSkillBody(findSkill(skills, name), deps.root);
    } catch (err) {
      if (required.includes(name)) throw err;
      deps.warn(`$${name} was not loaded: ${(err as Error).message}`);
      continue;
    }
    deps.addMessage(body);
    const id = `skill_${deps.turn}_${name}`;
    const base = { id, type: 'command_execution' as const, command: `skill ${name}${mentioned.includes(name) ? ` ($${name})` : ''}`, cwd: deps.cwd, tool: 'skill' };
    deps.emit({ type: 'item.started', item: { ...base, exit_code: null, aggregated_output: '', duration_ms: null, status: 'in_progress' } });
    deps.emit({ type: 'item.completed', item: { ...base, exit_code: 0, aggregated_output: capOutput(body), duration_ms: 0, status: 'completed' } });
  }
}
