// `hew doctor`: checks Node, git, the sandbox, the config, the provider and the state directory,
// and says how to fix each failure. Exit 0 when everything passes, 1 otherwise.
import { execFile } from 'node:child_process';
import { accessSync, constants, mkdirSync } from 'node:fs';
import { promisify } from 'node:util';
import { ConfigError } from '../config/errors.ts';
import { loadConfig } from '../config/load.ts';
import type { LoadedConfig } from '../config/load.ts';
import { baseURLFix, resolveProvider } from '../config/providers.ts';
import type { ResolvedProvider } from '../config/providers.ts';
import { displayURL, scrubURLs } from '../model/display-url.ts';
import { stateDir } from '../runs/paths.ts';
import { probeOptionsFromEnv, probeSandbox } from '../sandbox/probe.ts';
import { colorEnabled } from '../format/color.ts';
import { makeStyle } from './human-output.ts';
import { findExecutable } from '../sandbox/which.ts';
import { homedir } from 'node:os';
import { resolve } from 'node:path';

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
  fix?: string;
}

export interface DoctorFlags {
  json?: boolean;
  model?: string;
  provider?: string;
  config?: string[];
  profile?: string;
}

const run = promisify(execFile);

export async function doctorCommand(flags: DoctorFlags): Promise<number> {
  const env = process.env;
  const checks: Check[] = [checkNode()];
  checks.push(await checkGit());
  checks.push(await checkSandbox());
  let config: LoadedConfig | null = null;
  try {
    config = loadConfig({ env, overrides: flags.config, profile: flags.profile, flags: stripUndefined({ model: flags.model, provider: flags.provider }) });
    checks.push({ name: 'config', ok: true, detail: config.file ?? 'no config file (defaults)' });
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    checks.push({ name: 'config', ok: false, detail: err.message, fix: 'correct the key named above (see README: Models and providers)' });
  }
  if (config) checks.push(...(await checkProvider(config, env)));
  if (config?.settings.notify) checks.push(checkNotify(config.settings.notify, env));
  checks.push(checkStateDir(env));

  if (flags.json) {
    process.stdout.write(`${JSON.stringify({ ok: checks.every((c) => c.ok), checks })}\n`);
  } else {
    const s = makeStyle(colorEnabled(process.stdout, env));
    for (const c of checks) {
      process.stdout.write(`${c.ok ? s.green('✓') : s.red('✗')} ${c.name}: ${c.detail}\n`);
      if (!c.ok && c.fix) process.stdout.write(`    fix: ${c.fix}\n`);
    }
  }
  return checks.every((c) => c.ok) ? 0 : 1;
}

/** `notify`: its program is there and executable (it is not run: a notification now would surprise). */
function checkNotify(argv: readonly string[], env: NodeJS.ProcessEnv): Check {
  const program = argv[0] ?? '';
  // It runs in the home directory (hooks/host-command.ts): a relative path is relative to it.
  const found = findExecutable(program.includes('/') ? resolve(env.HOME || homedir(), program) : program, env.PATH);
  return found
    ? { name: 'notify', ok: true, detail: `${found} (not run; docs/background.md)` }
    : { name: 'notify', ok: false, detail: `the notify program \`${program}\` is not found${program.includes('/') ? '' : ' on PATH'} or not executable`, fix: 'install it, or give its full path as the first element of notify in your config.toml' };
}

function checkNode(): Check {
  const major = Number(process.versions.node.split('.')[0]);
  return major >= 22
    ? { name: 'node', ok: true, detail: process.version }
    : { name: 'node', ok: false, detail: `${process.version} is too old`, fix: 'install Node.js 22 or newer (24 recommended)' };
}

async function checkGit(): Promise<Check> {
  try {
    const { stdout } = await run('git', ['--version']);
    return { name: 'git', ok: true, detail: stdout.trim() };
  } catch {
    return { name: 'git', ok: false, detail: 'git was not found on PATH', fix: 'install git (e.g. `sudo apt-get install git`)' };
  }
}

