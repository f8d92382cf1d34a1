// Built-in providers (SPEC §8) and resolving the chosen one against config and the environment.
import { ConfigError } from './errors.ts';
import type { ProviderConfig } from './schema.ts';

export interface ResolvedProvider {
  id: string;
  name: string;
  baseURL: string;
  wireApi: 'responses' | 'chat';
  /** Environment variable holding the key; undefined when the provider needs none. */
  envKey: string | undefined;
  /** Whether a missing key is an error (local servers accept any key). */
  keyRequired: boolean;
  headers: Record<string, string>;
  requestMaxRetries: number;
  streamIdleTimeoutMs: number;
}

interface BuiltinProvider {
  name: string;
  baseURL: string;
  baseURLEnv?: string;
  wireApi: 'responses' | 'chat';
  envKey?: string;
  keyRequired: boolean;
}

export const BUILTIN_PROVIDERS: Record<string, BuiltinProvider> = {
  openai: {
    name: 'OpenAI',
    baseURL: 'https://api.openai.com/v1',
    baseURLEnv: 'OPENAI_BASE_URL',
    wireApi: 'responses',
    envKey: 'OPENAI_API_KEY',
    keyRequired: true,
  },
  ollama: {
    name: 'Ollama',
    baseURL: 'http://localhost:11434/v1',
    baseURLEnv: 'OLLAMA_BASE_URL',
    wireApi: 'chat',
    keyRequired: false,
  },
  lmstudio: {
    name: 'LM Studio',
    baseURL: 'http://localhost:1234/v1',
    baseURLEnv: 'LMSTUDIO_BASE_URL',
    wireApi: 'chat',
    keyRequired: false,
  },
  vllm: {
    name: 'vLLM',
    baseURL: 'http://localhost:8000/v1',
    baseURLEnv: 'VLLM_BASE_URL',
    wireApi: 'chat',
    envKey: 'VLLM_API_KEY',
    keyRequired: false,
  },
  openrouter: {
    name: 'OpenRouter',
    baseURL: 'https://openrouter.ai/api/v1',
    wireApi: 'chat',
    envKey: 'OPENROUTER_API_KEY',
    keyRequired: true,
  },
};

export function resolveProvider(
  id: string,
  configured: Record<string, ProviderConfig> | undefined,
  env: NodeJS.ProcessEnv,
  source: string,
): ResolvedProvider {
  const builtin = BUILTIN_PROVIDERS[id];
  const custom = configured?.[id];
  if (!builtin && !custom) {
    const known = [...Object.keys(BUILTIN_PROVIDERS), ...Object.keys(configured ?? {})].join(', ');
    throw new ConfigError(source, 'provider', `unknown provider "${id}"; expected one of ${known} or a [providers.${id}] table`);
  }
  const baseURL =
    custom?.base_url ?? (builtin?.baseURLEnv ? env[builtin.baseURLEnv] : undefined) ?? builtin?.baseURL;
  if (!baseURL) {
    throw new ConfigError(source, `providers.${id}.base_url`, 'missing; expected the URL of an OpenAI-compatible API');
  }
  const envKey = custom?.env_key ?? builtin?.envKey;
  return {
    id,
    name: custom?.name ?? builtin?.name ?? id,
    baseURL,
    wireApi: custom?.wire_api ?? builtin?.wireApi ?? 'chat',
    envKey,
    keyRequired: builtin ? builtin.keyRequired || custom?.env_key !== undefined : custom?.env_key !== undefined,
    headers: custom?.headers ?? {},
    requestMaxRetries: custom?.request_max_retries ?? 4,
    streamIdleTimeoutMs: custom?.stream_idle_timeout_ms ?? 60_000,
  };
}
