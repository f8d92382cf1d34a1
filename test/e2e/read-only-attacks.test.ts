// End to end: under `-s danger-full-access -a untrusted`, a command runs without a question only
// when it is read-only. Each command below was classed read-only and, run on the host, would leave
// a marker file outside the working copy. `hew exec` denies what needs approval, so every attack
// must end as a declined approval, no marker may appear, and an ordinary read still runs.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Item } from '../../src/agent/events.ts';
import { fixtureRepo, git, tempDir, treeFingerprint } from '../support/fixtures.ts';
import { hewHome, runHew } from '../support/hew-cli.ts';
import { startModelServer } from '../support/model-server.ts';
import type { ModelServer, ScriptedTurn } from '../support/model-server.ts';

let server: ModelServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

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
    const repo = fixtureRepo('date-parser');
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
    server = await startModelServer(script);
    const home = hewHome();
    const result = await runHew(['exec', '--json', '-s', 'danger-full-access', '-a', 'untrusted', 'look around'], {
      cwd: repo,
      env: { ...home.env, OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: server.url },
      timeoutMs: 50_000,
    });
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
