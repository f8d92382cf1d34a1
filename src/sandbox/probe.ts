// Is an OS sandbox usable here? Linux: bwrap on PATH, and a tiny command actually run under the same
// confinement commands get (user, pid and net namespaces, all capabilities dropped). macOS:
// sandbox-exec runs a trivial profile. The answer is cached per process (per options), and a working
// probe costs one bwrap start (a few ms). A failure for a passing cause (a timeout on a loaded machine,
// EAGAIN) is retried before the answer is given (probe-retry.ts). The headless fronts start the probe
// as they start and wait for it just before the run opens; `hew doctor` prints the reason and fix.
import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { BASE_MOUNTS, CONFINEMENT_FLAGS } from './bwrap.ts';
import { explainBwrapFailure, readUsernsSettings } from './probe-explain.ts';
import { DEFAULT_PROBE_RETRY, isPassingFailure, probeRetryDelay } from './probe-retry.ts';
import type { ProbeAttempt, ProbeRetry } from './probe-retry.ts';
import { findExecutable } from './which.ts';

export type SandboxProbe =
  | { ok: true; kind: 'bwrap' | 'seatbelt'; detail: string; /** The executable that worked (bwrap's absolute path). */ path?: string }
  | { ok: false; kind: 'bwrap' | 'seatbelt' | 'none'; reason: string; fix: string };

/** Runs `file args` with an empty environment and a time limit; what a probe attempt saw. */
export type ProbeRunner = (file: string, args: string[], timeoutMs: number) => Promise<ProbeAttempt & { ms: number }>;

export interface ProbeOptions {
  /** bwrap to use (default: `bwrap` on PATH). */
  bwrapPath?: string;
  /** Default process.platform. */
  platform?: NodeJS.Platform;
  /** PATH to search (default process.env.PATH). */
  pathVar?: string;
  /** Attempts, time limit and waits (default DEFAULT_PROBE_RETRY). */
  retry?: Partial<ProbeRetry>;
  /** Tests: runs the probe's command instead of spawning it (such probes are not cached). */
  runner?: ProbeRunner;
}

/**
 * The environment variable naming the bwrap to use instead of `bwrap` on PATH (an absolute path).
 * Only hew's own environment sets it — never a repository or its config, never a command — and it
 * only chooses which bubblewrap confines commands; the probe still has to see it work.
 */
const BWRAP_ENV = 'HEW_BWRAP';

/** The probe options hew's environment asks for (HEW_BWRAP). Every front uses these, so they share one probe. */
export function probeOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): ProbeOptions {
  const bwrap = env[BWRAP_ENV];
  return bwrap !== undefined && bwrap !== '' ? { bwrapPath: bwrap } : {};
}

const INSTALL_BWRAP_FIX =
  'install bubblewrap: `sudo apt-get install bubblewrap` (Debian/Ubuntu), `sudo dnf install bubblewrap` (Fedora/RHEL), `sudo pacman -S bubblewrap` (Arch)';

const cache = new Map<string, Promise<SandboxProbe>>();

export function probeSandbox(opts: ProbeOptions = {}): Promise<SandboxProbe> {
  if (opts.runner) return runProbe(opts);
  const key = JSON.stringify([opts.bwrapPath, opts.platform, opts.pathVar, opts.retry]);
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
  const retry: ProbeRetry = { ...DEFAULT_PROBE_RETRY, ...opts.retry };
  const runner = opts.runner ?? run;
  if (platform === 'linux') return probeBwrap(opts.bwrapPath ?? 'bwrap', pathVar, retry, runner);
  if (platform === 'darwin') return probeSeatbelt(retry, runner);
  return {
    ok: false,
    kind: 'none',
    reason: `hew has no OS sandbox for ${platform} (bubblewrap on Linux, sandbox-exec on macOS)`,
    fix: 'run hew on Linux or macOS (or in a Linux VM/container, e.g. WSL2), or approve each command',
  };
}

type Ran = ProbeAttempt & { ms: number; attempts: number };

