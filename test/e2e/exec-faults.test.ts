// End to end: the run survives provider faults, broken tool calls and a hanging command.
import { afterEach, describe, expect, it } from 'vitest';
import type { StampedEvent } from '../../src/protocol/events.ts';
import { treeFingerprint } from '../support/fixtures.ts';
import { livingWithArgs } from '../support/processes.ts';
import type { HewResult } from '../support/hew-cli.ts';
import { DATE_FIX_ANSWER, dateFixScript } from '../support/scripts.ts';
import { toolOutput, toolOutputs } from '../support/requests.ts';
import { closeWorlds, hewWorld, type World } from '../support/world.ts';

afterEach(closeWorlds);

function lastEvent(events: StampedEvent[]): Extract<StampedEvent, { type: 'thread.completed' }> {
  const last = events.at(-1);
  if (last?.type !== 'thread.completed') throw new Error(`last event is ${last?.type}`);
  return last;
}

const exec = (world: World, args: string[]): Promise<HewResult> => world.hew(['exec', '--json', ...args]);

describe('hew exec under provider faults', () => {
  it('survives a 429, a 500 and a cut stream and still fixes the repo', async () => {
    const [read, patch, test, answer] = dateFixScript();
    const world = await hewWorld().withScript([
      { fault: { kind: 'status', status: 429, retryAfter: 1 } },
      read!,
      { ...patch!, fault: { kind: 'status', status: 500 } },
      patch!,
      { ...test!, fault: { kind: 'cut', afterEvents: 3 } },
      test!,
      answer!,
    ]).build();
    const { repo } = world;
    const before = treeFingerprint(repo);
    const result = await exec(world, ['-c', 'providers.openai.request_max_retries=4', 'fix the date parser']);
    expect(result.code).toBe(0);
    const events = result.events();
    const retries = events.filter((e) => e.type === 'error');
    expect(retries).toHaveLength(3);
    expect(retries.every((e) => e.type === 'error' && e.will_retry)).toBe(true);
    const first = retries[0];
    expect(first?.type === 'error' && first.delay_ms).toBeGreaterThanOrEqual(1000);
    const done = lastEvent(events);
    expect(done.final_message).toBe(DATE_FIX_ANSWER);
    expect(done.files_changed).toEqual([{ path: 'src/date.js', kind: 'update' }]);
    expect(world.server?.remaining()).toBe(0);
    expect(treeFingerprint(repo)).toBe(before);
  });

  it('answers malformed tool arguments and an unknown tool with errors and finishes', async () => {
    const world = await hewWorld().withScript([
      { outputs: [{ tool: 'read_file', args: '{"path": "src/date.js"' }] },
      { outputs: [{ tool: 'read_file', args: { offset: 3 } }] },
      { outputs: [{ tool: 'teleport', args: { to: 'mars' } }] },
      { outputs: [{ text: 'Done, despite my clumsy calls.' }] },
    ]).build();
    const result = await exec(world, ['look around']);
    expect(result.code).toBe(0);
    const outputs = toolOutputs(world.requests);
    expect(outputs[0]).toMatch(/not valid JSON/i);
    expect(outputs[1]).toMatch(/path/);
    expect(outputs[2]).toMatch(/Unknown tool "teleport"/);
    expect(outputs[2]).toMatch(/read_file/);
    const errors = result.events().filter((e) => e.type === 'item.completed' && e.item.type === 'error');
    expect(errors).toHaveLength(3);
    expect(lastEvent(result.events()).status).toBe('completed');
  });

  it('kills a hanging command and its children at the timeout', async () => {
    // Unique durations mark the processes; inside the sandbox's pid namespace their pids mean nothing
    // on the host, so the host's /proc is searched for them by command line.
    const script = 'sleep 317 & sleep 318';
    const world = await hewWorld().withScript([
      { outputs: [{ tool: 'shell', args: { command: script, timeout_ms: 800 } }] },
      { outputs: [{ text: 'The command hung; I stopped.' }] },
    ]).build();
    const result = await exec(world, ['run the hanging thing']);
    expect(result.code).toBe(0);
    const output = toolOutput(world.requests[1]);
    expect(output).toMatch(/Exit code: 124/);
    expect(livingWithArgs(['sleep', '317'])).toEqual([]);
    expect(livingWithArgs(['sleep', '318'])).toEqual([]);
  });
});

