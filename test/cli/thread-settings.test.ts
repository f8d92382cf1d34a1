// The one mapping from the configuration to a run's thread options, which exec, batch, watch, the
// interactive session and `hew resume` all spread into their options: each setting, set on its own,
// arrives as its option; a task's or a flag's choice wins over the configuration.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configuredThreadOptions } from '../../src/cli/thread-settings.ts';
import type { ConfiguredThreadOptions, RunChoices } from '../../src/cli/thread-settings.ts';
import { loadConfig } from '../../src/config/load.ts';
import { tempDir } from '../support/fixtures.ts';

function optionsFor(toml: string, overrides: string[] = [], choices?: RunChoices, dir = tempDir('hew-thread-settings-')): ConfiguredThreadOptions {
  mkdirSync(join(dir, 'hew'), { recursive: true });
  writeFileSync(join(dir, 'hew', 'config.toml'), toml);
  const env = { XDG_CONFIG_HOME: dir, HOME: dir };
  return configuredThreadOptions(loadConfig({ env, overrides, cwd: tempDir('hew-thread-settings-cwd-') }), env, choices);
}

describe('configuredThreadOptions', () => {
  const defaults = optionsFor('');

  it('the defaults', () => {
    expect(defaults).toMatchObject({ sandboxMode: 'workspace-write', approval: 'on-request', network: false, maxSteps: undefined, setup: undefined, sandboxLimits: {}, hooks: {}, mcpServers: {} });
  });

  it('configDir is $XDG_CONFIG_HOME/hew (the global AGENTS.md)', () => {
    const dir = tempDir('hew-thread-settings-');
    expect(optionsFor('', [], undefined, dir).configDir).toBe(join(dir, 'hew'));
  });

  it.each<[string, Partial<ConfiguredThreadOptions>]>([
    ['sandbox = "read-only"', { sandboxMode: 'read-only' }],
    ['approval = "never"', { approval: 'never' }],
    ['network = true', { network: true }],
    ['command_timeout_ms = 4321', { commandTimeoutMs: 4321 }],
    ['sandbox_max_processes = 77', { sandboxLimits: { processes: 77 } }],
    ['sandbox_max_memory_mb = 512', { sandboxLimits: { memoryMb: 512 } }],
    ['project_doc_max_bytes = 999', { projectDocMaxBytes: 999 }],
    ['max_turns = 7', { maxSteps: 7 }],
    ['setup = "npm ci"', { setup: 'npm ci' }],
    ['max_cost = 2.5', { longRun: expect.objectContaining({ maxCostUsd: 2.5 }) as ConfiguredThreadOptions['longRun'] }],
    ['model_context_window = 64000', { longRun: expect.objectContaining({ contextWindow: 64000 }) as ConfiguredThreadOptions['longRun'] }],
    ['[hooks]\non_finish = "true"', { hooks: { on_finish: 'true' } }],
    ['[mcp_servers.files]\ncommand = "mcp-files"', { mcpServers: { files: expect.objectContaining({ command: 'mcp-files' }) as never } }],
  ])('%s', (toml, expected) => {
    const options = optionsFor(toml);
    expect(options).toMatchObject(expected);
    // Only that option moved (configDir comes from the environment: each test has its own home).
    const moved = Object.keys(options).filter((k) => k !== 'configDir' && JSON.stringify(options[k as keyof ConfiguredThreadOptions]) !== JSON.stringify(defaults[k as keyof ConfiguredThreadOptions]));
    expect(moved).toEqual(Object.keys(expected));
  });

  it('-c overrides reach it too', () => {
    expect(optionsFor('', ['network=true', 'setup="make deps"'])).toMatchObject({ network: true, setup: 'make deps' });
  });

  it("a task's or a flag's choice wins over the configuration; absent, the configuration's stays", () => {
    const toml = 'max_turns = 7\nsetup = "npm ci"\nmax_cost = 2.5';
    expect(optionsFor(toml, [], { maxSteps: 3, setup: 'make', maxCostUsd: 0.5 })).toMatchObject({ maxSteps: 3, setup: 'make', longRun: expect.objectContaining({ maxCostUsd: 0.5 }) });
    expect(optionsFor(toml, [], { maxSteps: undefined, setup: undefined })).toMatchObject({ maxSteps: 7, setup: 'npm ci', longRun: expect.objectContaining({ maxCostUsd: 2.5 }) });
  });
});
