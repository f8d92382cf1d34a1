// What is remembered, per scope, with where it lives: for `hew memory` (text and --json) and the
// TUI's /memory. Entries are the user's and the model's text: a front prints them through safe-text.
import { describeFill } from './check.ts';
import { findSection, MEMORY_HEADING } from './section.ts';
import { projectTarget, sectionCap, userTarget } from './target.ts';
import type { MemoryScope } from './target.ts';

export interface MemoryListing {
  scope: MemoryScope;
  /** Absolute path of the file (null: it cannot be used; see `problem`). */
  path: string | null;
  entries: string[];
  bytes: number;
  cap: number;
  /** Why the file cannot be used (a link, a FIFO …), when it cannot. */
  problem?: string;
}

/** The project section under `root` (the copy or the repository) and the user's, in that order. */
export function listMemory(root: string | null, configDir: string | null, projectDocMaxBytes: number): MemoryListing[] {
  const out: MemoryListing[] = [];
  const scopes: [MemoryScope, string | null][] = [['project', root], ['user', configDir]];
  for (const [scope, dir] of scopes) {
    const cap = sectionCap(scope, projectDocMaxBytes);
    if (dir === null) continue;
    const found = scope === 'project' ? projectTarget(dir) : userTarget(dir);
    if (!found.ok) {
      out.push({ scope, path: null, entries: [], bytes: 0, cap, problem: found.message.replace(/^Not remembered: /, '') });
      continue;
    }
    const section = findSection(found.target.content);
    const path = scope === 'project' ? found.target.path : found.target.shown;
    out.push({ scope, path, entries: section?.entries.map((e) => e.text) ?? [], bytes: section?.bytes ?? 0, cap });
  }
  return out;
}

/** Lines for a terminal; `clean` makes a text safe to print (format/safe-text.ts). */
export function memoryLines(listing: readonly MemoryListing[], clean: (text: string) => string): string[] {
  const lines: string[] = [];
  for (const l of listing) {
    const scope = l.scope.padEnd(8);
    if (l.path === null) {
      lines.push(`${scope} ${clean(l.problem ?? 'cannot be used')}`);
      continue;
    }
    if (l.entries.length === 0) {
      lines.push(`${scope} ${clean(l.path)}  (none)`);
      continue;
    }
    lines.push(`${scope} ${clean(l.path)}  ${MEMORY_HEADING}  (${describeFill(l.entries.length, l.bytes, l.cap)})`);
    for (const e of l.entries) lines.push(`  - ${clean(e)}`);
  }
  return lines;
}
