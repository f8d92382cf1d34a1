// Orientation: what the agent knows about the repository before its first step, within a fixed
// byte budget — a compact tree (large directories summarised, not listed), the languages, how to
// build and test (from the manifests), and the branch and recent commits. Read from the user's
// repository without writing anything (git with GIT_OPTIONAL_LOCKS=0).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gitRun, splitNul } from '../workcopy/git.ts';
import { buildCommands } from './orientation-build.ts';
import { languageSummary, treeSummary } from './orientation-tree.ts';

export const ORIENTATION_MAX_BYTES = 4000;

export interface OrientationOptions {
  top: string;
  isGit: boolean;
  maxBytes?: number;
}

export async function orientation(opts: OrientationOptions): Promise<string> {
  const maxBytes = opts.maxBytes ?? ORIENTATION_MAX_BYTES;
  const [files, git] = await Promise.all([listFiles(opts), opts.isGit ? gitFacts(opts.top) : Promise.resolve(null)]);
  const sections: string[] = [];
  const build = buildCommands(opts.top, (name) => readSmall(join(opts.top, name)));
  if (build.length > 0) sections.push(`Build and test (from the manifests):\n${build.map((l) => `- ${l}`).join('\n')}`);
  const langs = languageSummary(files);
  if (langs) sections.push(`Languages: ${langs}`);
  if (git) sections.push(git);
  const fixed = sections.join('\n');
  const room = maxBytes - Buffer.byteLength(fixed) - 64;
  const tree = treeSummary(files, Math.max(200, room));
  const text = `${files.length} files${opts.isGit ? ' tracked by git' : ''}:\n${tree}\n${fixed}`;
  return Buffer.byteLength(text) <= maxBytes ? text : Buffer.from(text).subarray(0, maxBytes).toString('utf8').replace(/\uFFFD$/, '');
}

async function listFiles(opts: OrientationOptions): Promise<string[]> {
  if (opts.isGit) {
    const res = await gitRun(['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: opts.top, userRepo: true, okCodes: [0, 128] });
    return res.exitCode === 0 ? splitNul(res.stdout) : [];
  }
  const { walkPlain } = await import('./orientation-walk.ts');
  return walkPlain(opts.top, 200_000);
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

function readSmall(path: string): string | null {
  try {
    return existsSync(path) ? readFileSync(path, 'utf8').slice(0, 64 * 1024) : null;
  } catch {
    return null;
  }
}
