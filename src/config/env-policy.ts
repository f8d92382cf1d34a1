// The run's environment policy from its configuration: the user's `[env]` lists, plus hew's own
// credentials — the chosen provider's key variable, every `[providers.NAME]` table's key variable and
// the secret entries of MCP servers' `env` — which never reach a command, whatever their names. Also
// the secret values that live in the config itself (MCP `env` values, secret header and query values),
// which are redacted like the environment's.
import { createEnvPolicy, type EnvPolicy } from '../secrets/env-policy.ts';
import { builtinVerdict } from '../secrets/name-rules.ts';
import { isSecret } from './describe.ts';
import type { LoadedConfig } from './load.ts';
import { BUILTIN_PROVIDERS } from './providers.ts';

export interface RunEnvPolicy {
  policy: EnvPolicy;
  /** Secret values found in the configuration (not in the environment). */
  configSecrets: string[];
}

type PolicySource = Pick<LoadedConfig, 'env' | 'providers' | 'mcpServers'>;

/** `providerKey`: the chosen provider's key variable (ResolvedProvider.envKey), if any. */
export function runEnvPolicy(config: PolicySource, providerKey: string | undefined): RunEnvPolicy {
  const credentialNames: string[] = providerKey ? [providerKey] : [];
  const configSecrets: string[] = [];
  for (const [id, provider] of Object.entries(config.providers)) {
    const key = provider.env_key ?? BUILTIN_PROVIDERS[id]?.envKey;
    if (key) credentialNames.push(key);
    configSecrets.push(...secretValuesOf(provider.headers), ...secretValuesOf(provider.query_params));
  }
  for (const server of Object.values(config.mcpServers)) {
    for (const [name, value] of Object.entries(server.env ?? {})) {
      if (!isSecret(name, value) && !builtinVerdict(name, value)) continue;
      credentialNames.push(name);
      configSecrets.push(value);
    }
    configSecrets.push(...secretValuesOf(server.headers));
  }
  return { policy: createEnvPolicy({ deny: config.env.deny, allow: config.env.allow, credentialNames }), configSecrets };
}

/** The values of secret-looking entries, and each without its `Bearer ` / `Basic ` prefix. */
function secretValuesOf(values: Record<string, string> | undefined): string[] {
  const out: string[] = [];
  for (const [name, value] of Object.entries(values ?? {})) {
    if (!isSecret(name, value)) continue;
    out.push(value, value.replace(/^(Bearer|Basic|Token)\s+/i, ''));
  }
  return out;
}
