// The setup every model-driven front shares (`exec`, the interactive TUI): the effective config from
// the file, profile, `-c` and flags; then the provider and a model client for it (or for another
// model name, as `/model` asks). Two steps, so a front can check its own flags in between.
import { loadConfig } from '../config/load.ts';
import type { LoadedConfig, Settings } from '../config/load.ts';
import { baseURLFix, resolveProvider } from '../config/providers.ts';
import type { ResolvedProvider } from '../config/providers.ts';
import { createModelClient } from '../model/client.ts';
import type { ModelClient } from '../model/types.ts';
import { runEnvPolicy } from '../config/env-policy.ts';
import type { EnvPolicy } from '../secrets/env-policy.ts';
import { createRedactor, type Redactor } from '../secrets/redact.ts';
import type { SandboxLimits } from '../sandbox/limits.ts';

export interface SettingFlags {
  model?: string;
  provider?: string;
  sandbox?: Settings['sandbox'];
  approval?: Settings['approval'];
  network?: boolean;
  /** The directory to run in (`-C`): where a project `.hew/config.toml` is looked for. */
  cd?: string;
  /** `-c key=value`, repeatable. */
  config?: string[];
  profile?: string;
  /** `--skip-git-repo-check`: run in a directory outside git on a plain copy of it. */
  skipGitRepoCheck?: boolean;
}

export interface ModelSetup {
  provider: ResolvedProvider;
  /** The API key, when the provider's variable is set (never printed or stored). */
  apiKey: string | undefined;
  model: ModelClient;
  /** A client for the same provider and another model. */
  modelFor(name: string): ModelClient;
  /** What commands may see of the environment, and the redactor for the run's files and output. */
  secrets: RunSecrets;
}

export interface RunSecrets {
  envPolicy: EnvPolicy;
  redactor: Redactor;
}

/** The run's environment policy (config `[env]`, provider keys, MCP secrets) and the redactor of the values it removes. */
function runSecrets(config: LoadedConfig, provider: ResolvedProvider, env: NodeJS.ProcessEnv): RunSecrets {
  const { policy, configSecrets } = runEnvPolicy(config, provider.envKey);
  return { envPolicy: policy, redactor: createRedactor(env, policy, configSecrets) };
}

/** Loads the effective configuration: defaults < project file < user file < profile < `-c` < flags. */
export function loadSettings(flags: SettingFlags, env: NodeJS.ProcessEnv = process.env): LoadedConfig {
  return loadConfig({
    env,
    overrides: flags.config,
    profile: flags.profile,
    cwd: flags.cd ?? process.cwd(),
    flags: stripUndefined({
      model: flags.model,
      provider: flags.provider,
      sandbox: flags.sandbox,
      approval: flags.approval,
      network: flags.network,
    }),
  });
}

/** Resolves the configured provider and builds its model client (a missing key fails at the first request). */
export function buildModelSetup(config: LoadedConfig, env: NodeJS.ProcessEnv = process.env): ModelSetup {
  const { settings } = config;
  const provider = resolveProvider(settings.provider, config.providers, env, config.file ?? 'config');
  const apiKey = provider.envKey ? env[provider.envKey] : undefined;
  const modelFor = (name: string): ModelClient =>
    createModelClient({
      provider: provider.id,
      model: name,
      baseURL: provider.baseURL,
      apiKey: apiKey ?? (provider.keyRequired ? undefined : 'hew-local'),
      apiKeyEnv: provider.envKey,
      baseURLFix: baseURLFix(provider.id),
      wireApi: provider.wireApi,
      headers: provider.headers,
      queryParams: provider.queryParams,
      capabilities: {
        parallelToolCalls: provider.capabilities.parallelToolCalls,
        streamUsage: provider.capabilities.streamUsage,
        sendReasoning: provider.capabilities.reasoning,
        strictSchemas: provider.capabilities.strictSchemas,
      },
      // Only where the provider takes reasoning fields: Responses `reasoning` + encrypted items, Chat `reasoning_effort`.
      ...(provider.capabilities.reasoning ? { reasoning: { effort: settings.model_reasoning_effort } } : {}),
      retry: { maxAttempts: provider.requestMaxRetries + 1 },
      idleTimeoutMs: provider.streamIdleTimeoutMs,
      responseMaxMs: provider.responseMaxMs,
      responseMaxBytes: provider.responseMaxBytes,
    });
  return { provider, apiKey, model: modelFor(settings.model), modelFor, secrets: runSecrets(config, provider, env) };
}

/** The sandbox's process and memory limits as the settings give them (unset: the sandbox's defaults). */
export function sandboxLimitsOf(settings: Pick<Settings, 'sandbox_max_processes' | 'sandbox_max_memory_mb'>): SandboxLimits {
  return {
    ...(settings.sandbox_max_processes !== undefined ? { processes: settings.sandbox_max_processes } : {}),
    ...(settings.sandbox_max_memory_mb !== undefined ? { memoryMb: settings.sandbox_max_memory_mb } : {}),
  };
}

function stripUndefined<T extends object>(obj: T): Partial<T> {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as Partial<T>;
}