const run: ProbeRunner = (file, args, timeoutMs) => {
  const t0 = performance.now();
  return new Promise((resolve) => {
    const child = spawn(file, args, { stdio: ['ignore', 'ignore', 'pipe'], env: {} });
    let stderr = '';
    let timedOut = false;
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      resolve({ code: null, stderr, error: err.message, timedOut, ms: performance.now() - t0 });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr: stderr.trim(), timedOut, ms: performance.now() - t0 });
    });
  });
};

/** Runs the probe command until it works, fails for good, or the attempts run out. */
async function attempt(file: string, args: string[], retry: ProbeRetry, runner: ProbeRunner): Promise<Ran> {
  const attempts = Math.max(1, Math.floor(retry.attempts));
  for (let n = 1; ; n++) {
    const ran = await runner(file, args, retry.timeoutMs);
    if (ran.code === 0 || n >= attempts || !isPassingFailure(ran)) return { ...ran, attempts: n };
    await sleep(probeRetryDelay(retry, n + 1));
  }
}

/** What bwrap (or sandbox-exec) said, for the reason; a timeout says so. */
function said(ran: Ran, retry: ProbeRetry): string {
  const tries = ran.attempts > 1 ? ` (${ran.attempts} attempts)` : '';
  if (ran.timedOut) return `it did not finish within ${retry.timeoutMs} ms${tries}; the machine may be overloaded`;
  return `${ran.error ?? (ran.stderr || `exit code ${ran.code}`)}${tries}`;
}

function took(ran: Ran): string {
  return `${ran.ms.toFixed(0)} ms${ran.attempts > 1 ? `, attempt ${ran.attempts}` : ''}`;
}

async function probeBwrap(name: string, pathVar: string | undefined, retry: ProbeRetry, runner: ProbeRunner): Promise<SandboxProbe> {
  const bwrap = findExecutable(name, pathVar);
  if (bwrap === null) {
    return { ok: false, kind: 'bwrap', reason: `bubblewrap (bwrap) is not installed${name.includes('/') ? ` at ${name}` : ' (not found on PATH)'}`, fix: INSTALL_BWRAP_FIX };
  }
  const truePath = findExecutable('true', '/usr/bin:/bin') ?? 'true';
  const ran = await attempt(bwrap, [...CONFINEMENT_FLAGS, '--unshare-net', ...BASE_MOUNTS, '--tmpfs', '/tmp', '--', truePath], retry, runner);
  if (ran.code === 0) return { ok: true, kind: 'bwrap', path: bwrap, detail: `${bwrap} works (user, pid and network namespaces; ${took(ran)})` };
  if (ran.timedOut) {
    return { ok: false, kind: 'bwrap', reason: `${bwrap} cannot create a sandbox: ${said(ran, retry)}`, fix: 'try again when the machine is less busy, and check `bwrap --unshare-user --unshare-net --ro-bind / / true` by hand' };
  }
  const { reason, fix } = explainBwrapFailure(said(ran, retry), readUsernsSettings(bwrap));
  return { ok: false, kind: 'bwrap', reason: `${bwrap} cannot create a sandbox: ${reason}`, fix };
}

async function probeSeatbelt(retry: ProbeRetry, runner: ProbeRunner): Promise<SandboxProbe> {
  // Untested here (no macOS in CI); see docs/sandbox.md.
  const exec = findExecutable('/usr/bin/sandbox-exec');
  if (exec === null) {
    return { ok: false, kind: 'seatbelt', reason: '/usr/bin/sandbox-exec is missing', fix: 'sandbox-exec ships with macOS; check that /usr/bin is intact' };
  }
  const ran = await attempt(exec, ['-p', '(version 1)(allow default)', '/usr/bin/true'], retry, runner);
  if (ran.code === 0) return { ok: true, kind: 'seatbelt', path: exec, detail: `${exec} works (${took(ran)})` };
  return { ok: false, kind: 'seatbelt', reason: `sandbox-exec failed: ${said(ran, retry)}`, fix: 'run hew outside another sandbox (sandbox-exec cannot nest)' };
}
