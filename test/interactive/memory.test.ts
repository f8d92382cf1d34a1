// Memory in the interactive session: the remember tool's user scope asks the person (reason
// outside_copy) and writes the global file only when approved; /remember puts a fact in the copy
// (so /diff shows it), /remember --user writes the global file directly; /memory lists both.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Item } from '../../src/protocol/events.ts';
import type { InteractiveEvent } from '../../src/protocol/interactive.ts';
import { tempDir } from '../support/fixtures.ts';
import { closeSessions, completed, isType, requestInput, startSession } from './harness.ts';

afterEach(closeSessions);

type ApprovalItem = Extract<Item, { type: 'approval' }>;

function asked(e: InteractiveEvent): e is Extract<InteractiveEvent, { type: 'item.started' }> & { item: ApprovalItem } {
  return e.type === 'item.started' && e.item.type === 'approval';
}

function lastToolOutput(input: { type: string; output?: string }[]): string {
  return input.filter((i) => i.type === 'function_call_output').at(-1)?.output ?? '';
}

const userFact = (text: string) => ({ outputs: [{ tool: 'remember', args: { text, scope: 'user' } }] });

describe('memory in the interactive session', () => {
  it('user scope asks the person: approved, the global file gets the entry; denied, it is unchanged and the model reads why', async () => {
    const configDir = join(tempDir('hew-config-'), 'hew');
    const global = join(configDir, 'AGENTS.md');
    const s = await startSession([userFact('I prefer small commits.'), userFact('I like tabs.'), { outputs: [{ text: 'done' }] }], { configDir });
    s.controller.submit('remember my preferences');

    const first = (await s.next(asked)).item;
    expect(first.request).toMatchObject({ tool: 'remember', writes_outside: global, reasons: ['outside_copy'], sandboxed: false });
    expect(first.request.reason).toBe('Hew would write outside the working copy, to your global instructions file.');
    expect(first.request.command).toBe(`remember --user "I prefer small commits." → ${global}`);
    s.controller.answerApproval(first.id, { decision: 'approved' });

    const second = (await s.next(asked)).item;
    s.controller.answerApproval(second.id, { decision: 'denied' });
    await s.next(isType('notice.summary'));

    expect(readFileSync(global, 'utf8')).toBe('## Remembered by hew\n\n- I prefer small commits.\n');
    expect(lastToolOutput(requestInput(s.server, 1))).toBe(`Remembered in ${global} (the user's global instructions; every later run reads it).`);
    expect(lastToolOutput(requestInput(s.server, 2))).toBe(
      'Not remembered: the user denied it. Do not ask again; if it matters, say in your final message what the user may want to remember.',
    );
    expect(completed(s.events, 'approval').map((a) => a.decision)).toEqual(['approved', 'denied']);
  });

  it('/remember writes into the copy (in /diff, not in the repository), /remember --user the global file, /memory lists both', async () => {
    const configDir = join(tempDir('hew-config-'), 'hew');
    const s = await startSession([{ outputs: [{ text: 'hello' }] }], { configDir });
    await s.turn('hello');

    const done = await s.command('/remember run the tests with node test/date.test.js', 'notice.info');
    expect(done).toMatchObject({ title: 'Remembered', lines: ['in AGENTS.md (working copy; /apply takes it)', 'under "## Remembered by hew" (1 entry, 66 of 4,096 bytes)'] });
    const copy = s.controller.info().workingCopy;
    expect(readFileSync(join(copy, 'AGENTS.md'), 'utf8')).toContain('- run the tests with node test/date.test.js');
    expect(existsSync(join(s.repo, 'AGENTS.md'))).toBe(false);
    const diff = await s.command('/diff', 'notice.diff');
    expect(JSON.stringify(diff)).toContain('AGENTS.md');

    const refused = await s.command('/remember Run the tests with node test/date.test.js.', 'notice.error');
    expect(refused.message).toContain('already has it');

    const user = await s.command('/remember --user I prefer small commits.', 'notice.info');
    expect(user.lines[0]).toContain(`in ${join(configDir, 'AGENTS.md')}`);

    const listed = await s.command('/memory', 'notice.info');
    expect(listed.title).toBe('Memory');
    expect(listed.lines).toContain('  - run the tests with node test/date.test.js');
    expect(listed.lines).toContain('  - I prefer small commits.');
    // The conversation got nothing from these commands.
    expect(s.server.requests).toHaveLength(1);
  });
});
