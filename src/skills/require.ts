// `skills:` in a task's front matter: a task that relies on a skill must not run without it. Each name
// must be a skill the run will have; otherwise the task stops before any model request, with one line
// naming the task, the skill and the skills there are (a usage error: exit 2).
import { UsageError } from '../errors/usage-error.ts';
import type { SkillSet } from './discover.ts';

export function requireSkills(names: readonly string[], set: SkillSet, source: string): void {
  const known = set.skills.map((s) => s.name);
  for (const name of names) {
    if (!known.includes(name)) {
      throw new UsageError(`${source}: skill "${name}" is not installed (skills: ${known.length > 0 ? known.join(', ') : 'none'})`);
    }
  }
}
