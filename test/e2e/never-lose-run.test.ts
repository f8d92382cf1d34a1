// End to end through the built CLI on real repositories: a run is never lost and a branch name
// never lands wrong. `exec --apply --ephemeral` keeps a run whose apply conflicted or that did not
// succeed (and says how to reach it, truthfully); it removes one that applied cleanly. `apply --branch`
// and `batch --branch-prefix` refuse names git refuses or that clash with an existing ref — exit 2,
// one line, and the user's refs, status and `.git` exactly as they were.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { git, treeFingerprint } from '../support/fixtures.ts';
import type { HewHome } from '../support/hew-cli.ts';
import { dateFixScript } from '../support/scripts.ts';
import { closeWorlds, hewWorld } from '../support/world.ts';

afterEach(closeWorlds);

const SAME_LINE = ['if (day < 1 || day > 31) return null;', 'if (day < 1 || day > 30) return null; // the user was here'] as const;

function runIds(home: HewHome): string[] {
  const dir = join(home.state, 'hew', 'runs');
  return existsSync(dir) ? readdirSync(dir) : [];
}

/** The user's refs, status and whole `.git`, to compare before and after. */
function repoState(repo: string): string[] {
  return [git(repo, 'for-each-ref'), git(repo, 'status', '--porcelain=v2', '--branch', '--untracked-files=all'), treeFingerprint(join(repo, '.git'))];
}

describe('exec --apply --ephemeral never loses a run', () => {
  it('keeps a run whose apply conflicts, and the advice it prints works', async () => {
    const world = await hewWorld().withTimeout(90_000).build();
    const { repo, home } = world;
    const file = join(repo, 'src/date.js');
    // The user edits the line the agent fixes while the run is under way (before its last turn).
    const turns = dateFixScript();
    await world.serve((_req, index) => {
      if (index === turns.length - 1) writeFileSync(file, readFileSync(file, 'utf8').replace(SAME_LINE[0], SAME_LINE[1]));
      return turns[index] ?? { outputs: [{ text: 'done' }] };
    });
    const result = await world.hew(['exec', '--apply', '--ephemeral', 'fix the date parser']);
    expect(result.code).toBe(5);
    expect(result.stderr).toMatch(/cannot apply run \S+: 1 conflict with your tree; nothing was written/);
    const ids = runIds(home);
    expect(ids).toHaveLength(1);
    const id = ids[0] as string;
    expect(result.stderr).toContain(`hew diff ${id}`);
    expect(result.stderr).toContain(`hew: --ephemeral: run ${id} was kept because its changes were not applied`);

    const diff = await world.hew(['diff', id]);
    expect(diff.code).toBe(0);
    expect(diff.stdout).toContain('daysInMonth');
    // Once the user puts their line back, the kept run applies.
    writeFileSync(file, readFileSync(file, 'utf8').replace(SAME_LINE[1], SAME_LINE[0]));
    const apply = await world.hew(['apply', id]);
    expect(apply.code).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('daysInMonth');
  });

  it('keeps a run that did not succeed, so nothing was applied', async () => {
    const world = await hewWorld().withTimeout(90_000).build();
    const { repo, home } = world;
    const before = repoState(repo);
    await world.serve(dateFixScript());
    const result = await world.hew(['exec', '--apply', '--ephemeral', '--max-turns', '2', 'fix the date parser']);
    expect(result.code).toBe(4);
    expect(result.stderr).toContain('hew: --apply: nothing applied, the run did not succeed');
    const [id] = runIds(home);
    expect(id).toBeDefined();
    expect(result.stderr).toContain(`run ${id} was kept because its changes were not applied; review with \`hew diff ${id}\``);
    expect((await world.hew(['diff', id as string])).stdout).toContain('daysInMonth');
    expect(repoState(repo)).toEqual(before);
  });

  it('removes a run that applied cleanly', async () => {
    const world = await hewWorld().withTimeout(90_000).build();
    const { repo, home } = world;
    await world.serve(dateFixScript());
    const result = await world.hew(['exec', '--apply', '--ephemeral', 'fix the date parser']);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/hew: applied 1 file from run/);
    expect(result.stderr).not.toContain('was kept');
    expect(runIds(home)).toEqual([]);
    expect(readFileSync(join(repo, 'src/date.js'), 'utf8')).toContain('daysInMonth');
  });
});

