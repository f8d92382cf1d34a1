// The project config: `.hew/config.toml` in the repository. A repository is not trusted, so it may
// only carry settings that can neither run code nor reach the network without the user's say; any
// other key is refused (exit 2) with the reason. It ranks below the user's own config file.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parse as parseToml, TomlError } from 'smol-toml';
import { z } from 'zod';
import { ConfigError } from './errors.ts';
import { lineOfKey } from './toml-lines.ts';
import { envNamePattern } from './schema.ts';
import { validate } from './validate.ts';

export const projectConfigSchema = z
  .object({
    model: z.string().min(1).optional(),
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
  sandbox: 'only you may loosen the sandbox',
  approval: 'only you may change when hew asks before acting',
  network: 'only you may open the network to commands',
  max_cost: 'only you may set how much a run may spend',
  profiles: 'profiles belong in your own config.toml',
  'env.allow': 'a repository may not let your secrets through to its commands',
};

/** `.hew/config.toml` in `dir` or the nearest parent up to the repository root (the one with `.git`). */
export function findProjectConfig(dir: string): string | null {
  let current = resolve(dir);
  for (;;) {
    const candidate = join(current, '.hew', 'config.toml');
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
    if (existsSync(join(current, '.git'))) return null;
    const parent = dirname(current);
    if (parent === current) return null;
    current = parent;
  }
}

export function readProjectConfig(file: string): ProjectConfig {
  const text = readFileSync(file, 'utf8');
  let raw: unknown;
  try {
    raw = parseToml(text);
  } catch (err) {
    if (err instanceof TomlError) throw new ConfigError(`${file}:${err.line}:${err.column}`, null, `invalid TOML: ${err.message.split('\n')[0]}`);
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
  return validate(projectConfigSchema, raw, file, text);
}
