// End to end: runs do not pile up. `hew discard --all` takes the working copies of every finished run
// of this repository, `hew runs prune --older-than AGE` whole runs older than AGE; both leave a
// running run alone, count the runs whose changes were never applied, and off a terminal refuse
// without --yes (exit 2, nothing removed). `hew runs` fits 80 columns. The user's repository is
// never touched.
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT, treeFingerprint } from '../support/fixtures.ts';
import type { HewHome } from '../support/hew-cli.ts';
import type { ScriptedTurn } from '../support/model-server.ts';
import { TmuxSession } from '../support/tmux.ts';
import { closeWorlds, hewWorld, type World } from '../support/world.ts';

let tmux: TmuxSession | undefined;
afterEach(async () => {
  tmux?.kill();
  tmux = undefined;
  await closeWorlds();
});

const NOTE = (name: string): ScriptedTurn[] => [
  { outputs: [{ tool: 'apply_patch', args: { input: `*** Begin Patch\n*** Add File: ${name}\n+hello\n*** End Patch\n` } }] },
  { outputs: [{ text: `wrote ${name}` }] },
];

function runsDir(home: HewHome): string {
  return join(home.state, 'hew', 'runs');
}

function listed(home: HewHome): string[] {
  return existsSync(runsDir(home)) ? readdirSync(runsDir(home)).sort() : [];
}

function editMeta(home: HewHome, id: string, patch: Record<string, unknown>): void {
  const file = join(runsDir(home), id, 'meta.json');
  writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), ...patch }, null, 2));
}

/** Three finished runs (one applied, two with changes never applied) and one that looks alive (this test's pid). */
async function fourRuns(world: World): Promise<{ applied: string; pending: string; other: string; live: string; env: Record<string, string> }> {
  const { home } = world;
  await world.serve([...NOTE('a.txt'), ...NOTE('b.txt'), ...NOTE('c.txt'), ...NOTE('d.txt')]);
  const env = world.env; // for a process the test starts itself (a terminal)
  const ids: string[] = [];
  for (const name of ['a', 'b', 'c', 'd']) {
    const run = await world.hew(['exec', '--json', `write ${name}.txt`]);
    expect(run.code, run.stderr).toBe(0);
    ids.push((run.events()[0] as { run_id: string }).run_id);
  }
  const [applied, pending, other, live] = ids as [string, string, string, string];
  // Applying writes into the repository, so the test marks the run applied in its meta instead.
  editMeta(home, applied, { applied_at: new Date().toISOString() });
  editMeta(home, live, { status: 'running', ended_at: null, pid: process.pid });
  return { applied, pending, other, live, env };
}

describe('hew discard --all', () => {
  it('off a terminal it refuses without --yes; with it, every finished copy goes, the running run stays', async () => {
    const world = await hewWorld().build();
    const { repo, home } = world;
    const before = treeFingerprint(repo);
    const { applied, pending, other, live } = await fourRuns(world);

    const refused = await world.hew(['discard', '--all']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^hew: hew discard --all deletes .* stdin is not a terminal: add --yes/m);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    for (const id of [applied, pending, other, live]) expect(existsSync(join(runsDir(home), id, 'work', '.git'))).toBe(true);

    const both = await world.hew(['discard', pending, '--all']);
    expect(both.code).toBe(2);

    const done = await world.hew(['discard', '--all', '--yes']);
    expect(done.code, done.stderr).toBe(0);
    expect(done.stdout).toMatch(/discarded the working copies of 3 runs of .* \(2 with changes never applied\); 1 still running, left alone/);
    for (const id of [applied, pending, other]) {
      expect(done.stdout).toContain(id);
      expect(existsSync(join(runsDir(home), id, 'work'))).toBe(false);
      expect(existsSync(join(runsDir(home), id, 'events.jsonl'))).toBe(true);
    }
    expect(existsSync(join(runsDir(home), live, 'work', '.git'))).toBe(true);
    expect(listed(home)).toEqual([applied, pending, other, live].sort());

    const again = await world.hew(['discard', '--all', '--yes']);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/no working copies to discard .*; 1 still running, left alone/);
    expect(treeFingerprint(repo)).toBe(before);
  });
});

