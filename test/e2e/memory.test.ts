// End to end: project memory reviewed like code (docs/memory.md). The scripted model calls
// `remember`; the fact lands under "## Remembered by hew" in the copy's AGENTS.md as a file change,
// shows in `hew diff`, leaves the repository alone until `hew apply`, and is then in the next run's
// first request. User scope needs an approval, which `hew exec` cannot give; secrets and duplicates
// are refused, by the tool and by `hew remember`; `hew memory` lists both scopes.
import { existsSync, lstatSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Item, StampedEvent } from '../../src/protocol/events.ts';
import { treeFingerprint } from '../support/fixtures.ts';
import type { ScriptedTurn } from '../support/model-server.ts';
import { answer } from '../support/scripts.ts';
import { closeWorlds, hewWorld, type World } from '../support/world.ts';

afterEach(closeWorlds);

const FACT = 'Run the tests with node test/date.test.js; there is no npm test script.';
const SECRET = 'sk-abcdefghijklmnop1234567890';

const remember = (text: string, scope: 'project' | 'user'): ScriptedTurn => ({ outputs: [{ tool: 'remember', args: { text, scope } }] });

function completedItems(events: StampedEvent[]): Item[] {
  return events.flatMap((e) => (e.type === 'item.completed' ? [e.item] : []));
}

function started(events: StampedEvent[]): Extract<StampedEvent, { type: 'thread.started' }> {
  const e = events.find((x) => x.type === 'thread.started');
  if (e?.type !== 'thread.started') throw new Error('no thread.started');
  return e;
}

/** The text between <project_instructions> and </project_instructions> in a request ('' when absent). */
function projectInstructions(world: World, index: number): string {
  const body = JSON.stringify(world.requests[index]?.body ?? {});
  const m = /<project_instructions>([\s\S]*?)<\/project_instructions>/.exec(body);
  return m ? (JSON.parse(`"${m[1]}"`) as string) : '';
}

function globalFile(world: World): string {
  return join(world.home.config, 'hew', 'AGENTS.md');
}

