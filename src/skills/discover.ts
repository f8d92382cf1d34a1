// Where skills are found: `.agents/skills/NAME/SKILL.md` at the repository's top, and
// `~/.agents/skills/NAME/SKILL.md` for the user (one level; a folder without SKILL.md, a dot-folder
// and a plain file are passed over silently). Guarantees:
//   - The repository is not trusted: its skills are read as repository files (fs/repo-file.ts, real
//     path inside the repository, outside .git); a skill folder that is a symbolic link out of the
//     repository is not followed, with a warning. `.agents` and `.agents/skills` may be links within it.
//   - The user's folders are the user's own: the root and each folder may be links anywhere (skill
//     installers make them) but never to the home itself or a folder holding it (`/`). Each folder's
//     real path is kept, for the sandbox to bind it read-only.
//   - No FIFO, device or directory is read as SKILL.md, and none larger than 64 KiB.
//   - At most MAX_SKILL_FOLDERS folders per root, by name; on a name in both, the user's skill is used
//     (the repository's would otherwise silently replace the user's own instructions), and when the
//     user's was skipped (broken, too large, unreachable, past the cap) neither is.
//   - The result is sorted by name (code point order) and keeps no body: a body is read again on use.
import { lstatSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { describeReason, readBoundedAsync, UnreadableFileError } from '../fs/read-bounded.ts';
import type { BoundedRead } from '../fs/read-bounded.ts';
import { isInside, lexists, readRepoFile, resolveDirInRepo } from '../fs/repo-file.ts';
import { parseSkill, SKILL_FILE, SKILL_FILE_MAX_BYTES, skippedLine } from './parse.ts';

export const MAX_SKILL_FOLDERS = 100;
/** Where skills live, relative to the repository's top and to the user's home. */
export const SKILLS_DIR = '.agents/skills';

export interface Skill {
  name: string;
  description: string;
  scope: 'repo' | 'user';
  /** The folder as the model is shown it: relative to the repository's top, or absolute (user). */
  folder: string;
  /** The folder's real path when it was found (the user's repository or the user's home). */
  realDir: string;
}

export interface SkillSet {
  skills: Skill[];
  /** One line per skill not used, naming the file and the problem. */
  warnings: string[];
}

export interface DiscoverOptions {
  /** The repository's top (or plain directory). */
  top: string;
  /** The user's home; null: no user skills. */
  home: string | null;
}

/** The user's home for `~/.agents/skills`: HOME, else the account's home directory; null when neither is absolute. */
export function userHome(env: NodeJS.ProcessEnv = process.env): string | null {
  const home = env.HOME || homedir();
  return home && isAbsolute(home) ? home : null;
}

interface Found {
  name: string;
  dir: string;
}

export async function discoverSkills(opts: DiscoverOptions): Promise<SkillSet> {
  const warnings: string[] = [];
  const user = opts.home ? await userSkills(opts.home, warnings) : [];
  const repo = await repoSkills(opts.top, warnings);
  const userNames = new Set(user.map((s) => s.name));
  const kept = repo.filter((s) => {
    if (userNames.has(s.name)) {
      warnings.push(skippedLine(`${SKILLS_DIR}/${s.name}`, `skill "${s.name}" is also installed in ~/${SKILLS_DIR}/${s.name}, which is used`));
      return false;
    }
    // A name the user has a skill folder for, skipped (broken, too large, past the cap) or not: a
    // repository's skill never stands in for the user's own.
    if (opts.home && userClaims(opts.home, s.name)) {
      warnings.push(skippedLine(`${SKILLS_DIR}/${s.name}`, `skill "${s.name}" is also in ~/${SKILLS_DIR}/${s.name}, which was skipped; fix yours (hew never uses the repository's instead)`));
      return false;
    }
    return true;
  });
  const skills = [...user, ...kept].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { skills, warnings };
}

/** Whether the user has a skill folder `name` (a link, or a folder with a SKILL.md), used or not. */
function userClaims(home: string, name: string): boolean {
  const dir = join(home, SKILLS_DIR, name);
  try {
    return lstatSync(dir).isSymbolicLink() || lexists(join(dir, SKILL_FILE));
  } catch {
    return false;
  }
}

/** The entries of a skills root that may be skill folders, by name, at most MAX_SKILL_FOLDERS. */
function candidates(root: string, shownRoot: string, warnings: string[]): string[] {
  let names: string[];
  try {
    names = readdirSync(root).filter((n) => !n.startsWith('.'));
  } catch {
    return [];
  }
  names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const folders = names.filter((n) => isFolderLike(join(root, n)));
  if (folders.length > MAX_SKILL_FOLDERS) {
    warnings.push(`${shownRoot} has ${folders.length} skill folders; only the first ${MAX_SKILL_FOLDERS} (by name) are read`);
  }
  return folders.slice(0, MAX_SKILL_FOLDERS);
}

/** A directory, or a link (which the scope's rules then judge); not a plain file. */
function isFolderLike(p: string): boolean {
  try {
    const st = lstatSync(p);
    if (st.isDirectory()) return true;
    return st.isSymbolicLink() && statSync(p).isDirectory();
  } catch {
    // A dangling link (or a link to a place that cannot be reached): a folder the scope must judge.
    return lexists(p);
  }
}

async function repoSkills(top: string, warnings: string[]): Promise<Skill[]> {
  let root: string;
  try {
    root = resolveDirInRepo(top, join(top, SKILLS_DIR));
  } catch (err) {
    if (!(err instanceof UnreadableFileError)) throw err;
    if (err.reason.code !== 'missing') warnings.push(skippedLine(SKILLS_DIR, `it ${describeReason(err.reason)}`));
    return [];
  }
  const realTop = realpathSync(top);
  const found: Found[] = [];
  for (const name of candidates(root, SKILLS_DIR, warnings)) {
    const dir = join(root, name);
    if (lstatSync(dir).isSymbolicLink()) {
      let real: string | null;
      try {
        real = realpathSync(dir);
      } catch {
        real = null;
      }
      if (real === null || !isInside(realTop, real) || isInside(join(realTop, '.git'), real)) {
        warnings.push(skippedLine(`${SKILLS_DIR}/${name}`, 'it is a symbolic link out of the repository; hew does not follow it'));
        continue;
      }
    }
    found.push({ name, dir });
  }
  const skills: Skill[] = [];
  for (const { name, dir } of found) {
    const file = join(dir, SKILL_FILE);
    const shown = `${SKILLS_DIR}/${name}/${SKILL_FILE}`;
    const skill = await readSkill(name, shown, file, warnings, async () => readRepoFile(top, file, { maxBytes: SKILL_FILE_MAX_BYTES, overLimit: 'refuse' }));
    if (skill) skills.push({ ...skill, scope: 'repo', folder: `${SKILLS_DIR}/${name}`, realDir: realpathSync(dir) });
  }
  return skills;
}

async function userSkills(home: string, warnings: string[]): Promise<Skill[]> {
  const root = join(home, SKILLS_DIR);
  const skills: Skill[] = [];
  let realHome = home;
  try {
    realHome = realpathSync(home);
  } catch {
    // A home that cannot be resolved: compared as named.
  }
  for (const name of candidates(root, `~/${SKILLS_DIR}`, warnings)) {
    const dir = join(root, name);
    let realDir: string;
    try {
      realDir = realpathSync(dir);
    } catch (err) {
      warnings.push(skippedLine(dir, `it cannot be reached (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`));
      continue;
    }
    // A folder that is the home (or `/`, or any folder above it) would hand the skill tool and the
    // sandbox's read-only mount the whole home, ~/.ssh included.
    if (isInside(realDir, realHome)) {
      warnings.push(skippedLine(dir, `it leads to ${realDir}, which holds your home folder; a skill needs a folder of its own`));
      continue;
    }
    const file = join(realDir, SKILL_FILE);
    const skill = await readSkill(name, join(dir, SKILL_FILE), file, warnings, () => readBoundedAsync(file, { maxBytes: SKILL_FILE_MAX_BYTES, overLimit: 'refuse' }));
    if (skill) skills.push({ ...skill, scope: 'user', folder: dir, realDir });
  }
  return skills;
}

/** The skill's name and description, or null (with a warning) when its SKILL.md cannot be used; no SKILL.md at all: null, silently. */
async function readSkill(
  folder: string,
  shown: string,
  file: string,
  warnings: string[],
  read: () => Promise<BoundedRead>,
): Promise<{ name: string; description: string } | null> {
  if (!lexists(file)) return null;
  let text: string;
  try {
    text = (await read()).bytes.toString('utf8');
  } catch (err) {
    if (!(err instanceof UnreadableFileError)) throw err;
    warnings.push(skippedLine(shown, `it ${describeReason(err.reason)}`));
    return null;
  }
  const parsed = await parseSkill(text, folder);
  if (!parsed.ok) {
    warnings.push(skippedLine(shown, parsed.problem));
    return null;
  }
  return { name: parsed.skill.name, description: parsed.skill.description };
}