describe('hew runs prune', () => {
  it('--dry-run lists, --yes removes whole runs older than the age; running and recent runs stay', async () => {
    const world = await hewWorld().build();
    const { repo, home } = world;
    const before = treeFingerprint(repo);
    const { applied, pending, other, live } = await fourRuns(world);
    const tenDaysAgo = new Date(Date.now() - 10 * 86_400_000).toISOString();
    for (const id of [applied, pending]) editMeta(home, id, { started_at: tenDaysAgo, ended_at: tenDaysAgo });
    // The live run keeps its start time: a pid whose process started after the run is not the run's.

    const bad = await world.hew(['runs', 'prune', '--older-than', '7 days']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--older-than: invalid age "7 days"; expected .* 12h, 7d, 2w/);
    const missing = await world.hew(['runs', 'prune']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--older-than/);

    const dry = await world.hew(['runs', 'prune', '--older-than', '7d', '--dry-run']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(/^would remove 2 runs of .* older than 7d \(1 with changes never applied\); 1 still running, left alone:$/m);
    expect(dry.stdout).toContain(applied);
    expect(dry.stdout).toContain(pending);
    expect(dry.stdout).not.toContain(other);
    expect(listed(home)).toEqual([applied, pending, other, live].sort());

    const refused = await world.hew(['runs', 'prune', '--older-than', '7d']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/hew runs prune deletes .* add --yes/);
    expect(listed(home)).toEqual([applied, pending, other, live].sort());

    const done = await world.hew(['runs', 'prune', '--older-than', '7d', '--yes']);
    expect(done.code, done.stderr).toBe(0);
    expect(done.stdout).toMatch(/^removed 2 runs of .* older than 7d \(1 with changes never applied\); 1 still running, left alone:$/m);
    expect(listed(home)).toEqual([other, live].sort());

    // 0h: any finished run; the running one still stays.
    const all = await world.hew(['runs', 'prune', '--older-than', '0h', '--all', '-y']);
    expect(all.code, all.stderr).toBe(0);
    expect(listed(home)).toEqual([live]);
    expect(treeFingerprint(repo)).toBe(before);
  });

  it('completion and --help know the new subcommand and flags', async () => {
    const world = await hewWorld().withoutOpenAI().build();
    const bash = await world.hew(['completion', 'bash']);
    expect(bash.stdout).toContain('runs) COMPREPLY=($(compgen -W "prune"');
    expect(bash.stdout).toMatch(/"runs prune"\) words="--older-than --dry-run -y --yes --all -C --cd -h --help"/);
    expect(bash.stdout).toMatch(/discard\) words="--all -y --yes/);
    const help = await world.hew(['runs', 'prune', '--help']);
    expect(help.stdout).toContain('--older-than <age>');
    expect(help.stdout).toContain('Examples:\n  hew runs prune --older-than 7d --dry-run');
    const discard = await world.hew(['discard', '--help']);
    expect(discard.stdout).toContain('hew discard --all --yes');
  });
});

describe('hew runs fits 80 columns', () => {
  it('long task texts, a long model name and costs: every line ≤ 80 in a pipe and with COLUMNS=80', async () => {
    const world = await hewWorld().build();
    const model = 'a-very-long-model-name-from-a-custom-provider-2026-01-01-preview';
    await world.serve([{ outputs: [{ text: 'ok' }] }, { outputs: [{ text: 'ok' }] }, { outputs: [{ text: 'ok' }] }]);
    const prices = ['-m', model, '-c', `providers.openai.prices.${model}=[1.0,0.1,2.0]`];
    const long = `rewrite the date parser so that it ${'accepts every format listed in the spec and '.repeat(4)}rejects the rest`;
    for (const prompt of [long, 'short one', `${long} again`]) {
      const run = await world.hew(['exec', ...prices, prompt]);
      expect(run.code, run.stderr).toBe(0);
    }
    for (const extra of [{}, { COLUMNS: '80' }]) {
      for (const args of [['runs'], ['runs', '--all']]) {
        const table = await world.hew(args, { env: extra });
        expect(table.code).toBe(0);
        const lines = table.stdout.trimEnd().split('\n');
        expect(lines).toHaveLength(4);
        expect(lines[0]).toMatch(/^ID\s+STATUS\s+STARTED\s+FILES\s+COST\s+(REPO\s+)?TITLE$/);
        for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(80);
        expect(table.stdout).toContain('rewrite the');
        expect(table.stdout).toMatch(/…$/m);
        expect(table.stdout).toMatch(/\$0\.\d+/);
      }
    }
    const wide = await world.hew(['runs'], { env: { COLUMNS: '300' } });
    // A wider terminal shows more of the title (as recorded: its first 72 characters).
    expect(wide.stdout).toContain(long.slice(0, 71));
  });
});

describe('a run resumed while the question is open', () => {
  // The question can stay open for minutes; a run resumed meanwhile (`hew resume` marks it running
  // with its pid) must not lose its copy or its transcript when the answer comes.
  for (const argv of [['discard', '--all'], ['runs', 'prune', '--older-than', '0h']]) {
    it(`hew ${argv.join(' ')} on a terminal leaves it alone`, async () => {
      const world = await hewWorld().build();
      const { repo, home } = world;
      const { applied, pending, other, live, env } = await fourRuns(world);
      tmux = TmuxSession.start({ cwd: repo, argv: [process.execPath, join(ROOT, 'bin/hew'), ...argv], env: { ...env, PATH: process.env.PATH, TERM: 'xterm-256color', LANG: 'C.UTF-8' }, width: 200 });
      await tmux.waitFor('[y/N]');
      editMeta(home, pending, { status: 'running', ended_at: null, pid: process.pid, started_at: new Date().toISOString() });
      tmux.type('y');
      tmux.keys('Enter');
      await tmux.waitFor('[exit 0]');
      expect(existsSync(join(runsDir(home), pending, 'work', '.git'))).toBe(true);
      expect(existsSync(join(runsDir(home), pending, 'events.jsonl'))).toBe(true);
      expect(existsSync(join(runsDir(home), live, 'work', '.git'))).toBe(true);
      for (const id of [applied, other]) expect(existsSync(join(runsDir(home), id, 'work'))).toBe(false);
      expect(tmux.history()).toMatch(/2 still running, left alone/);
    });
  }
});
