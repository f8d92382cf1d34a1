// Runs the built CLI (bin/hew) as a subprocess with an isolated state and config home.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StampedEvent } from '../../src/protocol/events.ts';
import { ROOT, tempDir } from './fixtures.ts';

export interface HewResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** stdout parsed as JSONL (only meaningful with --json). */
  events(): StampedEvent[];
}

export interface HewOptions {
  cwd: string;
  env?: Record<string, string | undefined>;
  /** Text for stdin; when omitted stdin is closed at once (like CI). */
  input?: string;
  /** Keep stdin open and never write it (a pipe that never closes). */
  openStdin?: boolean;
  /** Called once the process has started (e.g. to send it a signal later). */
  onSpawn?: (pid: number) => void;
  /** Called with stdout text as it arrives. */
  onStdout?: (chunk: string) => void;
  /** Called with stderr text as it arrives. */
  onStderr?: (chunk: string) => void;
  timeoutMs?: number;
}

export interface HewHome {
  /** HOME itself (state and config are under it). */
  dir: string;
  state: string;
  config: string;
  env: Record<string, string>;
}

/** A fresh XDG state/config home for one test (under `base`, a fresh temp dir by default). */
export function hewHome(base = tempDir('hew-home-')): HewHome {
  const state = join(base, 'state');
  const config = join(base, 'config');
  return { dir: base, state, config, env: { XDG_STATE_HOME: state, XDG_CONFIG_HOME: config, HOME: base } };
}

/** Writes `toml` as the user's config.toml of `home` (`$XDG_CONFIG_HOME/hew/config.toml`). */
export function writeUserConfig(home: HewHome, toml: string): void {
  mkdirSync(join(home.config, 'hew'), { recursive: true });
  writeFileSync(join(home.config, 'hew', 'config.toml'), toml);
}

export function runHew(args: string[], opts: HewOptions): Promise<HewResult> {
  return new Promise((resolve, reject) => {
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries({ ...process.env, NO_COLOR: '1', ...opts.env })) {
      if (v !== undefined) env[k] = v;
    }
    const child = spawn(process.execPath, [join(ROOT, 'bin/hew'), ...args], {
      cwd: opts.cwd,
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => {
      stdout += c;
      opts.onStdout?.(c);
    });
    child.stderr.setEncoding('utf8').on('data', (c: string) => {
      stderr += c;
      opts.onStderr?.(c);
    });
    if (opts.input !== undefined) child.stdin.end(opts.input);
    else if (!opts.openStdin) child.stdin.end();
    if (child.pid) opts.onSpawn?.(child.pid);
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`hew ${args.join(' ')} did not finish in ${opts.timeoutMs ?? 30_000} ms\nstderr:\n${stderr}`));
    }, opts.timeoutMs ?? 30_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (opts.openStdin) child.stdin.destroy();
      resolve({
        code,
        signal,
        stdout,
        stderr,
        events: () => parseEvents(stdout),
      });
    });
  });
}

/** A --json run's stdout as events, one per non-blank line. */
export function parseEvents(stdout: string): StampedEvent[] {
  return stdout
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as StampedEvent);
}
