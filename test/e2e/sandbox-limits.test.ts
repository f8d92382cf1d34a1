// End to end, through the built CLI as root and as an ordinary user (nobody): a command that forks
// without end and one that allocates without end meet the sandbox's limits (sandbox_max_processes,
// sandbox_max_memory_mb), nothing is left running on the host, and the run finishes.
// The process limit is RLIMIT_NPROC, which the kernel does not enforce for host root: as root the
// test pins that documented gap (the fork loop, bounded by the test itself, runs to its end).
import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { userBase } from '../support/as-user.ts';
import { toolOutput } from '../support/requests.ts';
import { closeWorlds, hewWorld } from '../support/world.ts';

const base = userBase('hew-limits-');
afterEach(closeWorlds);

/** The test's own bound on fork attempts: it can never start more than this many processes. */
const ATTEMPTS = 500;
const MAX_PROCESSES = 200;
const MAX_MEMORY_MB = 256;

const FORK_LOOP =
  `perl -e 'my $n = 0; my @kids; for (1..${ATTEMPTS}) { my $p = fork; ` +
  `if (!defined $p) { print "FORK-FAILED after $n: $!\\n"; last } ` +
  `if (!$p) { exec "sleep", "347"; exit 1 } push @kids, $p; $n++ } ` +
  `print "STARTED $n\\n"; kill "KILL", @kids; 1 while wait != -1;'`;
const ALLOCATE = `ulimit -u; ulimit -d; perl -e '$x = "a" x (1024 * 1024 * 1024); print "ALLOCATED\\n"'; echo "perl-exit=$?"`;

/** Host processes (not zombies) running `sleep 347`. */
function leftoverSleepers(): number[] {
  return readdirSync('/proc')
    .filter((e) => /^\d+$/.test(e))
    .filter((e) => {
      try {
        return readFileSync(`/proc/${e}/cmdline`, 'utf8') === 'sleep\u0000347\u0000' && !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${e}/stat`, 'utf8'));
      } catch {
        return false;
      }
    })
    .map(Number);
}

describe.each(['root', 'nobody'] as const)('limits inside the sandbox, as %s', (as) => {
  it('a fork loop meets the process limit (not for root), an allocation the memory limit; the run finishes', async () => {
    const world = await hewWorld()
      .asUser(as, base)
      .withScript([
        { outputs: [{ tool: 'shell', args: { command: FORK_LOOP } }] },
        { outputs: [{ tool: 'shell', args: { command: ALLOCATE } }] },
        { outputs: [{ text: 'Limits met.' }] },
      ])
      .build();
    const args = ['exec', '--json', '-c', `sandbox_max_processes=${MAX_PROCESSES}`, '-c', `sandbox_max_memory_mb=${MAX_MEMORY_MB}`, 'test the limits'];
    const result = await world.hew(args, { timeoutMs: 120_000 });
    expect(result.code).toBe(0);
    const events = result.events();
    const done = events.at(-1);
    expect(done?.type === 'thread.completed' && done.final_message).toBe('Limits met.');

    const forked = toolOutput(world.requests[1]);
    if (as === 'nobody') {
      const failed = /FORK-FAILED after (\d+): Resource temporarily unavailable/.exec(forked);
      expect(failed, forked).not.toBeNull();
      expect(Number(failed?.[1])).toBeLessThan(MAX_PROCESSES);
    } else {
      // Host root is exempt from RLIMIT_NPROC (docs/security.md): only the test's own bound stops it.
      expect(forked).toContain(`STARTED ${ATTEMPTS}`);
    }

    const allocated = toolOutput(world.requests[2]);
    expect(allocated).toMatch(new RegExp(`^${MAX_PROCESSES}\\n${MAX_MEMORY_MB * 1024}\\n`, 'm'));
    expect(allocated).toMatch(/Out of memory/);
    expect(allocated).not.toContain('ALLOCATED');
    expect(allocated).toMatch(/perl-exit=[1-9]/);

    expect(leftoverSleepers()).toEqual([]);
  }, 150_000);
});
