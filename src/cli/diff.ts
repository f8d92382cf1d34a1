// `hew diff [RUN]`: the run's changes as a unified diff against its base snapshot (paths as in the
// user's repository, binary-safe, new files included), coloured on a terminal unless NO_COLOR;
// `--stat` for a per-file summary. A plain copy's dependency and build output directories are left out.
// Piped or redirected, the patch is byte-exact (it must apply); on a terminal, what the model wrote
// (file contents and names) is made safe first and hew colours the lines itself, so no escape in a
// file reaches the terminal and git's colours cannot be confused with the model's.
import { currentTree } from '../workcopy/commits.ts';
import { gitBytes } from '../workcopy/git.ts';
import { PLAIN_SKIPPED_DIRS } from '../workcopy/plain.ts';
import { ignoredFiles } from '../workcopy/ignored.ts';
import { quotePath } from '../workcopy/path-bytes.ts';
import { ignoredLines, runIgnored } from './ignored-lines.ts';
import { notCopiedLines } from './left-out-lines.ts';
import { leftOutOf } from '../runs/meta.ts';
import { EXIT } from '../protocol/exit-codes.ts';
import { safeText } from '../format/safe-text.ts';
import { colorEnabled } from '../format/color.ts';
import { makeStyle, type Style } from './human-output.ts';
import { copyOf, openStore, requireFinished } from '../runs/lifecycle.ts';
import { resolveRun } from './run-ref.ts';

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
  const bytes = await runDiff(copy, { stat: flags.stat, nameStatus: flags.nameStatus });
  const out = bytes.toString('utf8');
  // Ignored files the run wrote are not in the diff (git hides them): named on stderr, so stdout stays a patch.
  const ignored = copy.kind === 'git' ? (await ignoredFiles(copy.root)).map(quotePath) : [];
  if (bytes.length === 0 && ignored.length === 0) process.stderr.write(`run ${run.id} changed no files\n`);
  if (ignored.length > 0) process.stderr.write(`${ignoredLines(await runIgnored(run, copy.root, ignored), run.id).join('\n')}\n`);
  const notCopied = notCopiedLines(leftOutOf(run.meta()));
  if (notCopied.length > 0) process.stderr.write(`${notCopied.join('\n')}\n`);
  if (bytes.length === 0) return EXIT.ok;
  if (!process.stdout.isTTY) process.stdout.write(bytes); // git's bytes as they are: a file that is not UTF-8 stays a patch that applies
  else process.stdout.write(colorDiff(safeText(out), makeStyle(colorEnabled(process.stdout, process.env))));
  return EXIT.ok;
}

/** Colours a unified diff (or a --stat summary) that has already been made safe, line by line. */
export function colorDiff(text: string, s: Style): string {
  return text
    .split('\n')
    .map((line) => {
      if (/^(diff --git |index |--- |\+\+\+ |new file mode |deleted file mode |similarity index |rename (from|to) )/.test(line)) return s.bold(line);
      if (line.startsWith('@@')) return s.dim(line);
      if (line.startsWith('+')) return s.green(line);
      if (line.startsWith('-')) return s.red(line);
      const bar = /^( .* \| +\d+ )(\+*)(-*)$/.exec(line);
      return bar ? `${bar[1]}${bar[2] ? s.green(bar[2]) : ''}${bar[3] ? s.red(bar[3]) : ''}` : line;
    })
    .join('\n');
}

/** The diff (or `--stat` / `--name-status` summary) of a copy against its base snapshot, as git's bytes. */
export async function runDiff(
  copy: { root: string; baseSnapshot: string; kind: 'git' | 'plain' },
  opts: { color?: boolean; stat?: boolean; nameStatus?: boolean } = {},
): Promise<Buffer> {
  const tree = await currentTree(copy.root);
  const mode = opts.stat ? ['--stat'] : opts.nameStatus ? ['--name-status'] : ['--binary'];
  // git's own quoting of names, whatever the user's config: non-ASCII bytes in octal, so the patch is plain text and applies.
  const args = ['-c', 'core.quotePath=true', 'diff', ...mode, opts.color ? '--color=always' : '--no-color', ...DIFF_FLAGS, copy.baseSnapshot, tree];
  if (copy.kind === 'plain') args.push('--', '.', ...PLAIN_SKIPPED_DIRS.map((d) => `:(exclude,glob)**/${d}/**`));
  return (await gitBytes(args, { cwd: copy.root })).stdout;
}