async function checkSandbox(): Promise<Check> {
  const probe = await probeSandbox(probeOptionsFromEnv());
  if (probe.ok) return { name: 'sandbox', ok: true, detail: `${probe.kind}: ${probe.detail}` };
  return { name: 'sandbox', ok: false, detail: probe.reason, fix: `${probe.fix} (until then \`hew exec\`, \`batch\` and \`watch\` stop with exit 6 unless run with -s danger-full-access; the TUI asks before every command)` };
}

async function checkProvider(config: LoadedConfig, env: NodeJS.ProcessEnv): Promise<Check[]> {
  let provider: ResolvedProvider;
  try {
    provider = resolveProvider(config.settings.provider, config.providers, env, config.file ?? 'config');
  } catch (err) {
    return [{ name: 'provider', ok: false, detail: (err as Error).message, fix: 'choose a built-in provider or add a [providers.NAME] table' }];
  }
  const key = provider.envKey ? env[provider.envKey] : undefined;
  const checks: Check[] = [];
  if (provider.keyRequired && !key) {
    checks.push({ name: 'api key', ok: false, detail: `${provider.envKey} is not set`, fix: `export ${provider.envKey}=… (the key for ${provider.name})` });
    return checks;
  }
  checks.push({ name: 'api key', ok: true, detail: provider.envKey ? (key ? `${provider.envKey} is set` : `${provider.envKey} not set (optional)`) : 'none needed' });
  const url = `${provider.baseURL.replace(/\/$/, '')}/models`;
  try {
    const response = await fetch(url, {
      headers: { ...provider.headers, ...(key ? { Authorization: `Bearer ${key}` } : {}) },
      signal: AbortSignal.timeout(5000),
    });
    if (response.status === 401 || response.status === 403) {
      checks.push({ name: 'provider', ok: false, detail: `${provider.name} at ${displayURL(provider.baseURL)} rejected the key (HTTP ${response.status})`, fix: `check ${provider.envKey ?? 'the key'}` });
      return checks;
    }
    if (!response.ok) {
      checks.push({ name: 'provider', ok: false, detail: `${displayURL(url)} answered HTTP ${response.status}`, fix: 'check base_url and that the server is an OpenAI-compatible API' });
      return checks;
    }
    checks.push({ name: 'provider', ok: true, detail: `${provider.name} reachable at ${displayURL(provider.baseURL)} (${provider.wireApi} API)` });
    const body = (await response.json()) as { data?: { id?: string }[] };
    const ids = (body.data ?? []).map((m) => m.id).filter((id): id is string => typeof id === 'string');
    const model = config.settings.model;
    checks.push(
      ids.length === 0 || ids.includes(model)
        ? { name: 'model', ok: true, detail: ids.length ? `${model} is served` : `${model} (the provider lists no models; not checked)` }
        : { name: 'model', ok: false, detail: `${provider.name} does not list ${model}`, fix: `pick one it serves with -m or model = "…" (e.g. ${ids.slice(0, 5).join(', ')})` },
    );
  } catch (err) {
    checks.push({ name: 'provider', ok: false, detail: scrubURLs(`cannot reach ${url}: ${(err as Error).cause instanceof Error ? ((err as Error).cause as Error).message : (err as Error).message}`), fix: `check that ${provider.name} is running and reachable at ${displayURL(provider.baseURL)}, or ${baseURLFix(provider.id)}` });
  }
  return checks;
}

function checkStateDir(env: NodeJS.ProcessEnv): Check {
  const dir = stateDir(env);
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
    return { name: 'state', ok: true, detail: dir };
  } catch (err) {
    return { name: 'state', ok: false, detail: `${dir} is not writable: ${(err as Error).message}`, fix: 'set XDG_STATE_HOME to a writable directory' };
  }
}

function stripUndefined<T extends object>(obj: T): Partial<T> {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as Partial<T>;
}
