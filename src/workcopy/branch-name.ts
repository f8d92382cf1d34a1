// Whether a name may become a new branch `refs/heads/NAME` in the user's repository (`hew apply
// --branch`, `hew batch --apply --branch-prefix`). Three checks, in this order:
// 1. hew's own rules (pure, `branchNameRule`): no leading `-`; no `refs/` prefix (`refs/heads/x` would
//    make refs/heads/refs/heads/x); not `@` (git's name for HEAD); no last component `HEAD` or
//    `*_HEAD` (`HEAD`, `origin/HEAD`, `FETCH_HEAD`: names git resolves to something else first);
// 2. git's rules: `git check-ref-format --branch NAME`, asked in the user's repository, must accept
//    the name and print it back unchanged (it expands `@{-N}`; an expansion is refused);
// 3. no clash with an existing ref: the branch itself, a tag `refs/tags/NAME`, a remote-tracking ref
//    `refs/remotes/NAME` or `refs/remotes/NAME/HEAD`, a ref `refs/NAME` (all of which `NAME` already
//    means to git), and the directory/file clashes git would refuse to write (branch `a` vs `a/b`).
// Only reads the repository; a refusal names the problem and the fix (one line: describeBranchProblem).
import { safeLine } from '../format/safe-text.ts';
import { gitRun } from './git.ts';

export interface BranchNameProblem {
  reason: 'invalid-name' | 'exists';
  /** What is wrong, e.g. `branch x already exists in /repo`. */
  problem: string;
  /** What to do instead, e.g. `choose another name`. */
  fix: string;
}

/** The one line for a person: the problem and the fix (a name from a task file's name is shown visibly, never as terminal codes). */
export function describeBranchProblem(p: BranchNameProblem): string {
  return safeLine(`${p.problem}; ${p.fix}`);
}

const PSEUDO_REF = /(^|\/)[A-Z_]*HEAD$/;

const OTHER_NAME = 'choose another name, such as hew/fix';

/** hew's rules on top of git's (pure); null when the name passes them. */
export function branchNameRule(name: string): BranchNameProblem | null {
  const bad = (why: string, fix = OTHER_NAME): BranchNameProblem => ({ reason: 'invalid-name', problem: `"${name}" is not a valid branch name: ${why}`, fix });
  if (name === '') return bad('it is empty');
  if (name.startsWith('-')) return bad('it starts with "-"');
  const full = /^refs\/heads\/(.+)$/.exec(name);
  if (full !== null) return bad(`it would make the ref refs/heads/${name}`, `give the name without "refs/heads/": ${full[1]}`);
  if (name.startsWith('refs/')) return bad('a name starting with "refs/" reads as a full ref name');
  if (name === '@') return bad('"@" is git\'s name for HEAD');
  if (PSEUDO_REF.test(name)) return bad('git reads a name ending in HEAD as HEAD or as a remote\'s default branch');
  return null;
}

/** The refs that already answer to `name`, or that git could not create refs/heads/NAME beside. */
function clashes(name: string, refs: readonly string[]): string[] {
  const same = new Set([`refs/${name}`, `refs/tags/${name}`, `refs/heads/${name}`, `refs/remotes/${name}`, `refs/remotes/${name}/HEAD`]);
  const parts = name.split('/');
  const parents = new Set(parts.slice(1).map((_, i) => `refs/heads/${parts.slice(0, i + 1).join('/')}`));
  return refs.filter((r) => same.has(r) || parents.has(r) || r.startsWith(`refs/heads/${name}/`));
}

function clashProblem(name: string, ref: string, repo: string): BranchNameProblem {
  const fix = 'choose another name';
  if (ref === `refs/heads/${name}`) return { reason: 'exists', problem: `branch ${name} already exists in ${repo}`, fix };
  const what = ref.startsWith('refs/heads/')
    ? `the existing branch ${ref.slice('refs/heads/'.length)}`
    : ref.startsWith('refs/tags/')
      ? `the existing tag ${ref.slice('refs/tags/'.length)}`
      : ref.startsWith('refs/remotes/')
        ? `the existing remote-tracking ref ${ref.slice('refs/remotes/'.length)}`
        : `the existing ref ${ref}`;
  return { reason: 'exists', problem: `branch name "${name}" clashes with ${what} in ${repo}`, fix };
}

/** Checks `name` against the user's repository `repo` (read only); null when the branch can be created. */
export async function checkBranchName(repo: string, name: string): Promise<BranchNameProblem | null> {
  const rule = branchNameRule(name);
  if (rule !== null) return rule;
  const formatted = await gitRun(['check-ref-format', '--branch', name], { cwd: repo, userRepo: true, okCodes: [0, 1, 128] });
  if (formatted.exitCode !== 0 || formatted.stdout.replace(/\n$/, '') !== name) {
    return { reason: 'invalid-name', problem: `"${name}" is not a valid branch name (git check-ref-format --branch refuses it)`, fix: OTHER_NAME };
  }
  const parts = name.split('/');
  const patterns = [`refs/${name}`, `refs/tags/${name}`, `refs/remotes/${name}`, ...parts.map((_, i) => `refs/heads/${parts.slice(0, i + 1).join('/')}`)];
  const listed = await gitRun(['for-each-ref', '--format=%(refname)', ...patterns], { cwd: repo, userRepo: true });
  const found = clashes(name, listed.stdout.split('\n').filter((l) => l !== ''));
  const first = found.includes(`refs/heads/${name}`) ? `refs/heads/${name}` : found[0];
  return first === undefined ? null : clashProblem(name, first, repo);
}
