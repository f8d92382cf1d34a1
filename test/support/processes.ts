// The host's processes, for tests that check a command was really stopped.
import { readdirSync, readFileSync } from 'node:fs';

/**
 * Host pids (not zombies) whose command line is exactly `argv`. Inside the sandbox's pid namespace a
 * command's pids mean nothing on the host, so tests mark a command by unique arguments (`sleep 317`)
 * and search the host's /proc for them.
 */
export function livingWithArgs(argv: string[]): number[] {
  const wanted = `${argv.join('\0')}\0`;
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8') !== wanted) continue;
      if (/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${entry}/stat`, 'utf8'))) continue;
      found.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return found;
}

/**
 * Waits until no host process has the command line `argv` (at most `withinMs`), and returns those
 * still there. A sandboxed command is killed with its pid namespace: the kernel ends the processes in
 * it just after bwrap itself has exited, so a check made the instant hew answers may still see them.
 */
export async function livingAfter(argv: string[], withinMs = 5000): Promise<number[]> {
  const start = performance.now();
  let living = livingWithArgs(argv);
  while (living.length > 0 && performance.now() - start < withinMs) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    living = livingWithArgs(argv);
  }
  return living;
}
