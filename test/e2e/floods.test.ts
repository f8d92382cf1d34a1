// End to end: a command that prints hundreds of megabytes and a provider that never stops sending
// cannot exhaust hew. The run ends normally (or fails with the documented message and exit code),
// hew's memory stays bounded, and what is kept of the output says what was cut.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { StampedEvent } from '../../src/protocol/events.ts';
import type { HewResult } from '../support/hew-cli.ts';
import { toolOutput } from '../support/requests.ts';
import { closeWorlds, hewWorld, type World } from '../support/world.ts';

afterEach(closeWorlds);

const FLOOD_BYTES = 600 * 1024 * 1024;

function lastEvent(events: StampedEvent[]): Extract<StampedEvent, { type: 'thread.completed' }> {
  const last = events.at(-1);
  if (last?.type !== 'thread.completed') throw new Error(`last event is ${last?.type}`);
  return last;
}

/** Why the run's turn failed (turn.failed), and that no error event said it would retry. */
function finalError(events: StampedEvent[]): string | undefined {
  expect(events.some((e) => e.type === 'error' && e.will_retry)).toBe(false);
  const failed = events.find((e) => e.type === 'turn.failed');
  return failed?.type === 'turn.failed' ? failed.error.message : undefined;
}

/** Peak resident memory of a live process, in bytes (VmHWM). */
function peakRss(pid: number): number {
  const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error(`no VmHWM for ${pid}`);
  return Number(match[1]) * 1024;
}

describe('a command that floods its output', () => {
  it('600 MB of output: the run completes, memory stays bounded, the log and the model get head and tail', async () => {
    let hewPid = 0;
    let peak = 0;
    const command = `printf 'HEAD-MARK\\n'; head -c ${FLOOD_BYTES} /dev/zero | tr '\\0' a; printf '\\nTAIL-MARK\\n'`;
    const world = await hewWorld().withScript((_req, index) => {
      // The second request comes after the command: hew has read all of its output by now.
      if (index === 1) peak = peakRss(hewPid);
      if (index === 0) return { outputs: [{ tool: 'shell', args: { command } }] };
      return { outputs: [{ text: 'Printed a lot.' }] };
    }).build();
    const result = await world.hew(['exec', '--json', 'print a lot'], { onSpawn: (pid) => (hewPid = pid), timeoutMs: 170_000 });
    expect(result.stderr).not.toMatch(/RangeError|Invalid string length/);
    expect(result.code).toBe(0);
    const events = result.events();
    const done = lastEvent(events);
    expect(done.status).toBe('completed');
    const runId = events.find((e) => e.type === 'thread.started')?.run_id as string;
    const runDir = world.runDir(runId);
    expect(JSON.parse(readFileSync(join(runDir, 'meta.json'), 'utf8')).status).toBe('completed');

    // hew held at most a few MiB of the output (generous: node itself plus the copy and the events).
    expect(peak).toBeGreaterThan(0);
    expect(peak).toBeLessThan(400 * 1024 * 1024);

    // The log keeps the head and the tail and says what it cut.
    const logPath = join(runDir, 'commands.log');
    expect(statSync(logPath).size).toBeLessThan(8 * 1024 * 1024);
    const log = readFileSync(logPath, 'utf8');
    expect(log).toContain('HEAD-MARK');
    expect(log).toContain('TAIL-MARK');
    expect(log).toMatch(/\[hew: \d+ bytes \(\d+ lines\) of output cut here; only the first and last 1 Mi characters are kept\]/);

    // The model got head and tail, and a note counting (about) everything in between.
    const shown = toolOutput(world.requests[1]);
    expect(shown).toMatch(/^Exit code: 0$/m);
    expect(shown).toContain('HEAD-MARK');
    expect(shown).toContain('TAIL-MARK');
    const elided = /\[… (\d+) bytes(?: \(\d+ lines?\))? elided; the run log keeps more of it …\]/.exec(shown);
    expect(elided).not.toBeNull();
    expect(Number(elided?.[1])).toBeGreaterThan(FLOOD_BYTES - 20 * 1024);
    expect(shown.length).toBeLessThan(16 * 1024);
  }, 180_000);
});

describe('a model response without end', () => {
  const exec = (world: World, args: string[]): Promise<HewResult> => world.hew(['exec', '--json', ...args]);

  it('a stream that trickles forever (no idle timeout ever fires) ends at response_max_ms, without --timeout', async () => {
    // Event 4 of a text-only Responses turn is its first text delta: it is sent again every 50 ms.
    const world = await hewWorld().withScript([{ outputs: [{ text: 'I will never finish this sentence' }], fault: { kind: 'trickle', afterEvents: 5, everyMs: 50 } }]).build();
    const started = Date.now();
    const result = await exec(world, ['-c', 'providers.openai.response_max_ms=3000', '-c', 'providers.openai.stream_idle_timeout_ms=1000', 'say something']);
    expect(result.code).toBe(1);
    const done = lastEvent(result.events());
    expect(done.status).toBe('failed');
    expect(finalError(result.events())).toBe('The response from openai was still streaming after 3 s, the ceiling for one response; it was closed. If the provider is just slow, raise providers.openai.response_max_ms.');
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
    // Not retried: one request.
    expect(world.requests.filter((r) => r.path === '/v1/responses')).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(50_000);
  }, 70_000);

  it('a response larger than response_max_bytes is closed with the documented message', async () => {
    const world = await hewWorld().withScript([{ outputs: [{ text: 'x'.repeat(400_000) }] }]).build();
    const result = await exec(world, ['-c', 'providers.openai.response_max_bytes=100000', 'say a lot']);
    expect(result.code).toBe(1);
    expect(lastEvent(result.events()).status).toBe('failed');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(finalError(result.events())).toBe('The response from openai passed 100000 bytes, the ceiling for one response; it was closed. If such a response is expected, raise providers.openai.response_max_bytes.');
    expect(world.requests.filter((r) => r.path === '/v1/responses')).toHaveLength(1);
  }, 70_000);
});
