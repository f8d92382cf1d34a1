// /rewind STEP and /resume RUN in the interactive session: files and conversation go back to a step
// and the session goes on from there; another run of the repository can be continued.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { closeSessions, isType, requestInput, startSession } from './harness.ts';

afterEach(closeSessions);

const addFile = (name: string, text: string) => ({
  outputs: [{ tool: 'apply_patch', args: { input: `*** Begin Patch\n*** Add File: ${name}\n+${text}\n*** End Patch` } }],
});

describe('/rewind and /resume', () => {
  it('/rewind goes back to a step: files restored, later conversation dropped, the session goes on', async () => {
    const s = await startSession([
      addFile('one.txt', 'first'),
      addFile('two.txt', 'second'),
      { outputs: [{ text: 'added two files' }] },
      { outputs: [{ text: 'went on from step 1' }] },
    ]);
    await s.turn('add two files');
    const copy = s.controller.info().workingCopy;
    expect(readFileSync(join(copy, 'two.txt'), 'utf8')).toBe('second\n');

    const listing = await s.command('/rewind', 'notice.info');
    expect(listing.lines.join('\n')).toMatch(/0 \(the start\), 1, 2/);

    const reset = await s.command('/rewind 1', 'notice.reset');
    expect(reset.info.runId).toBe(s.controller.info().runId);
    const note = await s.next(isType('notice.info'));
    expect(note.type === 'notice.info' && note.lines[0]).toBe('back to step 1');
    expect(readFileSync(join(copy, 'one.txt'), 'utf8')).toBe('first\n');
    expect(() => readFileSync(join(copy, 'two.txt'))).toThrow();

    await s.turn('now something else');
    const input = requestInput(s.server, 3);
    const outputs = input.filter((i) => i.type === 'function_call_output');
    expect(outputs).toHaveLength(1);
    expect(input.filter((i) => i.role === 'user').map((i) => i.content)).toEqual(['add two files', 'now something else']);
  });

  it('/resume continues another run of the repository with its conversation', async () => {
    const s = await startSession([{ outputs: [{ text: 'first run answer' }] }, { outputs: [{ text: 'second run answer' }] }, { outputs: [{ text: 'back in the first run' }] }]);
    await s.turn('first run task');
    const first = s.controller.info().runId;
    await s.command('/new', 'notice.reset');
    await s.turn('second run task');
    const reset = await s.command(`/resume ${first}`, 'notice.reset');
    expect(reset.info.runId).toBe(first);
    await s.turn('continue the first');
    const input = requestInput(s.server, 2);
    expect(input.filter((i) => i.role === 'user').map((i) => i.content)).toEqual(['first run task', 'continue the first']);
  });

  it('/resume refuses a damaged run with a notice and the session goes on', async () => {
    const s = await startSession([{ outputs: [{ text: 'first run answer' }] }, { outputs: [{ text: 'second run answer' }] }, { outputs: [{ text: 'still here' }] }]);
    await s.turn('first run task');
    const first = s.controller.info().runId;
    await s.command('/new', 'notice.reset');
    await s.turn('second run task');
    const second = s.controller.info().runId;
    const events = s.store.open(first).eventsPath;
    const lines = readFileSync(events, 'utf8').split('\n');
    lines[1] = '{"type": garbage';
    writeFileSync(events, lines.join('\n'));
    const refused = await s.command(`/resume ${first}`, 'notice.error');
    expect(refused.message).toMatch(new RegExp(`^/resume: run ${first} is damaged: events\\.jsonl line 2 of \\d+ is not valid JSON; .*hew discard ${first}`));
    writeFileSync(s.store.open(first).dir + '/meta.json', '{');
    expect((await s.command(`/resume ${first}`, 'notice.error')).message).toMatch(/meta\.json is not valid JSON/);
    await s.turn('go on here');
    expect(s.controller.info().runId).toBe(second);
  });
});
