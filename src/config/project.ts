// The project config: `.hew/config.toml` in the repository. A repository is not trusted, so it may
// only carry settings that can neither run code nor reach the network without the user's say; any
// other key is refused (exit 2) with the reason. It ranks below the user's own config file.
// The file itself must be a regular file inside the repository once links are resolved, and a path it
// sets (`watch_dir`) must stay inside the repository: anything else is refused (exit 2), not skipped,
// so a repository never changes hew's behaviour without the user seeing why.
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, normalize, resolve, sep } from 'node:path';
import { describeReason, UnreadableFileError } from '../fs/read-bounded.ts';
import { lexists, readRepoFile } from '../fs/repo-file.ts';
import { parse as parseToml, TomlError } from 'smol-toml';
import { z } from 'zod';
import { ConfigError } from './errors.ts';
import { tomlSyntaxError } from './toml-error.ts';
import { lineOfKey } from './toml-lines.ts';
import { envNamePattern, REASONING_EFFORTS } from './schema.ts';
import { validate } from './validate.ts';

const projectConfigSchema = z
  .object({
    model: z.string().min(1).optional(),
    model_reasoning_effort: z.enum(REASONING_EFFORTS).optional(),
    project_doc_max_bytes: z.number().int().nonnegative().optional(),
    model_context_window: z.number().int().min(1000).optional(),
    compact_threshold: z.number().gt(0).max(1).optional(),
    watch_dir: z.string().min(1).optional(),
    max_turns: z.number().int().positive().optional(),
    command_timeout_ms: z.number().int().positive().optional(),
    /** Only `deny`: a repository may hide more of your environment from its commands, never less. */
    env: z.object({ deny: z.array(envNamePattern).optional() }).strict().optional(),
  })
  .strict();

export type ProjectConfig = z.infer<typeof projectConfigSchema>;

/** Keys a repository may not set, and why. */
export const REFUSED_PROJECT_KEYS: Record<string, string> = {
  provider: 'a repository may not choose where your prompts and API key are sent',
  providers: "a provider's base_url could send your code and API key elsewhere",
  mcp_servers: 'an MCP server starts a program or reaches a server',
  hooks: 'a hook runs commands',
  setup: 'setup runs a command with the network open before you typed anything',
  sandbox: 'only you may loosen the sandbox',
  approval: 'only you may change when hew asks before acting',
  network: 'only you may open the network to commands',
  max_cost: 'only you may set how much a run may spend',
  attempts: 'only you may decide how many runs (and how much spending) a task gets',
  profiles: 'profiles belong in your own config.toml',
  notify: 'notify runs a command on your machine, outside the sandbox',
  'env.allow': 'a repository may not let your secrets through to its commands',
  tui_notifications: 'a repository may not change how hew signals you in your terminal',
  approver: 'an approver runs a program on your machine and decides what runs outside the sandbox',
  approver_timeout_ms: 'it belongs with the approver, in your own config.toml',
};

/** The most of a project config hew reads; a larger one is refused. */
const PROJECT_CONFIG_MAX_BYTES = 256 * 1024;

/**
 * `.hew/config.toml` in `dir` or the nearest parent up to the repository root (the one with `.git`).
 * Anything by that name counts (a link, a FIFO): reading it decides whether it may be used.
 */
export function findProjectConfig(dir: string): string | null {
  let current = resolve(dir);
  for (;;) {
    const candidate = join(current, '.hew', 'config.toml');
    if (lexists(candidate)) return candidate;
    if (existsSync(join(current, '.git'))) return null;
    const parent = dirname(current);
    if (parent === current) return null;
    current = parent;
  }
}

/** The repository a project config belongs to: the nearest directory above it with `.git`, else the one holding `.hew`. */
function repositoryOf(file: string): string {
  const holder = dirname(dirname(file));
  for (let current = holder; ; current = dirname(current)) {
    if (existsSync(join(current, '.git'))) return current;
    if (dirname(current) === current) return holder;
  }
}

export function readProjectConfig(file: string): ProjectConfig {
  let text: string;
  try {
    text = readRepoFile(repositoryOf(file), file, { maxBytes: PROJECT_CONFIG_MAX_BYTES, overLimit: 'refuse' }).bytes.toString('utf8');
  } catch (err) {
    if (!(err instanceof UnreadableFileError)) throw err;
    throw new ConfigError(file, null, `refused: it ${describeReason(err.reason)}; a project config must be a regular file inside the repository`);
  }
  let raw: unknown;
  try {
    raw = parseToml(text);
  } catch (err) {
    if (err instanceof TomlError) throw tomlSyntaxError(file, err, text);
    throw err;
  }
  const table = raw as Record<string, unknown>;
  const env = table.env;
  const keys = [...Object.keys(table), ...(env !== null && typeof env === 'object' ? Object.keys(env).map((k) => `env.${k}`) : [])];
  for (const key of keys) {
    const reason = REFUSED_PROJECT_KEYS[key];
    if (reason) {
      const line = lineOfKey(text, key.split('.'));
      throw new ConfigError(line === undefined ? file : `${file}:${line}`, key, `not allowed in a project config (${reason}); set it in your own config.toml or with -c`);
    }
  }
  const config = validate(projectConfigSchema, raw, file, text);
  if (config.watch_dir !== undefined && !staysInside(config.watch_dir)) {
    const line = lineOfKey(text, ['watch_dir']);
    throw new ConfigError(line === undefined ? file : `${file}:${line}`, 'watch_dir', `"${config.watch_dir}" is outside the repository; a project config may only name a directory inside it (a relative path without "..")`);
  }
  return config;
}

/** A relative path that does not climb out (`inbox`, `a/../b`; not `/x`, `../x`, `a/../../x`). */
function staysInside(path: string): boolean {
  if (isAbsolute(path)) return false;
  const normal = normalize(path);
  return normal !== '..' && !normal.startsWith(`..${sep}`);
}
