// Reading a skill when it is used: its body (SKILL.md without front matter, parsed again so an edit
// since the run started is seen and a file broken since is refused) or one file of its folder. Shared
// by the skill tool, `$NAME` in the TUI and `skills:` in task files. Containment: a file is read only
// when it lies inside the skill's real folder once every link is resolved (no `..`, no absolute path,
// no link out); a repository skill is read inside the repository or the copy given as `root`, outside
// its .git. Only regular files are read, at most SKILL_READ_MAX_BYTES; binary files are refused.
// Every failure is a SkillReadError whose message is written for the model.
import { readdirSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { describeReason, readBounded, UnreadableFileError } from '../fs/read-bounded.ts';
import { isInside, readRepoFile } from '../fs/repo-file.ts';
import type { Skill } from './discover.ts';
import { SKILLS_DIR } from './discover.ts';
import { parseSkill, SKILL_FILE, SKILL_FILE_MAX_BYTES } from './parse.ts';

/** The most of a file beside SKILL.md shown at once. */
export const SKILL_READ_MAX_BYTES = 64 * 1024;
const MAX_LISTED_FILES = 50;
const MAX_LIST_DEPTH = 3;

export class SkillReadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SkillReadError';
  }
}

/** The skill named `name`, or a SkillReadError naming the skills there are. */
export function findSkill(skills: readonly Skill[], name: string): Skill {
  const skill = skills.find((s) => s.name === name);
  if (skill) return skill;
  const names = skills.map((s) => s.name);
  const shown = names.length > MAX_LISTED_FILES ? `${names.slice(0, MAX_LISTED_FILES).join(', ')}, … ${names.length - MAX_LISTED_FILES} more` : names.join(', ');
  throw new SkillReadError(`No skill named ${JSON.stringify(name)}. The skills are: ${shown}.`);
}

/**
 * The skill's real folder now: a user skill's recorded one; a repository skill's under `root` (the
 * repository, or the run's copy of it), which must stay inside `root` and outside its .git.
 */
function folderOf(skill: Skill, root: string): string {
  if (skill.scope === 'user') return skill.realDir;
  let real: string;
  let realRoot: string;
  try {
    realRoot = realpathSync(root);
    real = realpathSync(path.join(root, SKILLS_DIR, skill.name));
  } catch {
    throw new SkillReadError(`The skill "${skill.name}" cannot be read now: ${skill.folder} does not exist.`);
  }
  if (!isInside(realRoot, real) || isInside(path.join(realRoot, '.git'), real)) {
    throw new SkillReadError(`The skill "${skill.name}" cannot be read now: ${skill.folder} leads out of the repository.`);
  }
  return real;
}

/** The body as the model reads it: wrapped in a <skill> tag naming the folder, then the files beside it. */
export async function readSkillBody(skill: Skill, root: string): Promise<string> {
  const dir = folderOf(skill, root);
  const shown = `${skill.folder}/${SKILL_FILE}`;
  let text: string;
  try {
    // As when it was found: a repository's SKILL.md only inside the repository (or copy), yours as it is.
    const file = path.join(dir, SKILL_FILE);
    const limit = { maxBytes: SKILL_FILE_MAX_BYTES, overLimit: 'refuse' as const };
    text = (skill.scope === 'repo' ? readRepoFile(root, file, limit) : readBounded(file, limit)).bytes.toString('utf8');
  } catch (err) {
    if (!(err instanceof UnreadableFileError)) throw err;
    throw new SkillReadError(`The skill "${skill.name}" cannot be read now: ${shown} ${describeReason(err.reason)}.`);
  }
  const parsed = await parseSkill(text, skill.name);
  if (!parsed.ok) throw new SkillReadError(`The skill "${skill.name}" cannot be read now: ${shown}: ${parsed.problem}.`);
  const files = listFiles(dir).filter((f) => f !== SKILL_FILE);
  const listing = files.length > 0 ? `\nFiles in the folder: ${shownList(files)}` : '';
  return `<skill name="${skill.name}" folder="${skill.folder}/">\n${parsed.skill.body}\n</skill>${listing}`;
}

/** One file of the skill's folder (relative to it): its text, or a directory's entries. */
export function readSkillFile(skill: Skill, root: string, file: string): string {
  const dir = folderOf(skill, root);
  const outside = (): SkillReadError => new SkillReadError(`skill refused: ${file} is outside the folder of skill "${skill.name}"; name a file inside it.`);
  if (path.isAbsolute(file)) throw outside();
  const target = path.resolve(dir, file);
  if (!isInside(dir, target)) throw outside();
  let real: string;
  try {
    real = realpathSync(target);
  } catch {
    throw new SkillReadError(`The skill "${skill.name}" has no file ${file}. Files in the folder: ${shownList(listFiles(dir)) || '(none)'}`);
  }
  if (!isInside(dir, real)) throw outside();
  if (statSync(real).isDirectory()) {
    const entries = listFiles(real);
    return entries.length === 0 ? `${file} is an empty folder.` : `${file} is a folder; its files: ${shownList(entries)}`;
  }
  let read;
  try {
    read = readBounded(real, { maxBytes: SKILL_READ_MAX_BYTES, overLimit: 'truncate', noFollow: true });
  } catch (err) {
    if (!(err instanceof UnreadableFileError)) throw err;
    throw new SkillReadError(`skill refused: ${file} ${describeReason(err.reason)}.`);
  }
  if (read.bytes.subarray(0, 8192).includes(0)) throw new SkillReadError(`${file} is a binary file (${read.size} bytes); not shown. Run it or read it with shell from ${skill.folder}/.`);
  let text = read.bytes.toString('utf8');
  if (read.truncated) {
    text = text.slice(0, text.lastIndexOf('\n') + 1);
    text += `[… cut: ${file} is ${read.size} bytes; read the rest with shell, e.g. tail -c +${Buffer.byteLength(text) + 1} ${skill.folder}/${file}]`;
  }
  return text;
}

/** Files under `dir` (depth ≤ 3, no dot-entries, links not followed), sorted, relative to it. */
function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string, depth: number): void => {
    let entries;
    try {
      entries = readdirSync(path.join(dir, rel), { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      const child = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (depth < MAX_LIST_DEPTH) walk(child, depth + 1);
      } else out.push(child);
    }
  };
  walk('', 1);
  return out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function shownList(files: string[]): string {
  if (files.length <= MAX_LISTED_FILES) return files.join(', ');
  return `${files.slice(0, MAX_LISTED_FILES).join(', ')}, … ${files.length - MAX_LISTED_FILES} more`;
}
