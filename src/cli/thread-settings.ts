// The part of a run's thread options that comes from the configuration alone, shared by the headless
// fronts (`exec`, `batch`, `watch`): one mapping, so a setting wired into one (MCP servers, hooks, the
// sandbox's limits) is never left out of the others.
import type { LoadedConfig } from '../config/load.ts';
import { configDir } from '../config/load.ts';
import type { ThreadOptions } from '../thread/run-thread.ts';
import { sandboxLimitsOf } from './setup.ts';

export type ConfiguredThreadOptions = Pick<
  ThreadOptions,
  'sandboxMode' | 'approval' | 'network' | 'commandTimeoutMs' | 'sandboxLimits' | 'configDir' | 'projectDocMaxBytes' | 'hooks' | 'mcpServers'
>;

export function configuredThreadOptions(config: LoadedConfig, env: NodeJS.ProcessEnv): ConfiguredThreadOptions {
  const { settings } = config;
  return {
    sandboxMode: settings.sandbox,
    approval: settings.approval,
    network: settings.network,
    commandTimeoutMs: settings.command_timeout_ms,
    sandboxLimits: sandboxLimitsOf(settings),
    configDir: configDir(env),
    projectDocMaxBytes: settings.project_doc_max_bytes,
    hooks: config.hooks,
    mcpServers: config.mcpServers,
  };
}
