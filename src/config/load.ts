// Loads the effective configuration:
// defaults < project .hew/config.toml < user config.toml < profile < -c overrides < flags.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parse as parseToml, TomlError } from 'smol-toml';
import { describeReason, readBounded, UnreadableFileError } from '../fs/read-bounded.ts';
import { ConfigError } from './errors.ts';
import { findProjectConfig, readProjectConfig } from './project.ts';
import { configFileSchema } from './schema.ts';
import { tomlSyntaxError } from './toml-error.ts';
import { validate } from './validate.ts';
import type { Approval, ConfigFile, ProviderConfig, ReasoningEffort, SandboxModeSetting } from './schema.ts';
import type { TuiNotifications } from '../protocol/interactive.ts';

export interface Settings {
  model: string;
  model_reasoning_effort: ReasoningEffort;
  provider: string;
  approval: Approval;
  sandbox: SandboxModeSetting;
  network: boolean;
  project_doc_max_bytes: number;
  max_turns: number | undefined;
  command_timeout_ms: number;
  /** undefined: the sandbox's default (src/sandbox/limits.ts). */
  sandbox_max_processes: number | undefined;
  sandbox_max_memory_mb: number | undefined;
  watch_dir: string | undefined;
  model_context_window: number | undefined;
  compact_threshold: number;
  max_cost: number | undefined;
  setup: string | undefined;
  /** The host command run when a run ends or an approval waits (docs/background.md); your config.toml or -c only. */
  notify: string[] | undefined;
  attempts: number;
}

export type SettingSource = 'default' | 'project' | 'file' | 'profile' | '-c' | 'flag';

/** One `[env]` entry and the layer it came from. */
export interface EnvEntry {
  name: string;
  source: SettingSource;
}

export interface LoadedConfig {
  settings: Settings;
  sources: Record<keyof Settings, SettingSource>;
  providers: Record<string, ProviderConfig>;
  /** Which layer each `[providers.NAME]` table came from (a `-c providers.NAME.…` replaces the file's table). */
  providerSources: Record<string, SettingSource>;
  mcpServers: NonNullable<ConfigFile['mcp_servers']>;
  /** `[env]`: deny from the project file, the user's file and -c; allow from the user's file and -c only. */
  env: { deny: string[]; allow: string[] };
  /** The same lists, each entry with its source (for `hew config`). */
  envEntries: { deny: EnvEntry[]; allow: EnvEntry[] };
  /** `[hooks]`, from the user's config.toml only (never a project file or -c). */
  hooks: NonNullable<ConfigFile['hooks']>;
  /** `tui_notifications`, from the user's config.toml or -c (never a project file or a profile); default auto. */
  tuiNotifications: { value: TuiNotifications; source: SettingSource };
  /** `approver` and `approver_timeout_ms` (docs/background.md), from the user's config.toml or -c only; null: none. */
  approver: ApproverSetting | null;
  /** The config file that was read, or null when there is none. */
  file: string | null;
  /** The project's `.hew/config.toml` that was read, or null. */
  projectFile: string | null;
  /** The profile in effect, or null. */
  profile: string | null;
}

/** The approver command as configured. */
export interface ApproverSetting {
  argv: string[];
  timeoutMs: number;
  source: SettingSource;
  timeoutSource: SettingSource;
}

/** Default of `approver_timeout_ms` (docs/background.md). */
export const DEFAULT_APPROVER_TIMEOUT_MS = 60_000;

export const DEFAULT_SETTINGS: Settings = {
  model: 'gpt-5.5',
  model_reasoning_effort: 'medium',
  provider: 'openai',
  approval: 'on-request',
  sandbox: 'workspace-write',
  network: false,
  project_doc_max_bytes: 32 * 1024,
  max_turns: undefined,
  command_timeout_ms: 120_000,
  sandbox_max_processes: undefined,
  sandbox_max_memory_mb: undefined,
  watch_dir: undefined,
  model_context_window: undefined,
  compact_threshold: 0.8,
  max_cost: undefined,
  setup: undefined,
  notify: undefined,
  attempts: 1,
};

export interface LoadOptions {
  env: NodeJS.ProcessEnv;
  /** `-c key=value` strings, in order. */
  overrides?: string[];
  profile?: string;
  flags?: Partial<Settings>;
  /** Where to look for a project `.hew/config.toml` (up to the repository root); none when omitted. */
  cwd?: string;
}

