// `hew runs prune --older-than AGE`: removes whole runs (working copy, transcript, meta.json) of this
// repository (`--all`: of every repository) that ended more than AGE ago. Running runs are never
// removed. Runs with changes never applied are removed too (prune is explicit) and counted in what it
// prints. Each run is judged again just before it goes (a run resumed while the question was open
// stays). `--dry-run` lists what would go and deletes nothing; otherwise it asks first on a terminal
// (confirm.ts), `--yes` skips that, and off a terminal `--yes` is required. Damaged runs (no readable
// meta.json, so no repository and no age) are left to `hew discard ID`.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { hasUnappliedChanges, pruneVerdict } from '../runs/cleanup.ts';
import type { RunStore } from '../runs/store.ts';
import { safeLine } from '../terminal/safe-text.ts';
import { EXIT } from '../thread/exit-codes.ts';
import { confirmDeletion } from './confirm.ts';
import { runLines, stillTaken, unappliedNote } from './cleanup-lines.ts';
import { parseAge } from './duration.ts';
import { currentRepo, effectiveStatus, openStore, runsOf, type RunMetaView } from './run-ref.ts';
import { tildify } from './runs.ts';
import { UsageError } from './usage-error.ts';

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
  const taken: RunMetaView[] = [];
  let running = 0;
  let unapplied = 0;
  for (const meta of metas) {
    const facts = { ...meta, status: effectiveStatus(meta) };
    const verdict = pruneVerdict(facts, now, olderThanMs);
    if (verdict === 'running') running += 1;
    if (verdict !== 'take') continue;
    taken.push(meta);
    if (hasUnappliedChanges(facts, existsSync(path.join(store.runsDir, meta.id, 'work')))) unapplied += 1;
  }
  const age = flags.olderThan.trim();
  const left = running > 0 ? `; ${running} still running, left alone` : '';
  if (taken.length === 0) {
    process.stdout.write(`no runs of ${scope} older than ${age}${left}\n`);
    return EXIT.ok;
  }
  const what = `${taken.length} run${taken.length === 1 ? '' : 's'} of ${scope} older than ${age}${unappliedNote(unapplied)}`;
  if (flags.dryRun) {
    process.stdout.write(`would remove ${what}${left}:\n${runLines(taken)}`);
    return EXIT.ok;
  }
  if (!(await confirmDeletion(`remove ${what}, copies and transcripts?`, { yes: flags.yes, command: 'hew runs prune' }))) {
    process.stderr.write('hew: nothing removed\n');
    return EXIT.failed;
  }
  const done: RunMetaView[] = [];
  for (const meta of taken) {
    if (!stillTaken(store, meta.id, (fresh) => pruneVerdict(fresh, now, olderThanMs))) continue;
    store.open(meta.id).removeAll();
    done.push(meta);
  }
  const spared = taken.length - done.length;
  const leftNow = running + spared > 0 ? `; ${running + spared} still running, left alone` : '';
  const whatNow = spared === 0 ? what : `${done.length} run${done.length === 1 ? '' : 's'} of ${scope} older than ${age}`;
  process.stdout.write(`removed ${whatNow}${leftNow}:\n${runLines(done)}`);
  return EXIT.ok;
}