describe('apply --branch and batch --branch-prefix refuse bad and clashing names', () => {
  it('refuses each name with exit 2 and one line, writing nothing; a good name still works', async () => {
    const world = await hewWorld().withTimeout(90_000).build();
    const { repo } = world;
    await world.serve(dateFixScript());
    const made = await world.hew(['exec', 'fix the date parser']);
    expect(made.code).toBe(0);
    await world.closeServer();
    git(repo, 'tag', 'v1');
    git(repo, 'branch', 'taken');
    git(repo, 'update-ref', 'refs/remotes/origin/main', 'HEAD');
    git(repo, 'symbolic-ref', 'refs/remotes/origin/HEAD', 'refs/remotes/origin/main');
    writeFileSync(join(repo, 'untracked.txt'), 'the user is working\n');
    const before = repoState(repo);

    const refused: [string, RegExp][] = [
      ['HEAD', /"HEAD" is not a valid branch name/],
      ['-x', /"-x" is not a valid branch name: it starts with "-"/],
      ['refs/heads/x', /would make the ref refs\/heads\/refs\/heads\/x; give the name without "refs\/heads\/": x/],
      ['origin/HEAD', /"origin\/HEAD" is not a valid branch name/],
      ['FETCH_HEAD', /"FETCH_HEAD" is not a valid branch name/],
      ['a..b', /git check-ref-format --branch refuses it/],
      ['v1', /clashes with the existing tag v1/],
      ['origin/main', /clashes with the existing remote-tracking ref origin\/main/],
      ['origin', /clashes with the existing remote-tracking ref origin\/HEAD/],
      ['taken', /branch taken already exists/],
      ['taken/sub', /clashes with the existing branch taken/],
    ];
    for (const [name, why] of refused) {
      const result = await world.hew(['apply', `--branch=${name}`]);
      expect(result.code, name).toBe(2);
      expect(result.stdout, name).toBe('');
      expect(result.stderr, name).toMatch(why);
      expect(result.stderr.trimEnd().split('\n'), name).toHaveLength(1);
      expect(repoState(repo), name).toEqual(before);
    }

    const good = await world.hew(['apply', '--branch', 'hew/fix']);
    expect(good.code).toBe(0);
    expect(git(repo, 'for-each-ref', '--format=%(refname)')).toContain('refs/heads/hew/fix\n');
  });

  it('batch --branch-prefix refuses a prefix that makes bad names before anything runs', async () => {
    const world = await hewWorld().withTimeout(90_000).build();
    const { repo, home } = world;
    mkdirSync(join(repo, 'tasks'));
    writeFileSync(join(repo, 'tasks/job1.md'), 'Say done.\n');
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'tasks');
    git(repo, 'tag', 'hew/job1');
    await world.serve(() => ({ outputs: [{ text: 'done' }] }));
    const before = repoState(repo);

    for (const [prefix, why] of [
      ['refs/heads/', /--branch-prefix: "refs\/heads\/job1" is not a valid branch name: it would make the ref refs\/heads\/refs\/heads\/job1; choose another prefix/],
      ['hew/', /--branch-prefix: branch name "hew\/job1" clashes with the existing tag hew\/job1 .*; choose another prefix/],
    ] as const) {
      const result = await world.hew(['batch', '--apply', '--branch-prefix', prefix, 'tasks/job1.md']);
      expect(result.code, prefix).toBe(2);
      expect(result.stderr, prefix).toMatch(why);
      expect(result.stderr, prefix).toMatch(/nothing was run/);
      expect(repoState(repo), prefix).toEqual(before);
    }
    expect(world.requests).toHaveLength(0);
    expect(runIds(home)).toEqual([]);
  });
});
