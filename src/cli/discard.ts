// `hew discard [RUN]`: delete the run's working copy; its transcript (events.jsonl, commands.log) and
// meta.json stay, marked with discarded_at. Discarding a run again is harmless. A damaged run (its
// meta.json missing or unreadable) is removed whole: its directory under hew's runs directory, found
// by its id alone — nothing in the damaged file can point the removal anywhere else. `--all` is
// discard-all.ts.
import { existsSync } from 'node:fs';
import { EXIT } from '../protocol/exit-codes.ts';
import { markRun, openStore, requireFinished } from '../runs/lifecycle.ts';
import { resolveRun } from './run-ref.ts';
import type { RunMetaView } from '../protocol/run-meta.ts';
import { UsageError } from '../errors/usage-error.ts';

export interface DiscardFlags {
  cd?: string;
  all?: boolean;
  yes?: boolean;
}

export async function discardCommand(ref: string | undefined, flags: DiscardFlags): Promise<number> {
  if (flags.all) {
    if (ref !== undefined) throw new UsageError(`hew discard: name one run or use --all, not both (got ${JSON.stringify(ref)} and --all)`);
    const { discardAllCommand } = await import('./discard-all.ts');
    return discardAllCommand(flags);
  }
  if (flags.yes) throw new UsageError('hew discard: --yes goes with --all (discarding one run asks nothing)');
  const store = openStore();
  const run = resolveRun(store, ref, flags.cd);
  const reading = run.inspectMeta();
  if (!reading.ok) {
    run.removeAll();
    process.stdout.write(`discarded damaged run ${run.id} (${reading.damage}): removed ${run.dir}\n`);
    return EXIT.ok;
  }
  const meta = reading.meta as RunMetaView;
  requireFinished(meta, 'discard');
  if (!existsSync(run.workDir) && run.discardLeftover()) {
    run.discardWork(); // a discard that was killed midway: finish it
    if (!meta.discarded_at) markRun(run, { discarded_at: new Date().toISOString() });
  }
  if (!existsSync(run.workDir)) {
    process.stdout.write(`run ${run.id}: its working copy was already discarded${meta.discarded_at ? ` (${meta.discarded_at})` : ''}\n`);
    return EXIT.ok;
  }
  run.discardWork();
  markRun(run, { discarded_at: new Date().toISOString() });
  process.stdout.write(`discarded run ${run.id}: removed its working copy ${run.workDir}\nkept its transcript ${run.eventsPath}\n`);
  return EXIT.ok;
}
