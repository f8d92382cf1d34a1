// The demo's sample repository: `demo/sample/` ships at the top of the package; each demo copies it to
// a fresh temporary directory and commits it as a new git repository, so the working copy, sandbox,
// diff and apply that follow are the real ones — on a repository that is the demo's to change.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gitEnv } from '../workcopy/git.ts';

const SAMPLE_NAME = 'durations';

/** The bundled sample: `demo/sample` in the package, found from this module (src/demo/ or dist/). */
export function bundledSampleDir(from: string = import.meta.url): string {
  let dir = dirname(fileURLToPath(from));
  for (let i = 0; i < 5; i++) {
    const candidate = join(dir, 'demo', 'sample');
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new Error(`the demo's sample repository (demo/sample) is missing from this installation (looked above ${fileURLToPath(from)})`);
}

/** Copies the sample into a new temporary directory and commits it; returns the repository's path. */
export function prepareSample(opts: { source?: string; parent?: string } = {}): string {
  const source = opts.source ?? bundledSampleDir();
  const repo = join(mkdtempSync(join(opts.parent ?? tmpdir(), 'hew-demo-')), SAMPLE_NAME);
  cpSync(source, repo, { recursive: true });
  // The user's git configuration (hooks, signing, templates) has no business in the demo's commit.
  const quiet = ['-c', 'core.hooksPath=/dev/null', '-c', 'commit.gpgsign=false', '-c', 'user.name=hew demo', '-c', 'user.email=demo@hew.invalid'];
  git(repo, ['init', '-q', '--template=', '-b', 'main']);
  git(repo, ['add', '-A']);
  git(repo, [...quiet, 'commit', '-q', '-m', 'durations: format seconds for people']);
  return repo;
}

function git(cwd: string, args: string[]): void {
  const res = spawnSync('git', args, { cwd, env: gitEnv({ GIT_CONFIG_NOSYSTEM: '1' }), encoding: 'utf8' });
  if (res.error) throw new Error(`the demo needs git: ${res.error.message}`);
  if (res.status !== 0) throw new Error(`git ${args.join(' ')} failed in ${cwd}: ${res.stderr.trim()}`);
}
