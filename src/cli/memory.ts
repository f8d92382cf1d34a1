// `hew memory [--json] [-C DIR]`: what is remembered, project and user, with where each lives
// (docs/memory.md). Also the settings `hew remember` shares: the cap, the secret rules, the places.
import { DEFAULT_PROJECT_DOC_MAX_BYTES, loadProjectDocs } from '../agent/project-docs.ts';
import { configDir } from '../config/load.ts';
import { runEnvPolicy } from '../config/env-policy.ts';
import { safeLine } from '../format/safe-text.ts';
import type { MemoryLimits } from '../memory/check.ts';
import { listMemory, memoryLines } from '../memory/listing.ts';
import { EXIT } from '../protocol/exit-codes.ts';
import { createRedactor } from '../secrets/redact.ts';
import { repoInfo } from '../thread/repo-info.ts';
import { loadSettings } from './setup.ts';
import type { SettingFlags } from './setup.ts';

export interface MemoryFlags extends SettingFlags {
  json?: boolean;
}

export interface MemorySetting {
  limits: MemoryLimits;
  configDir: string;
  /** The repository top of `-C DIR` or the current directory, or null when it is not in a git repository. */
  top: string | null;
}

/** The cap and secret rules of the effective config, and where the files are. */
export function memorySetting(flags: SettingFlags, env: NodeJS.ProcessEnv = process.env): MemorySetting {
  const config = loadSettings(flags, env);
  const { policy, configSecrets } = runEnvPolicy(config, undefined);
  const redactor = createRedactor(env, policy, configSecrets);
  const maxBytes = config.settings.project_doc_max_bytes ?? DEFAULT_PROJECT_DOC_MAX_BYTES;
  let top: string | null;
  try {
    const info = repoInfo(flags.cd ?? process.cwd());
    top = info.isGit ? info.top : null;
  } catch {
    top = null;
  }
  const dir = configDir(env);
  const globalUsed = top === null ? 0 : loadProjectDocs({ top, subdir: '', configDir: dir, maxBytes }).globalUsed;
  return { limits: { looksSecret: (t) => redactor.finds(t), projectDocMaxBytes: maxBytes, globalUsed }, configDir: dir, top };
}

export function memoryCommand(flags: MemoryFlags, env: NodeJS.ProcessEnv = process.env): number {
  const s = memorySetting(flags, env);
  const listing = listMemory(s.top, s.configDir, s.limits.projectDocMaxBytes);
  if (flags.json) {
    process.stdout.write(`${JSON.stringify({ memory: listing }, null, 2)}\n`);
    return EXIT.ok;
  }
  const lines = memoryLines(listing, safeLine);
  if (s.top === null) lines.unshift('project  (not in a git repository: no project memory here)');
  process.stdout.write(`${lines.join('\n')}\n`);
  return EXIT.ok;
}
