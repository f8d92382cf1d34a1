// Resource limits inside the bwrap sandbox: a small bash prologue, run inside the sandbox just before
// the command, lowers two rlimits and then execs the command (same pid, same exit code). The values
// are worked out here from hew's own limits (bwrap passes them on unchanged), so the prologue is two
// `ulimit` builtins and no subshell: it costs one bash start, not five process forks. Where
// /proc/self/limits cannot be read, the prologue reads the limits itself (slower, same result).
//
// - processes: RLIMIT_NPROC (`ulimit -u`). Inside the sandbox's own user namespace the kernel counts
//   it per namespace (ucounts), so only the command's own processes and threads count, not the user's
//   other processes. The kernel does not enforce it for a process whose real uid is host root (uid 0
//   is exempt however it is mapped), so when hew runs as root this limit is NOT enforced.
// - memory: RLIMIT_DATA (`ulimit -d`): the heap and private writable mappings of each process. It is
//   per process (N processes may use N times it), and address space merely reserved (V8, Go, the
//   JVM) does not count, so runtimes keep working. Enforced for root and ordinary users alike.
//
// A limit is only ever lowered: a lower one the user already has stays. No cgroup is used (they need
// privileges or delegation hew cannot count on), so there is no limit on the sandbox's total memory
// or on CPU; a command's time is bounded by its timeout.
import { readFileSync } from 'node:fs';

/** Default most processes and threads a command may have running at once. */
export const DEFAULT_MAX_PROCESSES = 4096;
/** Default most heap (RLIMIT_DATA) one process of a command may use, in MiB: 8 GiB. */
export const DEFAULT_MAX_MEMORY_MB = 8192;

export interface SandboxLimits {
  /** RLIMIT_NPROC inside the sandbox (default DEFAULT_MAX_PROCESSES). */
  processes?: number;
  /** RLIMIT_DATA per process, in MiB (default DEFAULT_MAX_MEMORY_MB). */
  memoryMb?: number;
}

function whole(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isSafeInteger(value) && value > 0 ? value : fallback;
}

/** The effective limits: each a positive integer. */
export function resolveLimits(limits: SandboxLimits = {}): Required<SandboxLimits> {
  return { processes: whole(limits.processes, DEFAULT_MAX_PROCESSES), memoryMb: whole(limits.memoryMb, DEFAULT_MAX_MEMORY_MB) };
}

// `lower FLAG N`: for the soft and then the hard limit, set N when the current value is higher.
// Only used when hew cannot read its own limits.
const LOWER =
  'lower() { for w in S H; do v=$(ulimit -$w "$1") || continue; ' +
  'if [ "$v" = unlimited ] || [ "$v" -gt "$2" ]; then ulimit -$w "$1" "$2" 2>/dev/null; fi; done; }';

/** A soft and hard rlimit; null is unlimited. */
export interface Rlimit {
  soft: number | null;
  hard: number | null;
}

/** The two limits the prologue lowers, as a process has them now (units: processes, and KiB as `ulimit -d` takes them). */
export interface CurrentLimits {
  processes: Rlimit;
  dataKib: Rlimit;
}

/** hew's own limits from /proc/self/limits (what a command inherits through bwrap), or null when unreadable. */
export function ownLimits(read: () => string = () => readFileSync('/proc/self/limits', 'utf8')): CurrentLimits | null {
  let text: string;
  try {
    text = read();
  } catch {
    return null;
  }
  const field = (name: string, scale: number): Rlimit | null => {
    const line = text.split('\n').find((l) => l.startsWith(name));
    const parts = line?.slice(name.length).trim().split(/\s+/);
    if (!parts || parts.length < 2) return null;
    const value = (v: string | undefined): number | null | undefined =>
      v === 'unlimited' ? null : v !== undefined && /^\d+$/.test(v) ? Math.floor(Number(v) / scale) : undefined;
    const soft = value(parts[0]);
    const hard = value(parts[1]);
    return soft === undefined || hard === undefined ? null : { soft, hard };
  };
  const processes = field('Max processes', 1);
  const dataKib = field('Max data size', 1024);
  return processes && dataKib ? { processes, dataKib } : null;
}

const lowered = (current: number | null, target: number): number => (current === null ? target : Math.min(current, target));

/** The argv put in front of the command inside the sandbox; `current` is the limits the command would otherwise have. */
export function limitsPrologue(limits: SandboxLimits = {}, current: CurrentLimits | null = ownLimits()): string[] {
  const { processes, memoryMb } = resolveLimits(limits);
  const dataKib = memoryMb * 1024;
  if (current === null) {
    const script = `${LOWER}; lower -u ${processes}; lower -d ${dataKib}; exec "$@"`;
    return ['bash', '-c', script, 'hew-limits'];
  }
  // Soft first (never above the hard limit it is lowered under), then hard.
  const soft = `ulimit -S -u ${lowered(current.processes.soft, processes)} -d ${lowered(current.dataKib.soft, dataKib)}`;
  const hard = `ulimit -H -u ${lowered(current.processes.hard, processes)} -d ${lowered(current.dataKib.hard, dataKib)}`;
  return ['bash', '-c', `${soft} 2>/dev/null; ${hard} 2>/dev/null; exec "$@"`, 'hew-limits'];
}
