// The shape of a run's `meta.json`, and reading it back with a check: a missing or damaged file is
// reported as such (the run is damaged), never half-trusted.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { LeftOut } from '../protocol/files.ts';
import type { AttemptOf, RunMeta } from '../protocol/run-meta.ts';
import { RUN_FILES } from './paths.ts';

/** What `create` needs; the rest has defaults (status running, now, this pid, no changes yet…). */
export type NewRunMeta = Pick<RunMeta, 'repo' | 'title' | 'model' | 'provider'> & Partial<Omit<RunMeta, 'id' | 'working_copy'>>;

/** meta.json read back: the meta, or what is wrong with it (a damaged run, see damage.ts). */
export type MetaReading = { ok: true; meta: RunMeta } | { ok: false; damage: string };

const STATUSES: readonly string[] = ['running', 'completed', 'failed', 'interrupted', 'budget_exceeded'];

/**
 * Reads and checks `<dir>/meta.json`: whole JSON, an object, its id the directory's name, and the
 * fields hew relies on of the right type (an absolute repository path, a known status and kind…).
 */
export function inspectMeta(dir: string): MetaReading {
  let text: string;
  try {
    text = readFileSync(path.join(dir, RUN_FILES.meta), 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { ok: false, damage: code === 'ENOENT' ? 'meta.json is missing' : `meta.json cannot be read (${code ?? (err as Error).message})` };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, damage: text.trim() === '' ? 'meta.json is empty' : 'meta.json is not valid JSON (truncated or corrupted)' };
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return { ok: false, damage: 'meta.json is not a JSON object' };
  const wrong = wrongField(parsed as Record<string, unknown>, path.basename(dir));
  return wrong === null ? { ok: true, meta: parsed as RunMeta } : { ok: false, damage: `meta.json ${wrong}` };
}

function wrongField(m: Record<string, unknown>, id: string): string | null {
  if (m.id !== id) return `names run ${JSON.stringify(m.id)}, not ${id}`;
  if (typeof m.repo !== 'string' || !path.isAbsolute(m.repo)) return 'has no absolute "repo" path';
  if (typeof m.status !== 'string' || !STATUSES.includes(m.status)) return 'has no known "status"';
  if (m.kind !== 'git' && m.kind !== 'plain') return 'has no "kind" (git or plain)';
  for (const key of ['started_at', 'title', 'base_snapshot', 'subdir'] as const) {
    if (typeof m[key] !== 'string') return `has no string "${key}"`;
  }
  if (m.base_commit !== null && typeof m.base_commit !== 'string') return 'has a "base_commit" that is not a string';
  if (!Array.isArray(m.files_changed)) return 'has no "files_changed" list';
  return null;
}

/** The run's `left_out` list, keeping only well-formed entries (meta.json is a file anyone may edit). */
export function leftOutOf(meta: RunMeta): LeftOut[] {
  const list: unknown = meta.left_out;
  if (!Array.isArray(list)) return [];
  return list.filter((e): e is LeftOut => e !== null && typeof e === 'object' && typeof e.path === 'string' && typeof e.reason === 'string');
}

/** The run's `attempt` (best of N) when it is well formed, else undefined: the run is listed as a run of its own. */
export function attemptOf(meta: Pick<RunMeta, 'attempt'>): AttemptOf | undefined {
  const a: unknown = meta.attempt;
  if (a === null || typeof a !== 'object') return undefined;
  const { group, index, of } = a as Record<string, unknown>;
  const count = (n: unknown): boolean => typeof n === 'number' && Number.isInteger(n) && n >= 1;
  return typeof group === 'string' && count(index) && count(of) ? { group, index: index as number, of: of as number } : undefined;
}