describe('the remember tool in hew exec', () => {
  it('project scope: the fact is a file change in the copy, shows in hew diff, reaches the repository only with hew apply, and is in the next run\'s first request', async () => {
    const world = await hewWorld().withScript([remember(FACT, 'project'), answer('remembered')]).withTimeout(30_000).build();
    const before = treeFingerprint(world.repo);
    const result = await world.hewOk(['exec', '--json', 'find out how to run the tests']);
    const events = result.events();
    const change = completedItems(events).find((i) => i.type === 'file_change');
    expect(change).toMatchObject({ status: 'completed', changes: [{ path: 'AGENTS.md', kind: 'add' }] });
    expect(world.toolOutputs()[0]).toContain('Remembered in AGENTS.md under "## Remembered by hew"');
    const copy = started(events).working_copy;
    expect(readFileSync(join(copy, 'AGENTS.md'), 'utf8')).toBe(`## Remembered by hew\n\n- ${FACT}\n`);
    // The repository is untouched until the user applies.
    expect(treeFingerprint(world.repo)).toBe(before);
    expect(existsSync(join(world.repo, 'AGENTS.md'))).toBe(false);

    const diff = await world.hewOk(['diff']);
    expect(diff.stdout).toContain('+## Remembered by hew');
    expect(diff.stdout).toContain(`+- ${FACT}`);

    await world.hewOk(['apply']);
    expect(readFileSync(join(world.repo, 'AGENTS.md'), 'utf8')).toContain(`- ${FACT}`);

    await world.serve([answer('ok')]);
    await world.hewOk(['exec', 'say ok']);
    const shown = projectInstructions(world, 0);
    expect(shown).toContain('## Remembered by hew');
    expect(shown).toContain(FACT);
  });

  it('project scope with an AGENTS.override.md: the override gets the entry, below what it already says', async () => {
    const world = await hewWorld()
      .withRepo({ 'AGENTS.override.md': '# Local rules\n\nUse tabs.\n', 'AGENTS.md': '# Shared\n', 'a.txt': 'a\n' })
      .withScript([remember(FACT, 'project'), answer('remembered')])
      .withTimeout(30_000)
      .build();
    const result = await world.hewOk(['exec', '--json', 'remember it']);
    const copy = started(result.events()).working_copy;
    expect(readFileSync(join(copy, 'AGENTS.override.md'), 'utf8')).toBe(`# Local rules\n\nUse tabs.\n\n## Remembered by hew\n\n- ${FACT}\n`);
    expect(readFileSync(join(copy, 'AGENTS.md'), 'utf8')).toBe('# Shared\n');
    const diff = await world.hewOk(['diff']);
    expect(diff.stdout).toContain('AGENTS.override.md');
    expect(diff.stdout).toContain(`+- ${FACT}`);
  });

  it('user scope: exec cannot ask anyone, so it is denied with a note saying what to do, and the global file is not written', async () => {
    const world = await hewWorld().withScript([remember('I prefer small commits.', 'user'), answer('could not')]).withTimeout(30_000).build();
    const result = await world.hewOk(['exec', '--json', 'remember my preference']);
    const items = completedItems(result.events());
    const approval = items.find((i) => i.type === 'approval');
    expect(approval).toMatchObject({ decision: 'denied', request: { tool: 'remember', reasons: ['outside_copy'], writes_outside: globalFile(world) } });
    const output = world.toolOutputs()[0] ?? '';
    expect(output).toContain('Not remembered');
    expect(output).toContain('`hew exec` runs without a person to ask');
    expect(output).toContain('hew remember --user');
    expect(existsSync(globalFile(world))).toBe(false);
  });

  it('a secret-looking entry is refused, nothing is written, and the secret is not in events.jsonl', async () => {
    const world = await hewWorld().withScript([remember(`the deploy key is ${SECRET}`, 'project'), answer('ok')]).withTimeout(30_000).build();
    const result = await world.hewOk(['exec', '--json', 'remember the key']);
    const events = result.events();
    const change = completedItems(events).find((i) => i.type === 'file_change');
    expect(change?.status).toBe('failed');
    expect(world.toolOutputs()[0]).toContain('looks like it holds a secret');
    const runId = started(events).run_id;
    expect(existsSync(join(started(events).working_copy, 'AGENTS.md'))).toBe(false);
    const log = readFileSync(join(world.runDir(runId), 'events.jsonl'), 'utf8');
    expect(log).not.toContain(SECRET);
    expect(log).toContain('[REDACTED]');
  });

  it('a duplicate of what AGENTS.md already says is refused', async () => {
    const world = await hewWorld()
      .withRepo({ 'AGENTS.md': `# Notes\n\n${FACT}\n`, 'a.txt': 'a\n' })
      .withScript([remember(`  - ${FACT.toUpperCase()}  `, 'project'), answer('ok')])
      .withTimeout(30_000)
      .build();
    const result = await world.hewOk(['exec', '--json', 'remember it']);
    expect(world.toolOutputs()[0]).toBe('Not remembered: AGENTS.md already says this (line 3).');
    const copy = started(result.events()).working_copy;
    expect(readFileSync(join(copy, 'AGENTS.md'), 'utf8')).toBe(`# Notes\n\n${FACT}\n`);
  });

  it('is not offered when project_doc_max_bytes = 0', async () => {
    const world = await hewWorld().withConfig('project_doc_max_bytes = 0\n').withScript([answer('ok')]).withTimeout(30_000).build();
    await world.hewOk(['exec', 'say ok']);
    const tools = (world.requests[0]?.body.tools ?? []) as { name: string }[];
    expect(tools.map((t) => t.name)).not.toContain('remember');
    expect(JSON.stringify(world.requests[0]?.body.instructions)).not.toContain('remember');
  });
});

describe('the remember tool against a hostile copy', () => {
  it('project scope never writes through a link the model made in the copy (AGENTS.md, then AGENTS.override.md, to a file outside)', async () => {
    const world = await hewWorld().withTimeout(60_000).build();
    const outside = join(world.dir, 'outside.md');
    writeFileSync(outside, 'the user\'s file\n');
    await world.serve([
      { outputs: [{ tool: 'shell', args: { command: `ln -s ${outside} AGENTS.md` } }] },
      remember(FACT, 'project'),
      { outputs: [{ tool: 'shell', args: { command: `rm AGENTS.md && ln -s ${outside} AGENTS.override.md` } }] },
      remember(FACT, 'project'),
      answer('tried'),
    ]);
    const result = await world.hewOk(['exec', '--json', 'remember through links']);
    const outputs = world.toolOutputs();
    expect(outputs[1]).toContain('Not remembered: AGENTS.md is a symbolic link');
    expect(readFileSync(outside, 'utf8')).toBe('the user\'s file\n');
    // With the override a link out of the copy, AGENTS.md (made anew in the copy) gets the entry.
    expect(outputs[3]).toContain('Remembered in AGENTS.md');
    const copy = started(result.events()).working_copy;
    expect(lstatSync(join(copy, 'AGENTS.override.md')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(copy, 'AGENTS.md'), 'utf8')).toContain(FACT);
  });
});

