// End to end: `[hooks]` from the user's config.toml, through the built CLI, the scripted model server
// and the default bubblewrap sandbox. before_command blocks (or lets through) a shell command,
// after_patch formats the patched file in the copy, on_finish gets the run's summary on stdin.
import { existsSync, mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { StampedEvent } from '../../src/protocol/events.ts';
import { treeFingerprint } from '../support/fixtures.ts';
import type { ScriptedTurn } from '../support/model-server.ts';
import { closeWorlds, hewWorld, type World } from '../support/world.ts';

afterEach(closeWorlds);

const BEFORE = `if grep -q 'rm -'; then echo "rm is not allowed"; exit 1; fi`;
// Strips trailing whitespace from every file the patch touched (paths from the event on stdin).
const AFTER = `sed -i 's/[[:space:]]*$//' $(grep -o '"path":"[^"]*"' | cut -d'"' -f4)`;
// Also records where it ran: inside bubblewrap the copy is mounted at the user's repository path.
const FINISH = `pwd > where.txt; cat > finish.json`;

const PATCH = `*** Begin Patch
*** Add File: notes.txt
+first line   
+second line\t
*** End Patch`;

/** The date-parser repository with `hooks` as the `[hooks]` of the user's config.toml. */
const hooksWorld = (hooks: string): Promise<World> => hewWorld().withConfig(`[hooks]\n${hooks}\n`).build();

async function exec(world: World, script: ScriptedTurn[]): Promise<{ events: StampedEvent[]; copy: string; stderr: string; code: number | null }> {
  await world.serve(script);
  const result = await world.hew(['exec', '--json', 'do the work']);
  const events = result.events();
  const started = events[0];
  if (started?.type !== 'thread.started') throw new Error(`no thread.started: ${result.stderr}`);
  return { events, copy: started.working_copy, stderr: result.stderr, code: result.code };
}

function completedItems(events: StampedEvent[]): Extract<StampedEvent, { type: 'item.completed' }>['item'][] {
  return events.flatMap((e) => (e.type === 'item.completed' ? [e.item] : []));
}

describe('hooks', () => {
  it('before_command blocks and allows, after_patch formats, on_finish gets the summary', async () => {
    const world = await hooksWorld(`before_command = '''${BEFORE}'''\nafter_patch = '''${AFTER}'''\non_finish = '''${FINISH}'''`);
    const { repo } = world;
    const before = treeFingerprint(repo);
    const { events, copy, stderr, code } = await exec(world, [
      { outputs: [{ tool: 'shell', args: { command: 'touch blocked-marker && rm -f package.json' } }] },
      { outputs: [{ tool: 'shell', args: { command: 'touch allowed-marker' } }] },
      { outputs: [{ tool: 'apply_patch', args: { input: PATCH } }] },
      { outputs: [{ text: 'All done.' }] },
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);

    // The blocked command: declined, never ran, and the hook's output is what the model read.
    const commands = completedItems(events).filter((i) => i.type === 'command_execution');
    expect(commands.map((c) => c.status)).toEqual(['declined', 'completed']);
    const blocked = commands[0];
    expect(blocked?.type === 'command_execution' && blocked.aggregated_output).toContain('rm is not allowed');
    expect(existsSync(join(copy, 'blocked-marker'))).toBe(false);
    expect(existsSync(join(copy, 'package.json'))).toBe(true);
    const second = JSON.stringify(world.requests[1]?.body);
    expect(second).toContain('rm is not allowed');
    expect(second).toContain('before_command hook');
    // The run went on: the allowed command ran.
    expect(existsSync(join(copy, 'allowed-marker'))).toBe(true);

    // after_patch ran the formatter in the copy: no trailing whitespace left.
    expect(readFileSync(join(copy, 'notes.txt'), 'utf8')).toBe('first line\nsecond line\n');

    // on_finish got the summary on stdin (and wrote it in the copy).
    const summary = JSON.parse(readFileSync(join(copy, 'finish.json'), 'utf8'));
    const [started, done] = [events[0], events.at(-1)];
    if (started?.type !== 'thread.started' || done?.type !== 'thread.completed') throw new Error('no thread.started/completed');
    expect(started.sandbox).toEqual({ kind: 'bwrap', mode: 'workspace-write', network: false });
    expect(readFileSync(join(copy, 'where.txt'), 'utf8').trim()).toBe(realpathSync(repo));
    expect(summary).toEqual({
      hook: 'on_finish',
      run_id: started.run_id,
      status: 'completed',
      exit_code: 0,
      files_changed: done.files_changed,
      final_message: 'All done.',
    });
    expect(summary.files_changed).toEqual(expect.arrayContaining([{ path: 'notes.txt', kind: 'add' }, { path: 'allowed-marker', kind: 'add' }]));
    expect(treeFingerprint(repo)).toBe(before);
  });

  it('a failing after_patch is reported to the model but keeps the patch; a failing on_finish is a warning', async () => {
    const world = await hooksWorld(`after_patch = '''echo formatter broke; exit 3'''\non_finish = ["true", '''echo finish broke >&2; exit 5''']`);
    const { events, copy, stderr, code } = await exec(world, [
      { outputs: [{ tool: 'apply_patch', args: { input: PATCH } }] },
      { outputs: [{ text: 'Done.' }] },
    ]);
    expect(code).toBe(0);
    const patch = completedItems(events).find((i) => i.type === 'file_change');
    expect(patch?.status).toBe('completed');
    expect(readFileSync(join(copy, 'notes.txt'), 'utf8')).toBe('first line   \nsecond line\t\n');
    const second = JSON.stringify(world.requests[1]?.body);
    expect(second).toContain('The patch was applied, but the after_patch hook');
    expect(second).toContain('exited with code 3');
    expect(second).toContain('formatter broke');
    expect(stderr).toContain('warning: the on_finish hook');
    expect(stderr).toContain('exited with code 5');
    expect(stderr).toContain('finish broke');
    const done = events.at(-1);
    expect(done?.type === 'thread.completed' && done.status).toBe('completed');
  });

  it('hooks in a project .hew/config.toml are refused (only the user config may set them)', async () => {
    const world = await hewWorld().withScript([{ outputs: [{ text: 'x' }] }]).build();
    const { repo } = world;
    mkdirSync(join(repo, '.hew'), { recursive: true });
    writeFileSync(join(repo, '.hew', 'config.toml'), `[hooks]\non_finish = "touch pwned"\n`);
    const result = await world.hew(['exec', '--json', 'hi']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('hooks');
  });
});
