// End to end: under `-s danger-full-access -a untrusted`, a command runs without a question only
// when it is read-only. Each command below was classed read-only and, run on the host, would leave
// a marker file outside the working copy. `hew exec` denies what needs approval, so every attack
// must end as a declined approval, no marker may appear, and an ordinary read still runs. Then git
// commands that are read-only by their words, run inside a bare-repository look-alike the model
// wrote, must not run the diff drivers its config names.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Item } from '../../src/protocol/events.ts';
import { git, tempDir, treeFingerprint } from '../support/fixtures.ts';
import type { RecordedRequest, ScriptedTurn } from '../support/model-server.ts';
import { toolOutput } from '../support/requests.ts';
import { closeWorlds, hewWorld } from '../support/world.ts';

afterEach(closeWorlds);

/** The attacks, each writing one marker in `markers` if it runs. */
function attacks(markers: string): string[] {
  return [
    // The spill file goes through the "compressor" sh, which runs data.txt's lines.
    'sort -S 1K --compress-prog=sh data.txt',
    `git grep --open="touch ${markers}/git-grep-open;" parseDate`,
    `sort --outp=${markers}/sort-outp README.md`,
    `cd ${markers} && file -C -m /dev/null`,
    `echo x | uniq - ${markers}/uniq-stdin-out`,
    `uniq README.md ${markers}/uniq-out`,
    `find . -fprint ${markers}/find-fprint`,
    // g/ holds a file named `--compress-program=sh`: the glob turns it into that option.
    'cd g && sort -S 1K *',
    // Brace expansion makes the second operand uniq's output.
    `uniq {README.md,${markers}/uniq-brace-out}`,
  ];
}

const ORDINARY_READ = 'sed -n 1,3p README.md && git status --short && ls src';

describe('read-only commands that write or execute', () => {
  it('asks for every shown attack, runs none of them, and still runs an ordinary read', { timeout: 60_000 }, async () => {
    const markers = tempDir('hew-markers-');
    const world = await hewWorld().build();
    const { repo } = world;
    const lines = Array.from({ length: 100 }, (_, i) => `touch ${markers}/sort-compress-prog #${i}`);
    writeFileSync(join(repo, 'data.txt'), `${lines.join('\n')}\n`);
    const glob = lines.map((l) => l.replace('sort-compress-prog', 'sort-glob-option'));
    mkdirSync(join(repo, 'g'));
    writeFileSync(join(repo, 'g', 'data.txt'), `${glob.join('\n')}\n`);
    writeFileSync(join(repo, 'g', '--compress-program=sh'), '');
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'data');
    const before = treeFingerprint(repo);

    const commands = attacks(markers);
    const script: ScriptedTurn[] = [
      ...[...commands, ORDINARY_READ].map((command) => ({ outputs: [{ tool: 'shell', args: { command } }] })),
      { outputs: [{ text: 'done' }] },
    ];
    await world.serve(script);
    const result = await world.hew(['exec', '--json', '-s', 'danger-full-access', '-a', 'untrusted', 'look around'], { timeoutMs: 50_000 });
    expect(result.code, result.stderr).toBe(0);
    expect(readdirSync(markers).sort()).toEqual([]);
    expect(treeFingerprint(repo)).toBe(before);

    const items = result.events().flatMap((e) => (e.type === 'item.completed' ? [e.item] : []));
    const runs = items.filter((i): i is Extract<Item, { type: 'command_execution' }> => i.type === 'command_execution');
    expect(runs.map((r) => [r.command, r.status])).toEqual([
      ...commands.map((c) => [c, 'declined']),
      [ORDINARY_READ, 'completed'],
    ]);
    const approvals = items.filter((i) => i.type === 'approval');
    const denied = (command: string) =>
      expect.objectContaining({ decision: 'denied', request: expect.objectContaining({ command, reasons: ['untrusted'] }) });
    expect(approvals).toEqual(commands.map(denied));
    const read = runs.at(-1);
    expect(read?.aggregated_output).toContain('date.js');
  });
});

/** The output the model got for its last tool call, as sent in `req`. */

