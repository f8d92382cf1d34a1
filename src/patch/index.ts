// The apply_patch engine (SPEC §7): parse the Codex patch format, place hunks (exact → trailing
// whitespace → trimmed → Unicode punctuation), and apply every file change all-or-nothing.

export { PatchError } from './errors.ts';
export type { Hunk } from './patch-types.ts';
export { parsePatch } from './parser.ts';
export { applyPatch, patchChanges } from './apply.ts';
