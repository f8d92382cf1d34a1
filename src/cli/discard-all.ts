// `hew discard --all`: the working copies of every finished run of this repository, as `hew discard`
// does one by one (transcripts and meta.json stay, marked discarded_at). Running runs are left alone.
// It asks first on a terminal (confirm.ts); `--yes` skips that, and off a terminal it is required.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { discardVerdict, hasUnappliedChanges } from '../runs/cleanup.ts';
import type { RunStore } from '../runs/store.ts';
import { safeLine } from '../terminal/safe-text.ts';
import { EXIT } from '../thread/exit-codes.ts';
import { confirmDeletion } from './confirm.ts';
import { runLines, stillTaken, unappliedNote } from './cleanup-lines.ts';
import { currentRepo, effectiveStatus, markRun, openStore, runsOf, type RunMetaView } from './run-ref.ts';
import { tildify } from './runs.ts';

export interface DiscardAllFlags {
  cd?: string;
  yes?: boolean;
}

export async function discardAllCommand(flags: DiscardAllFlags, store: RunStore = openStore()): Promise<number> {
  const repo = currentRepo(flags.cd);
  const shown = safeLine(tildify(repo));
  const taken: RunMetaView[] = [];
  let running = 0;
  let unapplied = 0;
  for (const meta of runsOf(store, repo) as RunMetaView[]) {
    const copyExists = existsSync(path.join(store.runsDir, meta.id, 'work'));
    const facts = { ...meta, status: effectiveStatus(meta) };
    const verdict = discardVerdict(facts, copyExists);
    if (verdict === 'running') running += 1;
    if (verdict !== 'take') continue;
    taken.push(meta);
    if (hasUnappliedChanges(facts, copyExists)) unapplied += 1;
  }
  const left = running > 0 ? `; ${running} still running, left alone` : '';
  if (taken.length === 0) {
    process.stdout.write(`no working copies to discard for ${shown}${left}\n`);
    return EXIT.ok;
  }
  const what = `the working copies of ${taken.length} run${taken.length === 1 ? '' : 's'} of ${shown}${unappliedNote(unapplied)}`;
  if (!(await confirmDeletion(`discard ${what}?`, { yes: flags.yes, command: 'hew discard --all' }))) {
    process.stderr.write('hew: nothing discarded\n');
    return EXIT.failed;
  }
  const done: RunMetaView[] = [];
  for (const meta of taken) {
    if (!stillTaken(store, meta.id, (fresh) => discardVerdict(fresh, existsSync(path.join(store.runsDir, meta.id, 'work'))))) continue;
    const run = store.open(meta.id);
    run.discardWork();
    markRun(run, { discarded_at: new Date().toISOString() });
    done.push(meta);
  }
  const spared = taken.length - done.length;
  const leftNow = running + spared > 0 ? `; ${running + spared} still running, left alone` : '';
  const whatNow = spared === 0 ? what : `the working copies of ${done.length} run${done.length === 1 ? '' : 's'} of ${shown}`;
  process.stdout.write(`discarded ${whatNow}${leftNow}; their transcripts stay:\n${runLines(done)}`);
  return EXIT.ok;
}
