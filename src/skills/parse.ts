// SKILL.md as hew accepts it (the Agent Skills format, agentskills.io): YAML front matter with `name`
// (1–64 lowercase letters, digits and single hyphens, equal to its folder's name) and `description`
// (1–1024 characters once whitespace runs and control characters are one space, bidi controls gone);
// the rest of the file is the body.
// Other keys (license, compatibility, metadata, allowed-tools, other clients' extras) are accepted and
// ignored: `allowed-tools` grants nothing in hew. A file that does not pass is described in one line
// for a warning ("PATH was skipped: …"), never half-used.
import { safeLine } from '../format/safe-text.ts';
import { quotePath } from '../workcopy/path-bytes.ts';
import { FENCE, loadYaml, OPENING } from './front-matter.ts';

export const SKILL_FILE = 'SKILL.md';
/** The most of a SKILL.md hew reads; a larger one is skipped. */
export const SKILL_FILE_MAX_BYTES = 64 * 1024;
export const NAME_MAX_CHARS = 64;
export const DESCRIPTION_MAX_CHARS = 1024;
const NAME = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export interface ParsedSkill {
  name: string;
  description: string;
  /** Everything after the front matter, trimmed. */
  body: string;
}

/** A parsed skill, or the problem as the end of "PATH was skipped: …" (e.g. "`name` is missing"). */
export type SkillParse = { ok: true; skill: ParsedSkill } | { ok: false; problem: string };

export function isSkillName(name: string): boolean {
  return name.length <= NAME_MAX_CHARS && NAME.test(name);
}

/** A description as the listing's one line: invisible format characters (bidi controls, zero-width space, tag characters) dropped, control characters (NEL, escapes, NUL) and whitespace runs one space. */
function oneLine(text: string): string {
  return text.replace(/(?![\u200c\u200d])\p{Cf}/gu, '').replace(/[\s\p{Cc}]+/gu, ' ').trim();
}

/** The one warning line for a skill file that was not used: the path in its display form (a name with a newline cannot start a line of its own), anything else left made visible. */
export function skippedLine(path: string, problem: string): string {
  return safeLine(`${quotePath(path)} was skipped: ${problem}`);
}

/** Parses a SKILL.md's text; `folder` is the name of the folder it is in. */
export async function parseSkill(text: string, folder: string): Promise<SkillParse> {
  const source = text.replace(/^\uFEFF/, '');
  const fail = (problem: string): SkillParse => ({ ok: false, problem });
  const match = FENCE.exec(source);
  if (!match) {
    if (OPENING.test(source)) return fail('its front matter is not closed (no line "---" after the first)');
    return fail('it has no front matter (it must start with a line "---")');
  }
  const yaml = await loadYaml();
  const lineCounter = new yaml.LineCounter();
  const doc = yaml.parseDocument(match[1] ?? '', { lineCounter });
  if (doc.errors.length > 0) {
    const error = doc.errors[0]!;
    // The YAML starts on the file's second line.
    const line = (error.linePos?.[0]?.line ?? 1) + 1;
    return fail(`its front matter is not valid YAML (line ${line}: ${error.message.split('\n')[0]})`);
  }
  const data: unknown = doc.toJS() ?? {};
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return fail('its front matter is not a mapping of keys to values');
  const fields = data as Record<string, unknown>;
  const name = fields.name;
  if (name === undefined || name === null || name === '') return fail('`name` is missing');
  if (typeof name !== 'string' || !isSkillName(name)) {
    return fail(`\`name\` ${JSON.stringify(name)} is not a skill name (1–64 lowercase letters, digits and single hyphens, not starting or ending with a hyphen)`);
  }
  if (name !== folder) return fail(`\`name\` "${name}" does not match its folder ${JSON.stringify(folder)}`);
  const description = typeof fields.description === 'string' ? oneLine(fields.description) : '';
  if (description === '') return fail('`description` is missing or empty');
  const chars = [...description].length;
  if (chars > DESCRIPTION_MAX_CHARS) return fail(`\`description\` is ${chars} characters; the limit is ${DESCRIPTION_MAX_CHARS}`);
  return { ok: true, skill: { name, description, body: source.slice(match[0].length).trim() } };
}
