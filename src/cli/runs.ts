// `hew runs`: the runs of this repository (or, with --all, of every repository), newest first, as a
// table — or with --json as JSONL, one run per line, for machines. A `running` run whose process is
// gone is shown as `interrupted`. A damaged run (meta.json missing or unreadable: its repository is
// unknown) is listed in every listing, after the others, as `damaged` with the reason. Titles and
// paths are made safe for the terminal. The table fits the terminal's width, or 80 columns in a pipe.
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RunMeta, RunMetaView } from '../protocol/run-meta.ts';
import { formatCost } from '../format/cost.ts';
import type { DamagedRun } from '../runs/store.ts';
import { safeLine } from '../format/safe-text.ts';
import { EXIT } from '../protocol/exit-codes.ts';
import { colorEnabled } from '../format/color.ts';
import { makeStyle, type Style } from './human-output.ts';
import { currentRepo } from './run-ref.ts';
import { effectiveStatus, openStore, runsOf } from '../runs/lifecycle.ts';
import { attemptOf } from '../runs/meta.ts';

export interface RunsFlags {
  json?: boolean;
  all?: boolean;
  cd?: string;
}

/** One run as `hew runs --json` prints it: meta.json with the effective status and whether the copy still exists. */
export type RunListing = RunMetaView & { work_exists: boolean };

/** A damaged run as `hew runs --json` prints it. */
export interface DamagedListing {
  id: string;
  status: 'damaged';
  damage: string;
  work_exists: boolean;
}

export function listRuns(flags: RunsFlags, env: NodeJS.ProcessEnv = process.env): { repo: string | null; runs: RunListing[]; damaged: DamagedListing[] } {
  const store = openStore(env);
  const repo = flags.all ? null : currentRepo(flags.cd);
  const metas = repo === null ? store.list() : runsOf(store, repo);
  return { repo, runs: metas.map((m) => toListing(m, path.join(store.runsDir, m.id))), damaged: store.damaged().map(toDamagedListing) };
}

function toListing(meta: RunMeta, dir: string): RunListing {
  const { pid: _pid, status: _status, id, ...rest } = meta as RunMetaView;
  return { id, status: effectiveStatus(meta), ...rest, work_exists: existsSync(path.join(dir, 'work', '.git')) };
}

function toDamagedListing(run: DamagedRun): DamagedListing {
  return { id: run.id, status: 'damaged', damage: run.damage, work_exists: existsSync(path.join(run.dir, 'work', '.git')) };
}

export async function runsCommand(flags: RunsFlags): Promise<number> {
  const env = process.env;
  const { repo, runs, damaged } = listRuns(flags, env);
  if (flags.json) {
    process.stdout.write([...runs, ...damaged].map((r) => `${JSON.stringify(r)}\n`).join(''));
    return EXIT.ok;
  }
  if (runs.length === 0 && damaged.length === 0) {
    process.stderr.write(repo === null ? 'no runs yet\n' : `no runs for ${tildify(repo, env)} (\`hew runs --all\` lists every repository)\n`);
    return EXIT.ok;
  }
  const style = makeStyle(colorEnabled(process.stdout, env));
  process.stdout.write(formatRunsTable(runs, { style, width: tableWidth(process.stdout, env), env, withRepo: repo === null }, damaged));
  return EXIT.ok;
}

/** The width the table fits: the terminal's; in a pipe `COLUMNS` when set, else 80. */
export function tableWidth(out: { isTTY?: boolean; columns?: number }, env: NodeJS.ProcessEnv): number {
  if (out.isTTY && out.columns) return out.columns;
  const columns = Number(env.COLUMNS);
  return Number.isInteger(columns) && columns > 0 ? columns : 80;
}

export interface TableOptions {
  style?: Style;
  /** The width every line fits (titles are cut first, then the repository, then the line). Default 80. */
  width?: number;
  env?: NodeJS.ProcessEnv;
  /** Show the REPO column (listing several repositories: `--all`). */
  withRepo?: boolean;
  /** For STARTED: which year is "this year" (default: now). */
  now?: Date;
}

/** The most a REPO cell takes; a longer path keeps its end (`…/src/dates`). */
const REPO_MAX = 24;
/** The least a TITLE gets before the repository is cut further. */
const TITLE_MIN = 12;

/** The run's cost cell (`-` when unknown), or no cell when no run's cost is known. */
function costCells(runs: readonly RunListing[]): ((r: RunListing | null) => string[]) {
  const withCost = runs.some((r) => typeof r.total_cost_usd === 'number');
  return (r) => (withCost ? [r !== null && typeof r.total_cost_usd === 'number' ? formatCost(r.total_cost_usd) : '-'] : []);
}

