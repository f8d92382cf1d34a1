// Project instructions (SPEC §8): the global $XDG_CONFIG_HOME/hew/AGENTS.md, then one file per
// directory from the repository root down to the working directory (AGENTS.override.md wins over
// AGENTS.md in the same directory), joined root-first under a byte cap. What the cap cut is said
// plainly, in the text the model reads and in the list the fronts show.
// A repository file is read only when it is a regular file inside the repository once links are
// resolved (src/fs/repo-file.ts); the global file is the user's own and may be a link anywhere.
// Either way a FIFO, a device or a directory is never read; what is skipped, and why, is in `skipped`.
import { join, relative, sep } from 'node:path';
import { describeReason, readBounded, UnreadableFileError } from '../fs/read-bounded.ts';
import type { BoundedRead, ReadLimit } from '../fs/read-bounded.ts';
import { readRepoFile } from '../fs/repo-file.ts';
import { capSection } from '../memory/section.ts';
import { sectionCap } from '../memory/target.ts';

export interface ProjectDocFile {
  /** Absolute path. */
  path: string;
  bytes: number;
  /** 'full', 'partial' (cut at the cap) or 'omitted' (nothing of it fit). */
  included: 'full' | 'partial' | 'omitted';
}

export interface ProjectDocs {
  /** What the model reads ('' when there are no files). */
  text: string;
  files: ProjectDocFile[];
  /** Files that were there but not read: one line each, naming the file and why (for a warning). */
  skipped: string[];
  /** Bytes of the cap the global file took before the repository's files (0 when none): the remember tool keeps the root file whole after it. */
  globalUsed: number;
}

export const DEFAULT_PROJECT_DOC_MAX_BYTES = 32 * 1024;

export interface ProjectDocOptions {
  /** Repository top. */
  top: string;
  /** Directory the user works in, relative to top ('' for the top). */
  subdir: string;
  /** $XDG_CONFIG_HOME/hew (the global AGENTS.md lives there); null for none. */
  configDir: string | null;
  maxBytes?: number;
}

interface Candidate {
  path: string;
  read: BoundedRead;
}

export function loadProjectDocs(opts: ProjectDocOptions): ProjectDocs {
  const maxBytes = opts.maxBytes ?? DEFAULT_PROJECT_DOC_MAX_BYTES;
  // No file is read past the cap: more than the cap could never be shown.
  const limit: ReadLimit = { maxBytes, overLimit: 'truncate' };
  const skipped: string[] = [];
  const attempt = (path: string, read: () => BoundedRead): Candidate | null => {
    try {
      return { path, read: read() };
    } catch (err) {
      if (!(err instanceof UnreadableFileError)) throw err;
      if (err.reason.code !== 'missing') skipped.push(`${labelOf(path, opts)} was skipped: it ${describeReason(err.reason)}`);
      return null;
    }
  };
  const candidates: Candidate[] = [];
  if (opts.configDir) {
    const global = join(opts.configDir, 'AGENTS.md');
    const found = attempt(global, () => readBounded(global, limit));
    if (found) candidates.push(found);
  }
  const parts = opts.subdir ? opts.subdir.split(/[\\/]/).filter(Boolean) : [];
  for (let depth = 0; depth <= parts.length; depth++) {
    const dir = join(opts.top, ...parts.slice(0, depth));
    // AGENTS.override.md wins; when it cannot be read, AGENTS.md in the same directory is used.
    for (const name of ['AGENTS.override.md', 'AGENTS.md']) {
      const path = join(dir, name);
      const found = attempt(path, () => readRepoFile(opts.top, path, limit));
      if (found) {
        candidates.push(found);
        break;
      }
    }
  }

  const files: ProjectDocFile[] = [];
  const sections: string[] = [];
  let used = 0;
  let globalUsed = 0;
  for (const { path, read } of candidates) {
    const content = read.bytes;
    const label = labelOf(path, opts);
    const header = `--- ${label} ---\n`;
    const room = maxBytes - used - Buffer.byteLength(header);
    if (room <= 0) {
      files.push({ path, bytes: read.size, included: 'omitted' });
      continue;
    }
    const isGlobal = opts.configDir !== null && path === join(opts.configDir, 'AGENTS.md');
    // The user's remembered section has its own small cap, so it never crowds the project out.
    const raw = content.toString('utf8');
    const text = (isGlobal ? capSection(raw, sectionCap('user', maxBytes)).text : raw).trim();
    const bytes = Buffer.byteLength(text);
    if (bytes <= room && !read.truncated) {
      sections.push(`${header}${text}`);
      used += Buffer.byteLength(header) + bytes + 1;
      if (isGlobal) globalUsed = used;
      files.push({ path, bytes: read.size, included: 'full' });
    } else {
      sections.push(`${header}${cutUtf8(text, Math.min(room, bytes))}`);
      used = maxBytes;
      if (isGlobal) globalUsed = used;
      files.push({ path, bytes: read.size, included: 'partial' });
    }
  }
  const cut = files.filter((f) => f.included !== 'full');
  if (cut.length > 0) {
    const list = cut.map((f) => `${labelOf(f.path, opts)} (${f.included === 'partial' ? 'cut short' : 'left out'})`).join(', ');
    sections.push(`[hew: project instructions are capped at ${maxBytes} bytes (project_doc_max_bytes); not all shown: ${list}]`);
  }
  return { text: sections.join('\n'), files, skipped, globalUsed };
}

function labelOf(path: string, opts: ProjectDocOptions): string {
  if (opts.configDir && path.startsWith(opts.configDir + sep)) return `global ${path.slice(opts.configDir.length + 1)}`;
  return relative(opts.top, path).split(sep).join('/');
}

/** The longest prefix of `text` that fits in `bytes` bytes of UTF-8, ending at a line where possible. */
function cutUtf8(text: string, bytes: number): string {
  const buf = Buffer.from(text, 'utf8').subarray(0, bytes);
  let cut = buf.toString('utf8');
  if (cut.endsWith('\uFFFD')) cut = cut.slice(0, -1);
  const nl = cut.lastIndexOf('\n');
  return nl > bytes / 2 ? cut.slice(0, nl) : cut;
}
