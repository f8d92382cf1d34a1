// Orientation: what the agent knows about the repository before its first step, within a fixed
// byte budget — a compact tree (large directories summarised, not listed), the languages, how to
// build and test (from the manifests), and the branch and recent commits. Read from the user's
// repository without writing anything (git with GIT_OPTIONAL_LOCKS=0). A manifest is read only when
// it is a regular file inside the repository (src/fs/repo-file.ts); one that is not is skipped.
import { join } from 'node:path';
import { describeReason, UnreadableFileError } from '../fs/read-bounded.ts';
import { readRepoFile } from '../fs/repo-file.ts';
import { gitBytes, gitRun, splitNul } from '../workcopy/git.ts';
import { anyMentionsLfs } from '../workcopy/lfs.ts';
import { decodePath, quotePath } from '../workcopy/path-bytes.ts';
import { buildCommands } from './orientation-build.ts';
import { commandLine, dependencyLine } from './orientation-deps.ts';
import type { EnvironmentFacts } from './orientation-deps.ts';
import { languageSummary, treeSummary } from './orientation-tree.ts';

const ORIENTATION_MAX_BYTES = 4000;

export interface OrientationOptions {
  top: string;
  isGit: boolean;
  maxBytes?: number;
  /** Told of a manifest that is there but was not read (a link out of the repository, a FIFO…). */
  onSkip?: (message: string) => void;
  /** Dependencies, network and programs (orientation-deps.ts); absent: not said. */
  environment?: EnvironmentFacts;
  /** A line about the run's setup command, when one ran. */
  setupNote?: string;
}

/** The most of one manifest orientation reads. */
const MANIFEST_MAX_BYTES = 64 * 1024;

export async function orientation(opts: OrientationOptions): Promise<string> {
  const maxBytes = opts.maxBytes ?? ORIENTATION_MAX_BYTES;
  const [files, git] = await Promise.all([listFiles(opts), opts.isGit ? gitFacts(opts.top) : Promise.resolve(null)]);
  const lfs = opts.isGit && (await usesLfs(opts.top, files)) ? LFS_NOTE : '';
  const sections: string[] = [];
  const manifests = new Map<string, string | null>();
  const read = (name: string): string | null => {
    if (!manifests.has(name)) manifests.set(name, readManifest(opts, name));
    return manifests.get(name) ?? null;
  };
  const build = buildCommands(opts.top, read);
  const env = opts.environment;
  if (build.length > 0) sections.push(`Build and test (from the manifests):\n${build.map((c) => `- ${commandLine(c, opts.top, env)}`).join('\n')}`);
  const deps = env ? dependencyLine(opts.top, env, read) : '';
  if (deps) sections.push(deps);
  if (opts.setupNote) sections.push(opts.setupNote);
  const langs = languageSummary(files);
  if (langs) sections.push(`Languages: ${langs}`);
  if (git) sections.push(git);
  if (lfs) sections.push(lfs);
  const fixed = sections.join('\n');
  const room = maxBytes - Buffer.byteLength(fixed) - 64;
  const tree = treeSummary(files, Math.max(200, room));
  const text = `${files.length} files${opts.isGit ? ' tracked by git' : ''}:\n${tree}\n${fixed}`;
  return Buffer.byteLength(text) <= maxBytes ? text : Buffer.from(text).subarray(0, maxBytes).toString('utf8').replace(/\uFFFD$/, '');
}

async function listFiles(opts: OrientationOptions): Promise<string[]> {
  if (opts.isGit) {
    const res = await gitBytes(['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: opts.top, userRepo: true, okCodes: [0, 128] });
    return res.exitCode === 0 ? splitNul(decodePath(res.stdout)).map(quotePath) : []; // shown to the model: display form
  }
  const { walkPlain } = await import('./orientation-walk.ts');
  return walkPlain(opts.top, 200_000);
}

/**
 * Told when the repository stores files through Git LFS (workcopy/lfs.ts): the copy holds their
 * content, except where the user's LFS store lacks the object; and the copy's git, which runs no LFS
 * filter, lists every LFS file holding content as modified.
 */
const LFS_NOTE = [
  'Git LFS: files stored through LFS hold their real content in this copy, except any whose content the user never fetched:',
  'such a file is still a small pointer file (`version https://git-lfs.github.com/spec/v1`, `oid sha256:…`, `size …`);',
  'its content is not available here, so do not edit it as if it were the content, and say so if the task needs it.',
  'git status and git diff here list the LFS files that hold content as modified although nobody changed them (no LFS filter runs in this copy); hew itself compares content.',
].join('\n');

/** Whether the repository's attributes files (tracked `.gitattributes`, `.git/info/attributes`) name the lfs filter. */
async function usesLfs(top: string, files: readonly string[]): Promise<boolean> {
  const attributeFiles = files.filter((f) => f === '.gitattributes' || f.endsWith('/.gitattributes'));
  return anyMentionsLfs(top, attributeFiles).catch(() => false);
}

async function gitFacts(top: string): Promise<string | null> {
  const [branch, log] = await Promise.all([
    gitRun(['symbolic-ref', '-q', '--short', 'HEAD'], { cwd: top, userRepo: true, okCodes: [0, 1, 128] }),
    gitRun(['log', '-5', '--format=%h %ad %s', '--date=short'], { cwd: top, userRepo: true, okCodes: [0, 128] }),
  ]);
  const name = branch.exitCode === 0 ? branch.stdout.trim() : '(detached HEAD)';
  const commits = log.exitCode === 0 ? log.stdout.trim() : '';
  return `Branch: ${name}${commits ? `\nRecent commits:\n${commits.split('\n').map((l) => `  ${l.slice(0, 100)}`).join('\n')}` : ''}`;
}

function readManifest(opts: OrientationOptions, name: string): string | null {
  try {
    return readRepoFile(opts.top, join(opts.top, name), { maxBytes: MANIFEST_MAX_BYTES, overLimit: 'truncate' }).bytes.toString('utf8');
  } catch (err) {
    if (!(err instanceof UnreadableFileError)) throw err;
    if (err.reason.code !== 'missing') opts.onSkip?.(`${name} was skipped: it ${describeReason(err.reason)}`);
    return null;
  }
}