/** The human table: ID, STATUS, STARTED (local time), FILES, [COST when any run's is known,] [REPO with --all,] TITLE. */
export function formatRunsTable(runs: RunListing[], opts: TableOptions = {}, damaged: DamagedListing[] = []): string {
  const style = opts.style ?? makeStyle(false);
  const env = opts.env ?? process.env;
  const width = opts.width ?? 80;
  const now = opts.now ?? new Date();
  const cost = costCells(runs);
  const withCost = cost(null).length > 0;
  const repoCells = (text: string): string[] => (opts.withRepo ? [text] : []);
  const listed = groupAttempts(runs);
  const rows = listed.map(({ run: r, group }) =>
    group
      ? [`best of ${group.of}`, group.status, shortTime(r.started_at, now), String(r.files_changed?.length ?? 0), ...(withCost ? [group.cost] : []), ...repoCells(safeLine(tildify(r.repo, env))), safeLine(r.title)]
      : [attemptId(r), statusText(r), shortTime(r.started_at, now), String(r.files_changed?.length ?? 0), ...cost(r), ...repoCells(safeLine(tildify(r.repo, env))), safeLine(r.title)],
  );
  const broken = damaged.map((d) => [d.id, 'damaged', '-', '-', ...cost(null), ...repoCells('-'), safeLine(d.damage)]);
  const header = ['ID', 'STATUS', 'STARTED', 'FILES', ...(withCost ? ['COST'] : []), ...repoCells('REPO'), 'TITLE'];
  const all = [header, ...rows, ...broken];
  const repoAt = opts.withRepo ? header.length - 2 : -1;
  const right = new Set([3, ...(withCost ? [4] : [])]);
  const widths = header.map((_, i) => Math.max(...all.map((row) => (row[i] as string).length)));
  if (repoAt >= 0) {
    // The repository gives way to the title, down to REPO_MAX and then to what leaves TITLE_MIN.
    const others = widths.reduce((n, w, i) => (i === repoAt || i === header.length - 1 ? n : n + w + 2), 0) + 2;
    widths[repoAt] = Math.max(4, Math.min(widths[repoAt] as number, REPO_MAX, width - others - TITLE_MIN));
  }
  const used = widths.slice(0, -1).reduce((n, w) => n + w + 2, 0);
  const line = (cells: string[], paint: (s: string, i: number) => string): string => {
    const fixed = cells.slice(0, -1).map((c, i) => {
      const cell = i === repoAt ? elideStart(c, widths[i] as number) : c;
      return paint(right.has(i) ? cell.padStart(widths[i] as number) : cell.padEnd(widths[i] as number), i);
    });
    const title = elideEnd(cells.at(-1) as string, width - used);
    return `${[...fixed, paint(title, header.length - 1)].join('  ').trimEnd()}\n`;
  };
  const out = [line(header, (s) => style.dim(s))];
  for (const [n, row] of rows.entries()) {
    const entry = listed[n] as ListedRow;
    const status = entry.group ? entry.group.status : entry.run.status;
    out.push(line(row, (s, i) => (i !== 1 ? s : status === 'completed' ? style.green(s) : status === 'running' ? style.bold(s) : style.red(s))));
  }
  for (const row of broken) out.push(line(row, (s, i) => (i === 1 ? style.red(s) : s)));
  // The way out of a damaged run, each on its own line (its reason is cut to fit the table).
  for (const d of damaged) out.push(elideEnd(`remove the damaged run with \`hew discard ${d.id}\``, width) + '\n');
  return out.join('');
}

interface ListedRow {
  run: RunListing;
  /** A best-of-N group's own line (its chosen attempt's run, or its first one, stands for it). */
  group?: { of: number; status: string; cost: string };
}

/**
 * The runs in table order: best-of-N attempts (meta.json `attempt`) gathered under one group line
 * where the group's newest attempt would stand, each attempt on its own line below it, by index.
 */
export function groupAttempts(runs: readonly RunListing[]): ListedRow[] {
  const rows: ListedRow[] = [];
  const seen = new Set<string>();
  for (const run of runs) {
    const group = attemptOf(run)?.group;
    if (group === undefined) {
      rows.push({ run });
      continue;
    }
    if (seen.has(group)) continue;
    seen.add(group);
    const members = runs.filter((r) => attemptOf(r)?.group === group).sort((a, b) => (attemptOf(a)?.index ?? 0) - (attemptOf(b)?.index ?? 0));
    const chosen = members.find((r) => r.chosen) ?? (members[0] as RunListing);
    const costs = members.map((r) => r.total_cost_usd);
    const cost = costs.every((c) => typeof c === 'number') ? formatCost(costs.reduce((a: number, c) => a + (c as number), 0)) : '-';
    const running = members.some((r) => r.status === 'running');
    rows.push({ run: chosen, group: { of: attemptOf(run)?.of ?? members.length, status: running ? 'running' : `${chosen.status}${chosen.chosen ? '' : ' (none chosen)'}`, cost } });
    for (const member of members) rows.push({ run: member });
  }
  return rows;
}

/** An attempt's ID cell: indented under its group, the chosen one marked `*`. */
function attemptId(r: RunListing): string {
  if (!attemptOf(r)) return r.id;
  return `${r.chosen ? '  * ' : '    '}${r.id}`;
}

/** TEXT cut to WIDTH characters, ending in `…` when cut. */
/** TEXT cut to WIDTH columns with `…` when longer. */
export function elideEnd(text: string, width: number): string {
  if (text.length <= width) return text;
  return width <= 0 ? '' : `${text.slice(0, width - 1)}…`;
}

/** TEXT cut to WIDTH characters from the start, keeping its end (`…/src/dates`). */
function elideStart(text: string, width: number): string {
  if (text.length <= width) return text;
  return `…${text.slice(text.length - width + 1)}`;
}

function statusText(r: RunListing): string {
  if (r.discarded_at) return `${r.status} (discarded)`;
  if (r.applied_at) return `${r.status} (applied)`;
  return r.status;
}

/** In local time: `03-14 09:26` this year, `2024-03-14` (the date alone) for an earlier or later year. */
export function shortTime(iso: string, now: Date = new Date()): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number): string => String(n).padStart(2, '0');
  const date = `${p(d.getMonth() + 1)}-${p(d.getDate())}`;
  return d.getFullYear() === now.getFullYear() ? `${date} ${p(d.getHours())}:${p(d.getMinutes())}` : `${d.getFullYear()}-${date}`;
}

/** `/home/me/src/x` → `~/src/x`. */
export function tildify(p: string, env: NodeJS.ProcessEnv = process.env): string {
  const home = env.HOME && path.isAbsolute(env.HOME) ? env.HOME : os.homedir();
  if (p === home) return '~';
  return p.startsWith(home + path.sep) ? `~${p.slice(home.length)}` : p;
}
