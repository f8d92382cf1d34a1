// `hew discard --all`: the working copies of every finished run of this repository, as `hew discard`
// does one by one (transcripts and meta.json stay, marked discarded_at). Running runs are left alone.
// It asks first on a terminal (confirm.ts); `--yes` skips that, and off a terminal it is required.
import { discardVerdict } from '../runs/cleanup.ts';
import type { RunStore } from '../runs/store.ts';
import { safeLine } from '../format/safe-text.ts';
import { EXIT } from '../protocol/exit-codes.ts';
import { confirmDeletion } from './confirm.ts';
import { leftAloneNote, removeStillTaken, runLines, selectRuns, unappliedNote } from './cleanup-lines.ts';
import { currentRepo } from './run-ref.ts';
import { markRun, openStore, runsOf } from '../runs/lifecycle.ts';
import type { RunMetaView } from '../protocol/run-meta.ts';
import { tildify } from './runs.ts';
import { plural } from '../format/plural.ts';

export interface DiscardAllFlags {
  cd?: string;
  yes?: boolean;
}

export async function discardAllCommand(flags: DiscardAllFlags, store: RunStore = openStore()): Promise<number> {
  const repo = currentRepo(flags.cd);
  const shown = safeLine(tildify(repo));
  const { taken, running, unapplied } = selectRuns(store, runsOf(store, repo) as RunMetaView[], discardVerdict);
  if (taken.length === 0) {
    process.stdout.write(`no working copies to discard for ${shown}${leftAloneNote(running)}\n`);
    return EXIT.ok;
  }
  const what = `the working copies of ${plural(taken.length, 'run')} of ${shown}${unappliedNote(unapplied)}`;
  if (!(await confirmDeletion(`discard ${what}?`, { yes: flags.yes, command: 'hew discard --all' }))) {
    process.stderr.write('hew: nothing discarded\n');
    return EXIT.failed;
  }
  const done = removeStillTaken(store, taken, discardVerdict, (run) => {
    run.discardWork();
    markRun(run, { discarded_at: new Date().toISOString() });
  });
  const spared = taken.length - done.length;
  const whatNow = spared === 0 ? what : `the working copies of ${plural(done.length, 'run')} of ${shown}`;
  process.stdout.write(`discarded ${whatNow}${leftAloneNote(running + spared)}; their transcripts stay:\n${runLines(done)}`);
  return EXIT.ok;
}
