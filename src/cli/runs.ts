// `hew runs`: the runs of this repository (or, with --all, of every repository), newest first, as a
// table — or with --json as JSONL, one run per line, for machines. A `running` run whose process is
// gone is shown as `interrupted`. A damaged run (meta.json missing or unreadable: its repository is
// unknown) is listed in every listing, after the others, as `damaged` with the reason. Titles and
// paths are made safe for the terminal.
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RunMeta } from '../runs/meta.ts';
import { formatCost } from '../format/cost.ts';
import type { DamagedRun } from '../runs/store.ts';
import { safeLine } from '../terminal/safe-text.ts';
import { EXIT } from '../thread/exit-codes.ts';
import { colorEnabled, makeStyle, type Style } from './human-output.ts';
import { currentRepo, effectiveStatus, openStore, runsOf, type RunMetaView } from './run-ref.ts';

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
  const width = process.stdout.isTTY ? process.stdout.columns : undefined;
  process.stdout.write(formatRunsTable(runs, { style, width, env }, damaged));
  return EXIT.ok;
}

export interface TableOptions {
  style?: Style;
  /** Terminal width; titles are cut to fit. Undefined: never cut (pipes, files). */
  width?: number;
  env?: NodeJS.ProcessEnv;
}

/** The human table: ID, STATUS, STARTED (local time), FILES, [COST when any run's is known,] REPO, TITLE. */
export function formatRunsTable(runs: RunListing[], opts: TableOptions = {}, damaged: DamagedListing[] = []): string {
  const style = opts.style ?? makeStyle(false);
  const env = opts.env ?? process.env;
  const withCost = runs.some((r) => typeof r.total_cost_usd === 'number');
  const costCell = (r: RunListing): string[] => (withCost ? [typeof r.total_cost_usd === 'number' ? formatCost(r.total_cost_usd) : '-'] : []);
  const rows = runs.map((r) => [r.id, statusText(r), shortTime(r.started_at), String(r.files_changed?.length ?? 0), ...costCell(r), safeLine(tildify(r.repo, env)), safeLine(r.title)]);
  const broken = damaged.map((d) => [d.id, 'damaged', '-', '-', ...(withCost ? ['-'] : []), '-', `${safeLine(d.damage)}; remove it with \`hew discard ${d.id}\``]);
  const header = ['ID', 'STATUS', 'STARTED', 'FILES', ...(withCost ? ['COST'] : []), 'REPO', 'TITLE'];
  const widths = header.map((h, i) => Math.max(h.length, ...[...rows, ...broken].map((row) => (row[i] as string).length)));
  const line = (cells: string[], paint: (s: string, i: number) => string): string => {
    const fixed = cells.slice(0, -1).map((c, i) => paint(i === 3 || (withCost && i === 4) ? c.padStart(widths[i] as number) : c.padEnd(widths[i] as number), i));
    const used = cells.slice(0, -1).reduce((n, c, i) => n + Math.max(c.length, widths[i] as number) + 2, 0);
    let title = cells.at(-1) as string;
    if (opts.width !== undefined && used + title.length > opts.width) title = `${title.slice(0, Math.max(0, opts.width - used - 1))}…`;
    return `${[...fixed, paint(title, header.length - 1)].join('  ').trimEnd()}\n`;
  };
  const out = [line(header, (s) => style.dim(s))];
  for (const [n, row] of rows.entries()) {
    const status = (runs[n] as RunListing).status;
    out.push(line(row, (s, i) => (i !== 1 ? s : status === 'completed' ? style.green(s) : status === 'running' ? style.bold(s) : style.red(s))));
  }
  for (const row of broken) out.push(line(row, (s, i) => (i === 1 ? style.red(s) : s)));
  return out.join('');
}

function statusText(r: RunListing): string {
  if (r.discarded_at) return `${r.status} (discarded)`;
  if (r.applied_at) return `${r.status} (applied)`;
  return r.status;
}

/** `2025-03-14 09:26` in local time. */
export function shortTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** `/home/me/src/x` → `~/src/x`. */
export function tildify(p: string, env: NodeJS.ProcessEnv = process.env): string {
  const home = env.HOME && path.isAbsolute(env.HOME) ? env.HOME : os.homedir();
  if (p === home) return '~';
  return p.startsWith(home + path.sep) ? `~${p.slice(home.length)}` : p;
}
