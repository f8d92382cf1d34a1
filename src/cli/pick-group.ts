// The best-of-N group `hew pick [RUN]` shows: RUN is any attempt's run id or a unique prefix (the
// group's id is its first attempt's run id, so it names the group too); without RUN, the newest group
// of this repository. Each attempt as the picker shows it (protocol/pick.ts) and as exec's attempts
// table lists it (in ranking order: hew's chosen attempt first, then attempts/rank.ts).
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { AttemptSummary, StampedEvent } from '../protocol/events.ts';
import type { PickAttempt } from '../protocol/pick.ts';
import type { RunMeta } from '../protocol/run-meta.ts';
import { UsageError } from '../errors/usage-error.ts';
import { diffSize } from '../attempts/diff-size.ts';
import { rankAttempts, rankFieldsOf } from '../attempts/rank.ts';
import { effectiveStatus, requireFinished, runsOf } from '../runs/lifecycle.ts';
import type { RunStore } from '../runs/store.ts';
import { currentRepo } from './run-ref.ts';

export interface PickGroup {
  group: string;
  title: string;
  /** By index. */
  attempts: PickAttempt[];
  /** Best first, as exec's attempts table shows them. */
  ranked: AttemptSummary[];
}

/** The group RUN belongs to (or the newest of this repository); bad input when there is none or an attempt still runs. */
export async function loadPickGroup(store: RunStore, ref: string | undefined, cd: string | undefined): Promise<PickGroup> {
  const group = groupIdOf(store, ref, cd);
  const members = store
    .list()
    .filter((m) => m.attempt?.group === group)
    .sort((a, b) => (a.attempt?.index ?? 0) - (b.attempt?.index ?? 0));
  if (members.length === 0) throw new UsageError(`no attempts of group ${group} are left (list runs with \`hew runs\`)`);
  for (const m of members) requireFinished(m, 'pick from');
  const loaded = await Promise.all(members.map((m) => loadAttempt(store, m)));
  const hasCheck = loaded.some((l) => l.summary.check !== null);
  const ranked = rankAttempts(loaded.map(({ summary: s }) => ({ s, ...rankFieldsOf(s, hasCheck) }))).map((r) => r.s);
  // hew's recorded choice leads, as it did when the group ended (the copies may have changed since).
  const chosen = ranked.findIndex((s) => members.find((m) => m.id === s.run_id)?.chosen === true);
  if (chosen > 0) ranked.unshift(...ranked.splice(chosen, 1));
  return { group, title: members[0]?.title ?? '', attempts: loaded.map((l) => l.pick), ranked };
}

function groupIdOf(store: RunStore, ref: string | undefined, cd: string | undefined): string {
  if (ref === undefined || ref === '') {
    const repo = currentRepo(cd);
    const newest = runsOf(store, repo).find((m) => m.attempt !== undefined);
    if (!newest?.attempt) throw new UsageError(`no best-of-N runs for ${repo} (make some with \`hew exec --attempts N\`, or name a run)`);
    return newest.attempt.group;
  }
  let id: string;
  try {
    id = store.resolveId(ref);
  } catch (err) {
    throw new UsageError(`${(err as Error).message} (list runs with \`hew runs --all\`)`);
  }
  const meta = store.open(id).meta();
  if (!meta.attempt) throw new UsageError(`run ${id} is a single run, not an attempt of a best-of-N group: take it with \`hew apply ${id}\``);
  return meta.attempt.group;
}

/** One attempt as the picker shows it and as the attempts table lists it. */
async function loadAttempt(store: RunStore, meta: RunMeta): Promise<{ pick: PickAttempt; summary: AttemptSummary }> {
  const run = store.open(meta.id);
  const gone = !existsSync(path.join(run.workDir, '.git'));
  const completed = run.readEvents().filter((e): e is Extract<StampedEvent, { type: 'thread.completed' }> => e.type === 'thread.completed').at(-1);
  const files = meta.files_changed.length;
  const diff = gone ? { files, added: 0, removed: 0 } : await diffSize(store, meta.id, files);
  const status = effectiveStatus(meta);
  const check = completed?.check;
  const cost = meta.total_cost_usd !== undefined ? { costUsd: meta.total_cost_usd } : {};
  const pick: PickAttempt = {
    runId: meta.id,
    index: meta.attempt?.index ?? 0,
    status,
    check: check ? (check.passed ? 'passed' : 'failed') : 'none',
    diff,
    ...cost,
    chosen: meta.chosen === true,
    finalMessage: completed?.final_message ?? null,
    gone,
  };
  const summary: AttemptSummary = {
    run_id: meta.id,
    index: pick.index,
    status: status === 'running' ? 'interrupted' : status,
    exit_code: meta.exit_code ?? 1,
    check: check ? { passed: check.passed, exit_code: check.exit_code } : null,
    diff,
    ...(meta.total_cost_usd !== undefined ? { cost_usd: meta.total_cost_usd } : {}),
    ...(gone ? { removed: true } : {}),
  };
  return { pick, summary };
}
