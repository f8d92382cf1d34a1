// The part of a run's thread options that comes from the configuration, shared by every model-driven
// front (`exec`, `batch`, `watch`, the interactive session, `hew resume`): one mapping, so a setting
// wired into one (MCP servers, hooks, the sandbox's limits, setup) is never left out of the others.
// A front with a task or flags of its own passes what they chose (`--max-turns`, front matter `setup`,
// `--max-cost`); the configuration fills in the rest.
import pkg from '../../package.json' with { type: 'json' };
import { isApprovalPolicy } from '../approvals/index.ts';
import { createNotifier } from '../hooks/notify.ts';
import type { Notifier } from '../hooks/notify.ts';
import type { LongRunOptions } from '../agent/long-run.ts';
import type { ApprovalPolicy } from '../protocol/approval.ts';
import type { LoadedConfig } from '../config/load.ts';
import { configDir } from '../config/load.ts';
import { longRunOptions } from './long-run-options.ts';
import type { ThreadOptions } from '../thread/run-thread.ts';
import { sandboxLimitsOf } from './setup.ts';

export type ConfiguredThreadOptions = Pick<
  ThreadOptions,
    | 'sandboxMode'
  | 'network'
  | 'commandTimeoutMs'
  | 'sandboxLimits'
  | 'configDir'
  | 'projectDocMaxBytes'
  | 'hooks'
  | 'mcpServers'
  | 'maxSteps'
  | 'longRun'
  | 'setup'
  | 'approverCommand'
> & { approval: ApprovalPolicy; longRun: LongRunOptions };

/** What a front's task or flags chose over the configuration; absent: the configuration's value. */
export interface RunChoices {
  /** `--max-turns`, or the task's `max_turns` (else config `max_turns`). */
  maxSteps?: number;
  /** The task's `setup:` (else config `setup`). */
  setup?: string;
  /** `--max-cost` (else config `max_cost`). */
  maxCostUsd?: number;
}

export function configuredThreadOptions(config: LoadedConfig, env: NodeJS.ProcessEnv, choices: RunChoices = {}): ConfiguredThreadOptions {
  const { settings } = config;
  return {
    sandboxMode: settings.sandbox,
    // The config schema admits only the three policies; anything else is the safe default.
    approval: isApprovalPolicy(settings.approval) ? settings.approval : 'on-request',
    network: settings.network,
    commandTimeoutMs: settings.command_timeout_ms,
    sandboxLimits: sandboxLimitsOf(settings),
    configDir: configDir(env),
    projectDocMaxBytes: settings.project_doc_max_bytes,
    hooks: config.hooks,
    mcpServers: config.mcpServers,
    maxSteps: choices.maxSteps ?? settings.max_turns,
    longRun: longRunOptions(config, choices.maxCostUsd),
    setup: choices.setup ?? settings.setup,
    // The user's own `approver` (never a repository's or a task's): headless fronts ask it instead of
    // denying; the TUI asks it before the person.
    ...(config.approver ? { approverCommand: { argv: config.approver.argv, timeoutMs: config.approver.timeoutMs } } : {}),
  };
}

/**
 * The `notify` setting as every front uses it (exec, batch, watch, `hew`, `hew resume`): a notifier
 * that is off when the key is unset. `warn` says a failed notification (the front's own way: stderr,
 * or a notice in the TUI); the front awaits `settle()` before hew exits.
 */
export function configuredNotifier(config: LoadedConfig, warn: (message: string) => void): Notifier {
  return createNotifier({ argv: config.settings.notify, warn, version: pkg.version });
}
