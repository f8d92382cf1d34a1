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
