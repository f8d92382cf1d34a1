// The effective configuration as `hew config` shows it: every setting with where its value came from,
// the `[env]` lists entry by entry, and the chosen provider as resolved (its request limits with their
// sources), with secrets (API-key-like header and query values) masked.
import { DEFAULT_APPROVER_TIMEOUT_MS } from './load.ts';
import type { LoadedConfig, SettingSource, Settings } from './load.ts';
import { resolveProvider } from './providers.ts';
import type { ProviderCapabilities } from './providers.ts';

export interface DescribedSetting {
  value: unknown;
  /** `default`, a config file path, `profile NAME`, `-c` or `flag`. */
  source: string;
}

/** A provider's limits on its requests; null: the model client's default. */
const PROVIDER_LIMITS = ['request_max_retries', 'stream_idle_timeout_ms', 'response_max_ms', 'response_max_bytes'] as const;
export type ProviderLimit = (typeof PROVIDER_LIMITS)[number];

/** Keys only the user's own config.toml (or -c) may set: not in profiles, refused in a project config. */
export interface UserOnlySettings {
  tui_notifications: DescribedSetting;
}

export interface DescribedConfig {
  settings: Record<keyof Settings, DescribedSetting>;
  user_only: UserOnlySettings;
  /** `[env]`: each entry (a name or pattern) with the file or `-c` it came from; the lists are joined. */
  env: { deny: DescribedSetting[]; allow: DescribedSetting[] };
  provider: {
    id: string;
    name: string;
    base_url: string;
    wire_api: 'responses' | 'chat';
    env_key: string | null;
    /** Whether `env_key` is set in the environment (its value is never shown). */
    key_set: boolean;
    headers: Record<string, string>;
    query_params: Record<string, string>;
    capabilities: ProviderCapabilities;
    limits: Record<ProviderLimit, DescribedSetting>;
  };
  /** `approver` and `approver_timeout_ms` (user config or -c only); token-like arguments masked. */
  approver: { argv: DescribedSetting; timeout_ms: DescribedSetting };
  files: { user: string | null; project: string | null };
}

const SECRET_NAME = /key|token|secret|auth|password|cookie/i;
const TOKEN_LIKE = /^(sk-|pk-|ghp_|gho_|xox[abp]-|eyJ)|^[A-Za-z0-9_\-.]{24,}$/;

/** `sk-…abcd`: the first three and last four characters (all hidden when short); `Bearer ` is kept. */
export function maskSecret(value: string): string {
  const bearer = /^(Bearer|Basic|Token)\s+/i.exec(value);
  if (bearer) return bearer[0] + maskSecret(value.slice(bearer[0].length));
  return value.length <= 12 ? '…' : `${value.slice(0, 3)}…${value.slice(-4)}`;
}

/** Whether a header (or query parameter) value should be masked: by its name or by its look. */
export function isSecret(name: string, value: string): boolean {
  return SECRET_NAME.test(name) || TOKEN_LIKE.test(value.replace(/^(Bearer|Basic|Token)\s+/i, ''));
}

export function maskValues(values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, isSecret(k, v) ? maskSecret(v) : v]));
}

export function describeConfig(config: LoadedConfig, env: NodeJS.ProcessEnv): DescribedConfig {
  const label = (source: SettingSource): string => {
    switch (source) {
      case 'file':
        return config.file ?? 'config.toml';
      case 'project':
        return config.projectFile ?? '.hew/config.toml';
      case 'profile':
        return `profile ${config.profile ?? '?'}`;
      default:
        return source;
    }
  };
  const settings = Object.fromEntries(
    (Object.keys(config.settings) as (keyof Settings)[]).map((key) => [key, { value: config.settings[key] ?? null, source: label(config.sources[key]) }]),
  ) as Record<keyof Settings, DescribedSetting>;
  const entries = (list: { name: string; source: SettingSource }[]): DescribedSetting[] => list.map((e) => ({ value: e.name, source: label(e.source) }));
  const p = resolveProvider(config.settings.provider, config.providers, env, config.file ?? 'config');
  const table = config.providers[p.id];
  const resolvedLimits: Record<ProviderLimit, number | undefined> = {
    request_max_retries: p.requestMaxRetries,
    stream_idle_timeout_ms: p.streamIdleTimeoutMs,
    response_max_ms: p.responseMaxMs,
    response_max_bytes: p.responseMaxBytes,
  };
  const limits = Object.fromEntries(
    PROVIDER_LIMITS.map((key) => {
      const source = table?.[key] !== undefined ? label(config.providerSources[p.id] ?? 'file') : 'default';
      return [key, { value: resolvedLimits[key] ?? null, source }];
    }),
  ) as Record<ProviderLimit, DescribedSetting>;
  return {
    settings,
    user_only: { tui_notifications: { value: config.tuiNotifications.value, source: label(config.tuiNotifications.source) } },
    env: { deny: entries(config.envEntries.deny), allow: entries(config.envEntries.allow) },
    provider: {
      id: p.id,
      name: p.name,
      base_url: p.baseURL,
      wire_api: p.wireApi,
      env_key: p.envKey ?? null,
      key_set: p.envKey !== undefined && Boolean(env[p.envKey]),
      headers: maskValues(p.headers),
      query_params: maskValues(p.queryParams),
      capabilities: p.capabilities,
      limits,
    },
    approver: {
      argv: config.approver ? { value: config.approver.argv.map((a) => (TOKEN_LIKE.test(a) ? maskSecret(a) : a)), source: label(config.approver.source) } : { value: null, source: 'default' },
      timeout_ms: config.approver ? { value: config.approver.timeoutMs, source: label(config.approver.timeoutSource) } : { value: DEFAULT_APPROVER_TIMEOUT_MS, source: 'default' },
    },
    files: { user: config.file, project: config.projectFile },
  };
}