export function configDir(env: NodeJS.ProcessEnv): string {
  return join(env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config'), 'hew');
}

export function loadConfig(opts: LoadOptions): LoadedConfig {
  const file = join(configDir(opts.env), 'config.toml');
  const fromFile = existsSync(file) ? readConfigFile(file) : {};
  const overrides = applyOverrides(opts.overrides ?? []);
  const projectFile = opts.cwd === undefined ? null : findProjectConfig(opts.cwd);
  const fromProject = projectFile ? readProjectConfig(projectFile) : {};

  let profile: Partial<Settings> = {};
  const profileName = opts.profile ?? (overrides.profile as string | undefined);
  if (profileName) {
    const found = fromFile.profiles?.[profileName];
    if (!found) {
      throw new ConfigError('--profile', null, unknownProfile(profileName, Object.keys(fromFile.profiles ?? {}), file, existsSync(file)));
    }
    profile = found as Partial<Settings>;
  }

  const settings = { ...DEFAULT_SETTINGS };
  const sources = Object.fromEntries(Object.keys(DEFAULT_SETTINGS).map((k) => [k, 'default'])) as Record<keyof Settings, SettingSource>;
  const layers: [SettingSource, Partial<Settings>][] = [
    ['project', fromProject as Partial<Settings>],
    ['file', fromFile as Partial<Settings>],
    ['profile', profile],
    ['-c', overrides.settings],
    ['flag', opts.flags ?? {}],
  ];
  for (const [source, layer] of layers) {
    for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[]) {
      const value = layer[key];
      if (value !== undefined) {
        (settings as Record<string, unknown>)[key] = value;
        sources[key] = source;
      }
    }
  }
  const entries = (source: SettingSource, names: string[] | undefined): EnvEntry[] => (names ?? []).map((name) => ({ name, source }));
  const envEntries = {
    deny: [...entries('project', fromProject.env?.deny), ...entries('file', fromFile.env?.deny), ...entries('-c', overrides.env?.deny)],
    allow: [...entries('file', fromFile.env?.allow), ...entries('-c', overrides.env?.allow)],
  };
  const tableSources = (source: SettingSource, tables: object | undefined): [string, SettingSource][] => Object.keys(tables ?? {}).map((id) => [id, source]);
  return {
    settings,
    sources,
    providers: { ...fromFile.providers, ...overrides.providers },
    providerSources: Object.fromEntries([...tableSources('file', fromFile.providers), ...tableSources('-c', overrides.providers)]),
    mcpServers: { ...fromFile.mcp_servers, ...overrides.mcp_servers },
    env: { deny: envEntries.deny.map((e) => e.name), allow: envEntries.allow.map((e) => e.name) },
    envEntries,
    hooks: fromFile.hooks ?? {},
    tuiNotifications: userOnly(overrides.tui_notifications, fromFile.tui_notifications, 'auto'),
    approver: approverSetting(fromFile, overrides),
    file: existsSync(file) ? file : null,
    projectFile,
    profile: profileName || null,
  };
}

/** A key of the user's own: -c over the user's config.toml over the default. */
function userOnly<T>(fromOverrides: T | undefined, fromFile: T | undefined, fallback: T): { value: T; source: SettingSource } {
  if (fromOverrides !== undefined) return { value: fromOverrides, source: '-c' };
  if (fromFile !== undefined) return { value: fromFile, source: 'file' };
  return { value: fallback, source: 'default' };
}

/** `approver` from -c over the user's file; a timeout alone (no command) is kept nowhere. */
function approverSetting(fromFile: ConfigFile, overrides: Overrides): ApproverSetting | null {
  const argv = userOnly(overrides.approver, fromFile.approver, undefined);
  if (argv.value === undefined) return null;
  const timeout = userOnly(overrides.approver_timeout_ms, fromFile.approver_timeout_ms, DEFAULT_APPROVER_TIMEOUT_MS);
  return { argv: argv.value, timeoutMs: timeout.value, source: argv.source, timeoutSource: timeout.source };
}

/** The profiles there are, or where one goes when there are none. */
function unknownProfile(name: string, known: readonly string[], file: string, fileExists: boolean): string {
  if (known.length > 0) return `no profile "${name}" in ${file}; the profiles there are: ${known.join(', ')}`;
  const where = fileExists ? `in ${file}` : `in ${file} (it does not exist yet)`;
  return `no profile "${name}": there are no profiles; define one as a [profiles.${name}] table ${where}`;
}

/** The most of the user's config.toml hew reads; a larger one is refused. */
const CONFIG_FILE_MAX_BYTES = 1024 * 1024;

/** The user's own file: it may be a link anywhere (dotfiles), but it is read only as a regular file, bounded. */
function readConfigFile(file: string): ConfigFile {
  let raw: unknown;
  let text = '';
  try {
    text = readBounded(file, { maxBytes: CONFIG_FILE_MAX_BYTES, overLimit: 'refuse' }).bytes.toString('utf8');
    raw = parseToml(text);
  } catch (err) {
    if (err instanceof TomlError) throw tomlSyntaxError(file, err, text);
    if (err instanceof UnreadableFileError) throw new ConfigError(file, null, `cannot read: it ${describeReason(err.reason)}; the config file must be a regular file (or a link to one)`);
    throw new ConfigError(file, null, `cannot read: ${(err as Error).message}`);
  }
  return validate(configFileSchema, raw, file, text);
}

interface Overrides {
  settings: Partial<Settings>;
  providers?: Record<string, ProviderConfig>;
  mcp_servers?: ConfigFile['mcp_servers'];
  env?: ConfigFile['env'];
  tui_notifications?: ConfigFile['tui_notifications'];
  approver?: string[];
  approver_timeout_ms?: number;
  profile?: unknown;
}

/** `-c a.b=value`: the value is read as a TOML value (`true`, `3`, `"x"`, `[1]`), else as a string. */
export function applyOverrides(pairs: string[]): Overrides {
  const raw: Record<string, unknown> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new ConfigError(`-c ${pair}`, null, 'expected key=value');
    const key = pair.slice(0, eq).trim();
    const value = parseValue(pair.slice(eq + 1).trim());
    const parts = key.split('.');
    let node = raw;
    for (const part of parts.slice(0, -1)) {
      const next = node[part];
      node[part] = typeof next === 'object' && next !== null ? next : {};
      node = node[part] as Record<string, unknown>;
    }
    node[parts.at(-1) as string] = value;
  }
  const { profile, ...rest } = raw;
  const parsed = validate(configFileSchema, rest, '-c');
  const { providers, mcp_servers, env, approver, approver_timeout_ms, profiles: _profiles, tui_notifications, ...settings } = parsed;
  return { settings: settings as Partial<Settings>, providers, mcp_servers, env, approver, approver_timeout_ms, profile, ...(tui_notifications !== undefined ? { tui_notifications } : {}) };
}

function parseValue(text: string): unknown {
  try {
    return (parseToml(`v = ${text}`) as { v: unknown }).v;
  } catch {
    return text;
  }
}