/**
 * A directory of the copy that looks like a bare repository — HEAD, config, refs, and objects
 * borrowed from the copy's own through a relative alternates path — with a config naming an
 * external diff and a textconv driver, each appending a line (where it ran, git's arguments) to a
 * marker. No path has a `.git` component, so apply_patch writes it without asking; a read-only
 * `git log -p` run inside it would find it by discovery and use its config.
 */
function bareLookAlike(markers: string, commit: string): string {
  const add = (path: string, lines: string[]) => [`*** Add File: ${path}`, ...lines.map((l) => `+${l}`)];
  return [
    '*** Begin Patch',
    ...add('evil/HEAD', ['ref: refs/heads/main']),
    ...add('evil/config', [
      '[core]',
      '\trepositoryformatversion = 0',
      '\tbare = true',
      '[diff]',
      `\texternal = echo diff.external $PWD >> ${markers}/bare-driver-ran`,
      '[diff "x"]',
      `\ttextconv = echo textconv $PWD >> ${markers}/bare-driver-ran`,
    ]),
    ...add('evil/info/attributes', ['* diff=x']),
    ...add('evil/objects/info/alternates', ['../../.git/objects']),
    ...add('evil/refs/heads/main', [commit]),
    '*** End Patch',
  ].join('\n');
}

describe('a bare-repository look-alike written by apply_patch', () => {
  it('read-only git commands run inside it never run its diff drivers', { timeout: 60_000 }, async () => {
    const markers = tempDir('hew-markers-');
    const world = await hewWorld().build();
    const { repo } = world;
    writeFileSync(join(repo, 'README.md'), 'changed\n');
    git(repo, 'commit', '-q', '-am', 'second');
    const before = treeFingerprint(repo);

    // `cd` is on the read-only list, and so is `git log -p`/`git diff`: none of these asks.
    const inside = ['cd evil && git log -p -1', 'cd evil && git diff HEAD~1 HEAD'];
    const script = (req: RecordedRequest, i: number): ScriptedTurn => {
      // The commit that changed README.md (the user's HEAD, which is the copy's HEAD too).
      if (i === 0) return { outputs: [{ tool: 'shell', args: { command: 'git log --format=%H -1 -- README.md' } }] };
      if (i === 1) {
        const commit = /\b[0-9a-f]{40}\b/.exec(toolOutput(req))?.[0] ?? 'no-commit-in-git-log-output';
        return { outputs: [{ tool: 'apply_patch', args: { input: bareLookAlike(markers, commit) } }] };
      }
      const command = inside[i - 2];
      if (command !== undefined) return { outputs: [{ tool: 'shell', args: { command } }] };
      // The shell tool's workdir is another way to run git in the look-alike.
      if (i === 2 + inside.length) return { outputs: [{ tool: 'shell', args: { command: 'git log -p -1', workdir: 'evil' } }] };
      return { outputs: [{ text: 'done' }] };
    };
    await world.serve(script);
    const result = await world.hew(['exec', '--json', '-s', 'danger-full-access', '-a', 'untrusted', 'look around'], { timeoutMs: 50_000 });
    expect(result.code, result.stderr).toBe(0);

    const items = result.events().flatMap((e) => (e.type === 'item.completed' ? [e.item] : []));
    expect(items.filter((i) => i.type === 'approval')).toEqual([]);
    const patch = items.find((i) => i.type === 'file_change');
    expect(patch?.status).toBe('completed');
    const runs = items.filter((i): i is Extract<Item, { type: 'command_execution' }> => i.type === 'command_execution');
    // git log refuses the look-alike; git diff, which may run outside a repository, takes it for a
    // plain directory (no config of its own) and finds no file `HEAD~1`.
    const refused = expect.stringContaining('cannot use bare repository');
    const outputs = runs.slice(1).map((r) => [r.command, r.aggregated_output]);
    // A failure shows each driver run: its kind, directory and arguments.
    const ran = readdirSync(markers).map((f) => `${f}: ${readFileSync(join(markers, f), 'utf8')}`);
    expect({ ran, outputs }).toEqual({
      ran: [],
      outputs: [
        [inside[0], refused],
        [inside[1], expect.stringContaining("Could not access 'HEAD~1'")],
        ['git log -p -1', refused],
      ],
    });
    expect(treeFingerprint(repo)).toBe(before);
  });
});
