// Resource limits inside the bwrap sandbox: a small bash prologue, run inside the sandbox just before
// the command, lowers two rlimits and then execs the command (same pid, same exit code):
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
const LOWER =
  'lower() { for w in S H; do v=$(ulimit -$w "$1") || continue; ' +
  'if [ "$v" = unlimited ] || [ "$v" -gt "$2" ]; then ulimit -$w "$1" "$2" 2>/dev/null; fi; done; }';

/** The argv put in front of the command inside the sandbox. */
export function limitsPrologue(limits: SandboxLimits = {}): string[] {
  const { processes, memoryMb } = resolveLimits(limits);
  const script = `${LOWER}; lower -u ${processes}; lower -d ${memoryMb * 1024}; exec "$@"`;
  return ['bash', '-c', script, 'hew-limits'];
}
