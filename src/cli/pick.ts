// `hew pick [RUN]`: choose an attempt of a finished best-of-N group on a screen (src/ui/pick/) and
// apply it exactly as `hew apply RUN` does (all or nothing; conflicts: nothing written, exit 5). The
// applied attempt gets `picked_by_user: true` in its meta.json; hew's own `chosen` mark stays where
// the ranking put it. Without a person at the terminal it prints the attempts table and how to take
// one (`hew apply RUN`), exit 0: it never waits.
import { EXIT } from '../protocol/exit-codes.ts';
import type { RunMetaView } from '../protocol/run-meta.ts';
import { colorEnabled } from '../format/color.ts';
import { copyOf, markRun, openStore } from '../runs/lifecycle.ts';
import { fileDiffs } from '../workcopy/stat.ts';
import { applyCommand } from './apply.ts';
import { attemptsTable } from './attempts-table.ts';
import { makeStyle } from './human-output.ts';
import { personAtTerminal } from './person-at-terminal.ts';
import { loadPickGroup } from './pick-group.ts';

export interface PickFlags {
  cd?: string;
}

export async function pickCommand(ref: string | undefined, flags: PickFlags): Promise<number> {
  const env = process.env;
  const store = openStore(env);
  const group = await loadPickGroup(store, ref, flags.cd);
  if (!personAtTerminal(process.stdin, process.stdout, env)) {
    const chosen = group.ranked[0]?.run_id ?? group.group;
    process.stdout.write(attemptsTable(group.ranked, makeStyle(colorEnabled(process.stdout, env))));
    process.stdout.write(`hew pick needs a terminal to choose; take any attempt with \`hew apply RUN\` (hew's choice: \`hew apply ${chosen}\`)\n`);
    return EXIT.ok;
  }
  const { renderPick } = await import('../ui/pick/render-pick.ts');
  const choice = await renderPick({
    group: group.group,
    title: group.title,
    attempts: group.attempts,
    loadDiff: (runId) => fileDiffs(copyOf(store.open(runId))),
  });
  if (choice === null) return EXIT.ok;
  const code = await applyCommand(choice, { cd: flags.cd });
  if (code === EXIT.ok) {
    // One pick per group: a later pick moves the mark.
    for (const a of group.attempts) if (a.runId !== choice) unmark(store, a.runId);
    markRun(store.open(choice), { picked_by_user: true });
  }
  return code;
}

function unmark(store: ReturnType<typeof openStore>, runId: string): void {
  const run = store.open(runId);
  if ((run.meta() as RunMetaView).picked_by_user) markRun(run, { picked_by_user: undefined });
}
