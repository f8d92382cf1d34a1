// `hew diff [RUN]`: the run's changes as a unified diff against its base snapshot (paths as in the
// user's repository, binary-safe, new files included), coloured on a terminal unless NO_COLOR;
// `--stat` for a per-file summary. A plain copy's dependency and build output directories are left out.
import { currentTree } from '../workcopy/commits.ts';
import { git } from '../workcopy/git.ts';
import { PLAIN_SKIPPED_DIRS } from '../workcopy/plain.ts';
import { EXIT } from '../thread/exit-codes.ts';
import { colorEnabled } from './human-output.ts';
import { copyOf, openStore, requireFinished, resolveRun } from './run-ref.ts';

export interface DiffFlags {
  stat?: boolean;
  nameStatus?: boolean;
  cd?: string;
}

const DIFF_FLAGS = ['--no-ext-diff', '--no-textconv', '--src-prefix=a/', '--dst-prefix=b/', '-M'];

export async function diffCommand(ref: string | undefined, flags: DiffFlags): Promise<number> {
  const store = openStore();
  const run = resolveRun(store, ref, flags.cd);
  requireFinished(run.meta(), 'diff');
  const copy = copyOf(run);
  const color = colorEnabled(process.stdout, process.env);
  const out = await runDiff(copy, { color, stat: flags.stat, nameStatus: flags.nameStatus });
  if (out === '') process.stderr.write(`run ${run.id} changed no files\n`);
  else process.stdout.write(out);
  return EXIT.ok;
}

/** The diff text (or `--stat` / `--name-status` summary) of a copy against its base snapshot. */
export async function runDiff(
  copy: { root: string; baseSnapshot: string; kind: 'git' | 'plain' },
  opts: { color?: boolean; stat?: boolean; nameStatus?: boolean } = {},
): Promise<string> {
  const tree = await currentTree(copy.root);
  const mode = opts.stat ? ['--stat'] : opts.nameStatus ? ['--name-status'] : ['--binary'];
  const args = ['diff', ...mode, opts.color ? '--color=always' : '--no-color', ...DIFF_FLAGS, copy.baseSnapshot, tree];
  if (copy.kind === 'plain') args.push('--', '.', ...PLAIN_SKIPPED_DIRS.map((d) => `:(exclude,glob)**/${d}/**`));
  return git(args, { cwd: copy.root });
}
