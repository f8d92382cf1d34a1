// Built-in providers (SPEC §8) and resolving the chosen one against config and the environment.
import { ConfigError } from './errors.ts';
import type { ProviderConfig } from './schema.ts';

/** What a provider's API accepts; explicit per provider, never guessed from its URL. */
export interface ProviderCapabilities {
  /** Send `parallel_tool_calls` (false: omit the field). */
  parallelToolCalls: boolean;
  /** Chat: send `stream_options.include_usage`. */
  streamUsage: boolean;
  /** Send reasoning fields (Responses `reasoning`/`include`, reasoning items back). */
  reasoning: boolean;
  /** Send `strict: true` in response schemas (false: always `strict: false`). */
  strictSchemas: boolean;
}

const FULL: ProviderCapabilities = { parallelToolCalls: true, streamUsage: true, reasoning: true, strictSchemas: true };
const CHAT_SERVER: ProviderCapabilities = { parallelToolCalls: true, streamUsage: true, reasoning: false, strictSchemas: true };

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
  /** Added to every request's URL query. */
  queryParams: Record<string, string>;
  capabilities: ProviderCapabilities;
  requestMaxRetries: number;
  streamIdleTimeoutMs: number;
  /** Ceiling on one response's wall time (undefined: the client's default). */
  responseMaxMs?: number;
  /** Ceiling on one response's bytes on the wire (undefined: the client's default). */
  responseMaxBytes?: number;
}

interface BuiltinProvider {
  name: string;
  /** Empty: no default, the environment must give one. */
  baseURL: string;
  baseURLEnv?: string;
  /** Computes the base URL from the environment, after `baseURLEnv`. */
  baseURLFrom?: (env: NodeJS.ProcessEnv) => string | undefined;
  /** What to tell the user when there is no base URL. */
  baseURLHint?: string;
  wireApi: 'responses' | 'chat';
  envKey?: string;
  keyRequired: boolean;
  capabilities: ProviderCapabilities;
  /** Prices under the user's `[providers.NAME.prices]` (which win): a server on your machine costs nothing per token. */
  prices?: Record<string, [number, number, number]>;
}

/** Every model of a local server: free per token (USD per million tokens: input, cached input, output). */
const LOCAL_PRICES: Record<string, [number, number, number]> = { '*': [0, 0, 0] };

export const BUILTIN_PROVIDERS: Record<string, BuiltinProvider> = {
  openai: {
    name: 'OpenAI',
    baseURL: 'https://api.openai.com/v1',
    baseURLEnv: 'OPENAI_BASE_URL',
    wireApi: 'responses',
    envKey: 'OPENAI_API_KEY',
    keyRequired: true,
    capabilities: FULL,
  },
  azure: {
    // Azure OpenAI's v1 API: OpenAI-compatible under <endpoint>/openai/v1, no api-version needed.
    name: 'Azure OpenAI',
    baseURL: '',
    baseURLEnv: 'AZURE_OPENAI_BASE_URL',
    baseURLFrom: (env) => (env.AZURE_OPENAI_ENDPOINT ? `${env.AZURE_OPENAI_ENDPOINT.replace(/\/+$/, '')}/openai/v1` : undefined),
    baseURLHint: 'set AZURE_OPENAI_ENDPOINT (https://NAME.openai.azure.com) or AZURE_OPENAI_BASE_URL, or providers.azure.base_url',
    wireApi: 'responses',
    envKey: 'AZURE_OPENAI_API_KEY',
    keyRequired: true,
    capabilities: FULL,
  },
  ollama: {
    name: 'Ollama',
    baseURL: 'http://localhost:11434/v1',
    baseURLEnv: 'OLLAMA_BASE_URL',
    wireApi: 'chat',
    keyRequired: false,
    capabilities: CHAT_SERVER,
    prices: LOCAL_PRICES,
  },
  lmstudio: {
    name: 'LM Studio',
    baseURL: 'http://localhost:1234/v1',
    baseURLEnv: 'LMSTUDIO_BASE_URL',
    wireApi: 'chat',
    keyRequired: false,
    capabilities: CHAT_SERVER,
    prices: LOCAL_PRICES,
  },
  vllm: {
    name: 'vLLM',
    baseURL: 'http://localhost:8000/v1',
    baseURLEnv: 'VLLM_BASE_URL',
    wireApi: 'chat',
    envKey: 'VLLM_API_KEY',
    keyRequired: false,
    capabilities: CHAT_SERVER,
  },
  openrouter: {
    name: 'OpenRouter',
    baseURL: 'https://openrouter.ai/api/v1',
    baseURLEnv: 'OPENROUTER_BASE_URL',
    wireApi: 'chat',
    envKey: 'OPENROUTER_API_KEY',
    keyRequired: true,
    capabilities: CHAT_SERVER,
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
    custom?.base_url ||
    (builtin?.baseURLEnv ? env[builtin.baseURLEnv] : undefined) ||
    builtin?.baseURLFrom?.(env) ||
    builtin?.baseURL;
  if (!baseURL) {
    throw new ConfigError(source, `providers.${id}.base_url`, `missing; ${builtin?.baseURLHint ?? 'expected the URL of an OpenAI-compatible API'}`);
  }
  const wireApi = custom?.wire_api ?? builtin?.wireApi ?? 'chat';
  const defaults = builtin?.capabilities ?? (wireApi === 'responses' ? FULL : CHAT_SERVER);
  const envKey = custom?.env_key ?? builtin?.envKey;
  return {
    id,
    name: custom?.name ?? builtin?.name ?? id,
    baseURL,
    wireApi,
    envKey,
    keyRequired: builtin ? builtin.keyRequired || custom?.env_key !== undefined : custom?.env_key !== undefined,
    headers: custom?.headers ?? {},
    queryParams: custom?.query_params ?? {},
    capabilities: {
      parallelToolCalls: custom?.parallel_tool_calls ?? defaults.parallelToolCalls,
      streamUsage: custom?.stream_usage ?? defaults.streamUsage,
      reasoning: custom?.reasoning ?? defaults.reasoning,
      strictSchemas: custom?.strict_schemas ?? defaults.strictSchemas,
    },
    requestMaxRetries: custom?.request_max_retries ?? 4,
    streamIdleTimeoutMs: custom?.stream_idle_timeout_ms ?? 60_000,
    ...(custom?.response_max_ms !== undefined ? { responseMaxMs: custom.response_max_ms } : {}),
    ...(custom?.response_max_bytes !== undefined ? { responseMaxBytes: custom.response_max_bytes } : {}),
  };
}

/** How to point hew at the provider's server: its environment variable (built-ins) or its config key. */
export function baseURLFix(id: string): string {
  const env = BUILTIN_PROVIDERS[id]?.baseURLEnv;
  return `set ${env ? `${env} or ` : ''}providers.${id}.base_url to where it listens`;
}