describe('hew remember and hew memory', () => {
  it('writes directly, says where, refuses duplicates and secrets (exit 1), and hew memory lists both scopes', async () => {
    const world = await hewWorld().withTimeout(30_000).build();
    const first = await world.hewOk(['remember', 'run', 'the', 'tests', 'with', 'node', 'test/date.test.js']);
    expect(first.stdout).toBe(`remembered in ${join(world.repo, 'AGENTS.md')} under "## Remembered by hew" (1 entry, 66 of 4,096 bytes)\n`);
    expect(readFileSync(join(world.repo, 'AGENTS.md'), 'utf8')).toBe('## Remembered by hew\n\n- run the tests with node test/date.test.js\n');

    const dup = await world.hew(['remember', 'Run the tests with node test/date.test.js.']);
    expect(dup.code).toBe(1);
    expect(dup.stderr).toContain('already has it (line 3');

    const secret = await world.hew(['remember', `the token is ${SECRET}`]);
    expect(secret.code).toBe(1);
    expect(secret.stderr).toContain('looks like it holds a secret');
    expect(secret.stderr).not.toContain(SECRET);
    expect(readFileSync(join(world.repo, 'AGENTS.md'), 'utf8')).not.toContain(SECRET);

    const user = await world.hewOk(['remember', '--user', 'I prefer small commits.']);
    expect(user.stdout).toContain(`remembered in ${globalFile(world)}`);

    const listed = await world.hewOk(['memory']);
    expect(listed.stdout).toBe(
      [
        `project  ${join(world.repo, 'AGENTS.md')}  ## Remembered by hew  (1 entry, 66 of 4,096 bytes)`,
        '  - run the tests with node test/date.test.js',
        `user     ${globalFile(world)}  ## Remembered by hew  (1 entry, 48 of 2,048 bytes)`,
        '  - I prefer small commits.',
        '',
      ].join('\n'),
    );
    const json = JSON.parse((await world.hewOk(['memory', '--json'])).stdout) as { memory: { scope: string; path: string; entries: string[] }[] };
    expect(json.memory.map((m) => [m.scope, m.path, m.entries])).toEqual([
      ['project', join(world.repo, 'AGENTS.md'), ['run the tests with node test/date.test.js']],
      ['user', globalFile(world), ['I prefer small commits.']],
    ]);
  });

  it('--user through a dotfiles link: the link stays a link and its target gets the entry, even when the target does not exist yet', async () => {
    const world = await hewWorld().withRepo(null).withTimeout(30_000).build();
    const dotfiles = join(world.dir, 'dotfiles');
    mkdirSync(dotfiles);
    mkdirSync(join(world.home.config, 'hew'), { recursive: true });
    symlinkSync(join(dotfiles, 'hew-AGENTS.md'), globalFile(world));
    await world.hewOk(['remember', '--user', 'I prefer small commits.']);
    expect(lstatSync(globalFile(world)).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dotfiles, 'hew-AGENTS.md'), 'utf8')).toBe('## Remembered by hew\n\n- I prefer small commits.\n');
    await world.hewOk(['remember', '--user', 'I use tabs.']);
    expect(lstatSync(globalFile(world)).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dotfiles, 'hew-AGENTS.md'), 'utf8')).toContain('- I use tabs.');
  });

  it('refuses the value of a variable hew removes from commands (the redaction rules), without echoing it', async () => {
    const world = await hewWorld().withRepo(null).withTimeout(30_000).build();
    const value = 'plain-words-value-7c1d9e2f';
    const result = await world.hew(['remember', '--user', `the deploy password is ${value}`], { env: { MY_SERVICE_TOKEN: value } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('looks like it holds a secret');
    expect(result.stderr + result.stdout).not.toContain(value);
    expect(existsSync(globalFile(world))).toBe(false);
  });

  it('outside a repository without --user: exit 2 naming the fix', async () => {
    const world = await hewWorld().withRepo(null).withTimeout(30_000).build();
    const result = await world.hew(['remember', 'a fact']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('pass --user');
  });

  it('a global section past the user cap is cut when read, so it cannot crowd the project out', async () => {
    const world = await hewWorld().withScript([answer('ok')]).withTimeout(30_000).build();
    const many = Array.from({ length: 80 }, (_, i) => `- user fact number ${i} with some words to make it longer`).join('\n');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(world.home.config, 'hew'), { recursive: true });
    writeFileSync(globalFile(world), `## Remembered by hew\n\n${many}\n`);
    await world.hewOk(['exec', 'say ok']);
    const shown = projectInstructions(world, 0);
    expect(shown).toContain('user fact number 0 ');
    expect(shown).not.toContain('user fact number 79 ');
    expect(shown).toMatch(/\[hew: \d+ more remembered entries not shown: this section is capped at 2048 bytes\]/);
  });
});
