// `hew runs prune --older-than AGE`: removes whole runs (working copy, transcript, meta.json) of this
// repository (`--all`: of every repository) that ended more than AGE ago. Running runs are never
// removed. Runs with changes never applied are removed too (prune is explicit) and counted in what it
// prints. Each run is judged again just before it goes (a run resumed while the question was open
// stays). `--dry-run` lists what would go and deletes nothing; otherwise it asks first on a terminal
// (confirm.ts), `--yes` skips that, and off a terminal `--yes` is required. Damaged runs (no readable
// meta.json, so no repository and no age) are left to `hew discard ID`.
import { pruneVerdict, type CleanupFacts, type CleanupVerdict } from '../runs/cleanup.ts';
import type { RunStore } from '../runs/store.ts';
import { safeLine } from '../format/safe-text.ts';
import { EXIT } from '../protocol/exit-codes.ts';
import { confirmDeletion } from './confirm.ts';
import { leftAloneNote, removeStillTaken, runLines, selectRuns, unappliedNote } from './cleanup-lines.ts';
import { parseAge } from './duration.ts';
import { currentRepo } from './run-ref.ts';
import { openStore, runsOf } from '../runs/lifecycle.ts';
import type { RunMetaView } from '../protocol/run-meta.ts';
import { tildify } from './runs.ts';
import { UsageError } from '../errors/usage-error.ts';
import { plural } from '../format/plural.ts';

export interface PruneFlags {
  olderThan?: string;
  dryRun?: boolean;
  yes?: boolean;
  all?: boolean;
  cd?: string;
}

export async function pruneCommand(flags: PruneFlags, store: RunStore = openStore(), now: number = Date.now()): Promise<number> {
  if (flags.olderThan === undefined) throw new UsageError('hew runs prune: say which runs with --older-than AGE, e.g. --older-than 7d (h, d or w)');
  let olderThanMs: number;
  try {
    olderThanMs = parseAge(flags.olderThan);
  } catch (err) {
    throw new UsageError(`--older-than: ${(err as Error).message}`);
  }
  const repo = flags.all ? null : currentRepo(flags.cd);
  const scope = repo === null ? 'every repository' : safeLine(tildify(repo));
  const metas = (repo === null ? store.list() : runsOf(store, repo)) as RunMetaView[];
  const verdict = (facts: CleanupFacts): CleanupVerdict => pruneVerdict(facts, now, olderThanMs);
  const { taken, running, unapplied } = selectRuns(store, metas, verdict);
  const age = flags.olderThan.trim();
  const left = leftAloneNote(running);
  if (taken.length === 0) {
    process.stdout.write(`no runs of ${scope} older than ${age}${left}\n`);
    return EXIT.ok;
  }
  const what = `${plural(taken.length, 'run')} of ${scope} older than ${age}${unappliedNote(unapplied)}`;
  if (flags.dryRun) {
    process.stdout.write(`would remove ${what}${left}:\n${runLines(taken)}`);
    return EXIT.ok;
  }
  if (!(await confirmDeletion(`remove ${what}, copies and transcripts?`, { yes: flags.yes, command: 'hew runs prune' }))) {
    process.stderr.write('hew: nothing removed\n');
    return EXIT.failed;
  }
  const done = removeStillTaken(store, taken, verdict, (run) => run.removeAll());
  const spared = taken.length - done.length;
  const whatNow = spared === 0 ? what : `${plural(done.length, 'run')} of ${scope} older than ${age}`;
  process.stdout.write(`removed ${whatNow}${leftAloneNote(running + spared)}:\n${runLines(done)}`);
  return EXIT.ok;
}
