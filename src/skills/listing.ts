// The `<skills>` block of the first request's context message: each skill's name, description and
// folder — never its body (the model reads that with the skill tool when a task needs it). The same
// skills give the same bytes, run after run (no counts, dates or order but the name), so the block
// keeps the request's cacheable prefix stable. A budget keeps any number of skills within the first
// request's size target: past it every description is cut to one same length, and past that the last
// skills by name are named without descriptions in one line.
import type { Skill } from './discover.ts';

/** The whole block's budget, in bytes of UTF-8. */
export const LISTING_BUDGET_BYTES = 8 * 1024;
/** Descriptions are never cut shorter than this (characters); skills are left out instead. */
export const MIN_DESCRIPTION_CHARS = 100;

const HEAD = 'Skills are instructions for particular tasks. When a task matches one, call skill with its name first and follow it; its files are in the folder shown.';

export interface SkillListing {
  /** The block ('' when there are no skills). */
  text: string;
  /** Skills listed by name only (past the budget). */
  unlisted: string[];
  /** Set when descriptions were cut: the length they were cut to. */
  cutTo?: number;
}

type Listed = Pick<Skill, 'name' | 'description' | 'folder'>;

export function renderSkillListing(skills: readonly Listed[], budget = LISTING_BUDGET_BYTES): SkillListing {
  if (skills.length === 0) return { text: '', unlisted: [] };
  const sorted = [...skills].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const full = block(sorted, Infinity, []);
  if (bytes(full) <= budget) return { text: full, unlisted: [] };
  const longest = Math.max(...sorted.map((s) => [...s.description].length));
  // The largest common length that fits (cut descriptions grow with the length, so a binary search).
  let lo = MIN_DESCRIPTION_CHARS;
  let hi = longest;
  if (bytes(block(sorted, lo, [])) <= budget) {
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (bytes(block(sorted, mid, [])) <= budget) lo = mid;
      else hi = mid - 1;
    }
    return { text: block(sorted, lo, []), unlisted: [], cutTo: lo };
  }
  // Even the shortest descriptions do not fit: the last skills by name are named only.
  const listed = [...sorted];
  const unlisted: string[] = [];
  while (listed.length > 0) {
    unlisted.unshift(listed.pop()!.name);
    if (bytes(block(listed, MIN_DESCRIPTION_CHARS, unlisted)) <= budget) break;
  }
  // Even the names alone may not fit (a repository's 100 long names and a user's): the first names
  // that fit, and how many more (the skill tool's error names them).
  let named = unlisted.length;
  while (named > 0 && bytes(block(listed, MIN_DESCRIPTION_CHARS, unlisted, named)) > budget) named--;
  return { text: block(listed, MIN_DESCRIPTION_CHARS, unlisted, named), unlisted, cutTo: MIN_DESCRIPTION_CHARS };
}

function block(skills: readonly Listed[], maxChars: number, unlisted: string[], named = unlisted.length): string {
  const lines = skills.map((s) => `- ${s.name}: ${cut(s.description, maxChars)} (${s.folder}/)`);
  if (unlisted.length > 0) {
    const rest = unlisted.length - named;
    const names = `${unlisted.slice(0, named).join(', ')}${rest > 0 ? `${named > 0 ? ', ' : ''}… and ${rest} more` : ''}`;
    lines.push(`- … ${unlisted.length} more not listed: ${names} (call skill with a name to read one)`);
  }
  return `<skills>\n${HEAD}\n${lines.join('\n')}\n</skills>`;
}

/** `text` cut to at most `max` characters at a word, with `…` appended; unchanged when it fits. */
export function cut(text: string, max: number): string {
  const chars = [...text];
  if (chars.length <= max) return text;
  const head = chars.slice(0, max - 1).join('');
  const space = head.lastIndexOf(' ');
  return `${(space > head.length / 2 ? head.slice(0, space) : head).trimEnd()}…`;
}

function bytes(text: string): number {
  return Buffer.byteLength(text);
}
