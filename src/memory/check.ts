// The checks an entry passes before it is written, in this order, each refusal one sentence the
// model (or the person) can act on: normalised and not empty, short, not a secret (the redaction
// rules), not already said, and within the section's cap and the project-doc cap. Pure.
import { appendEntry, entryKey, findDuplicate, findSection, MAX_ENTRY_CHARS, normaliseEntry } from './section.ts';
import { sectionCap } from './target.ts';
import type { MemoryTarget } from './target.ts';

export interface MemoryLimits {
  /** The run's redaction rules (secrets/redact.ts `Redactor.finds`). */
  looksSecret: (text: string) => boolean;
  projectDocMaxBytes: number;
  /** Bytes of the cap the global instructions file takes before the project's root file is read (0 when none). */
  globalUsed: number;
}

export interface PlannedMemory {
  ok: true;
  entry: string;
  /** The target's text with the entry appended. */
  after: string;
  /** Entries in the section after the append. */
  entries: number;
  /** The section's bytes after the append, and its cap. */
  bytes: number;
  cap: number;
}

export type MemoryPlan = PlannedMemory | { ok: false; message: string };

const n = (v: number): string => v.toLocaleString('en-US');

const refuse = (message: string): MemoryPlan => ({ ok: false, message: `Not remembered: ${message}` });

export function planMemory(text: string, target: MemoryTarget, limits: MemoryLimits): MemoryPlan {
  if (limits.projectDocMaxBytes <= 0) return refuse('project_doc_max_bytes is 0, so hew reads no instructions files and a remembered fact would never be read.');
  const entry = normaliseEntry(text);
  if (entry === '') return refuse('the text is empty.');
  if (entry.length > MAX_ENTRY_CHARS) return refuse(`keep an entry under ${MAX_ENTRY_CHARS} characters (this one is ${entry.length}); split it or say less.`);
  if (limits.looksSecret(entry) || limits.looksSecret(text)) {
    return refuse('the text looks like it holds a secret (it matches hew\'s redaction rules). Never store keys, tokens or passwords; remember where they come from instead (e.g. "the Stripe key is read from $STRIPE_KEY").');
  }
  const name = target.shown;
  const dup = entryKey(entry) === '' ? null : findDuplicate(target.content, entry);
  if (dup?.kind === 'entry') return refuse(`${name} already has it (line ${dup.line}: "- ${clip(dup.text)}").`);
  if (dup?.kind === 'text') return refuse(`${name} already says this (line ${dup.line}).`);
  const after = appendEntry(target.content, entry);
  const section = findSection(after);
  const bytes = section?.bytes ?? 0;
  const cap = sectionCap(target.scope, limits.projectDocMaxBytes);
  if (bytes > cap) {
    const before = findSection(target.content)?.bytes ?? 0;
    return refuse(`the "## Remembered by hew" section of ${name} is full (${n(before)} of ${n(cap)} bytes); tell the user, who can prune it (hew memory lists it).`);
  }
  if (target.scope === 'project') {
    const header = Buffer.byteLength(`--- ${target.shown} ---\n`);
    if (limits.globalUsed + header + Buffer.byteLength(after.trim()) > limits.projectDocMaxBytes) {
      return refuse(`${name} would no longer fit in project_doc_max_bytes (${n(limits.projectDocMaxBytes)}) and would be cut.`);
    }
  }
  return { ok: true, entry, after, entries: section?.entries.length ?? 1, bytes, cap };
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}

/** "3 entries, 412 of 4,096 bytes": the section's fill, for messages and `hew memory`. */
export function describeFill(entries: number, bytes: number, cap: number): string {
  return `${entries} ${entries === 1 ? 'entry' : 'entries'}, ${n(bytes)} of ${n(cap)} bytes`;
}
