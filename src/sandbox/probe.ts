// Is an OS sandbox usable here? Linux: bwrap on PATH, and a tiny command actually run under the same
// confinement commands get (user, pid and net namespaces, all capabilities dropped). macOS:
// sandbox-exec runs a trivial profile. The answer is cached per process (per options), and a working
// probe costs one bwrap start (a few ms). `hew doctor` prints the reason and fix when it fails.
import { spawn } from 'node:child_process';
import { BASE_MOUNTS, CONFINEMENT_FLAGS } from './bwrap.ts';
import { explainBwrapFailure, readUsernsSettings } from './probe-explain.ts';
import { findExecutable } from './which.ts';

export type SandboxProbe =
  | { ok: true; kind: 'bwrap' | 'seatbelt'; detail: string }
  | { ok: false; kind: 'bwrap' | 'seatbelt' | 'none'; reason: string; fix: string };

export interface ProbeOptions {
  /** bwrap to use (default: `bwrap` on PATH). */
  bwrapPath?: string;
  /** Default process.platform. */
  platform?: NodeJS.Platform;
  /** PATH to search (default process.env.PATH). */
  pathVar?: string;
}

export const INSTALL_BWRAP_FIX =
  'install bubblewrap: `sudo apt-get install bubblewrap` (Debian/Ubuntu), `sudo dnf install bubblewrap` (Fedora/RHEL), `sudo pacman -S bubblewrap` (Arch)';

const cache = new Map<string, Promise<SandboxProbe>>();

export function probeSandbox(opts: ProbeOptions = {}): Promise<SandboxProbe> {
  const key = JSON.stringify([opts.bwrapPath, opts.platform, opts.pathVar]);
  let probe = cache.get(key);
  if (!probe) {
    probe = runProbe(opts);
    cache.set(key, probe);
  }
  return probe;
}

async function runProbe(opts: ProbeOptions): Promise<SandboxProbe> {
  const platform = opts.platform ?? process.platform;
  const pathVar = opts.pathVar ?? process.env.PATH;
  if (platform === 'linux') return probeBwrap(opts.bwrapPath ?? 'bwrap', pathVar);
  if (platform === 'darwin') return probeSeatbelt();
  return {
    ok: false,
    kind: 'none',
    reason: `hew has no OS sandbox for ${platform} (bubblewrap on Linux, sandbox-exec on macOS)`,
    fix: 'run hew on Linux or macOS (or in a Linux VM/container, e.g. WSL2), or approve each command',
  };
}

interface Ran {
  code: number | null;
  stderr: string;
  error?: string;
  ms: number;
}

function run(file: string, args: string[]): Promise<Ran> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    const child = spawn(file, args, { stdio: ['ignore', 'ignore', 'pipe'], env: {} });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.on('error', (err) => {
      clearTimeout(timer);
      resolve({ code: null, stderr, error: err.message, ms: performance.now() - t0 });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr: stderr.trim(), ms: performance.now() - t0 });
    });
  });
}

async function probeBwrap(name: string, pathVar: string | undefined): Promise<SandboxProbe> {
  const bwrap = findExecutable(name, pathVar);
  if (bwrap === null) {
    return { ok: false, kind: 'bwrap', reason: `bubblewrap (bwrap) is not installed${name.includes('/') ? ` at ${name}` : ' (not found on PATH)'}`, fix: INSTALL_BWRAP_FIX };
  }
  const truePath = findExecutable('true', '/usr/bin:/bin') ?? 'true';
  const ran = await run(bwrap, [...CONFINEMENT_FLAGS, '--unshare-net', ...BASE_MOUNTS, '--tmpfs', '/tmp', '--', truePath]);
  if (ran.code === 0) return { ok: true, kind: 'bwrap', detail: `${bwrap} works (user, pid and network namespaces; ${ran.ms.toFixed(0)} ms)` };
  const output = ran.error ?? (ran.stderr || `exit code ${ran.code}`);
  const { reason, fix } = explainBwrapFailure(output, readUsernsSettings(bwrap));
  return { ok: false, kind: 'bwrap', reason: `${bwrap} cannot create a sandbox: ${reason}`, fix };
}

async function probeSeatbelt(): Promise<SandboxProbe> {
  // Untested here (no macOS in CI); see docs/sandbox.md.
  const exec = findExecutable('/usr/bin/sandbox-exec');
  if (exec === null) {
    return { ok: false, kind: 'seatbelt', reason: '/usr/bin/sandbox-exec is missing', fix: 'sandbox-exec ships with macOS; check that /usr/bin is intact' };
  }
  const ran = await run(exec, ['-p', '(version 1)(allow default)', '/usr/bin/true']);
  if (ran.code === 0) return { ok: true, kind: 'seatbelt', detail: `${exec} works (${ran.ms.toFixed(0)} ms)` };
  return { ok: false, kind: 'seatbelt', reason: `sandbox-exec failed: ${ran.error ?? (ran.stderr || `exit code ${ran.code}`)}`, fix: 'run hew outside another sandbox (sandbox-exec cannot nest)' };
}
