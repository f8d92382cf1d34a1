// End to end, through the built CLI with real bwrap and real git: a model that writes the working
// copy's `.git` (through apply_patch, through sandboxed commands, or on the host under
// danger-full-access) or names a driver of the user's global config in `.gitattributes` never gets
// a program run on the host — not by the run's checkpoints, nor by `hew diff`, `hew apply`,
// `hew apply --branch` or `hew rewind` afterwards. Every program the attacks name is `pwn.sh`, which
// records its call in a marker file outside the copy: the marker must never appear.
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { chownTree, NOBODY, userBase, type As } from '../support/as-user.ts';
import { treeFingerprint } from '../support/fixtures.ts';
import type { Script, ScriptedTurn } from '../support/model-server.ts';
import { toolOutput } from '../support/requests.ts';
import { answer, patch, shell } from '../support/scripts.ts';
import { closeWorlds, hewWorld, type World as HewWorld } from '../support/world.ts';

const base = userBase('hew-e2e-git-');
afterEach(closeWorlds);

interface World extends HewWorld {
  outside: string;
  /** A directory the model points `core.worktree` at. */
  other: string;
  marker: string;
  pwn: string;
}

async function makeWorld(as: As, globalConfig = ''): Promise<World> {
  const world = await hewWorld().asUser(as, base).build();
  const { dir } = world;
  const home = world.home.dir;
  const outside = join(dir, 'outside');
  const other = join(dir, 'other');
  for (const d of [join(outside, 'hooks'), other]) mkdirSync(d, { recursive: true });
  const marker = join(outside, 'MARKER');
  const pwn = join(outside, 'pwn.sh');
  writeFileSync(pwn, `#!/bin/sh\necho "$*" >> ${marker}\ncat\n`, { mode: 0o755 });
  for (const hook of ['reference-transaction', 'post-checkout', 'pre-commit', 'post-commit', 'post-index-change', 'pre-auto-gc']) {
    writeFileSync(join(outside, 'hooks', hook), `#!/bin/sh\necho "hook ${hook}" >> ${marker}\n`, { mode: 0o755 });
  }
  writeFileSync(join(other, 'keep.txt'), 'keep\n');
  if (globalConfig) writeFileSync(join(home, '.gitconfig'), globalConfig);
  chmodSync(outside, 0o777);
  if (as === 'nobody') chownTree(dir, NOBODY);
  return Object.assign(world, { outside, other, marker, pwn });
}

function marks(world: World): string {
  return existsSync(world.marker) ? readFileSync(world.marker, 'utf8') : '';
}

async function exec(world: World, flags: string[], turns: Script): Promise<string> {
  await world.serve(turns);
  const result = await world.hew(['exec', '--json', ...flags, 'attack the copy']);
  expect(result.stderr).not.toMatch(/refusing to run git/);
  expect(result.code).toBe(0);
  const events = result.events();
  expect(events.at(-1)?.type).toBe('thread.completed');
  const started = events[0];
  if (started?.type !== 'thread.started') throw new Error('no thread.started');
  return started.run_id;
}

/** A patch turn from the body of a patch (between `*** Begin Patch` and `*** End Patch`). */
const patchOf = (body: string): ScriptedTurn => patch(`*** Begin Patch\n${body}\n*** End Patch`);

describe.each(['root', 'nobody'] as const)('the copy’s .git, as %s', (as) => {
  it.each([
    ['-s read-only -a never', ['-s', 'read-only', '-a', 'never']],
    ['default flags', []],
  ])('apply_patch cannot write .git (%s): the patches are refused and no filter runs', async (_name, flags) => {
    const world = await makeWorld(as);
    const runId = await exec(world, flags, [
      patchOf('*** Add File: .git/info/attributes\n+* filter=pwn'),
      patchOf(`*** Update File: .git/config\n@@\n [maintenance]\n \tauto = false\n+[filter "pwn"]\n+\tclean = ${world.pwn} clean\n+\tsmudge = ${world.pwn} smudge`),
      patchOf('*** Add File: notes.txt\n+hello'),
      answer('done'),
    ]);
    expect(toolOutput(world.requests[1])).toMatch(/git directory \(\.git\)/);
    expect(toolOutput(world.requests[2])).toMatch(/git directory \(\.git\)/);
    expect(toolOutput(world.requests[3])).not.toMatch(/failed/);
    expect(marks(world)).toBe('');
    await world.hewOk(['diff', runId]);
    await world.hewOk(['apply', runId]);
    expect(readFileSync(join(world.repo, 'notes.txt'), 'utf8')).toBe('hello\n');
    expect(marks(world)).toBe('');
  });

  it('a sandboxed command cannot change, remove or rename .git; nothing runs on the host afterwards', async () => {
    const world = await makeWorld(as);
    const attack = [
      `git config filter.x.clean "${world.pwn} clean" && echo WROTE:config`,
      `mkdir -p .git/hooks; cp ${world.outside}/hooks/reference-transaction .git/hooks/ && echo WROTE:hook`,
      "echo '* filter=x' > .gitattributes && echo data > data.txt",
      'rm -rf .git 2>/dev/null; test -f .git/HEAD && echo KEPT:git',
      'mv .git .git-old 2>/dev/null && echo WROTE:rename',
      'echo done-probing',
    ].join('\n');
    const runId = await exec(world, [], [shell(attack), answer('done')]);
    const probed = toolOutput(world.requests[1]);
    expect(probed).toContain('done-probing');
    expect(probed).toContain('KEPT:git');
    expect(probed).not.toContain('WROTE:');
    expect(marks(world)).toBe('');
    await world.hewOk(['diff', runId]);
    await world.hewOk(['apply', '--branch', 'hew/attack', runId]);
    await world.hewOk(['apply', runId]);
    expect(readFileSync(join(world.repo, 'data.txt'), 'utf8')).toBe('data\n');
    expect(marks(world)).toBe('');
  });
});

describe('drivers the copy could name', () => {
  it('a .gitattributes naming a filter of the user’s global config does not run it in the copy, nor in diff or apply', async () => {
    const world = await makeWorld('root', '');
    const global = `[filter "glob"]\n\tclean = ${world.pwn} glob-clean\n\tsmudge = ${world.pwn} glob-smudge\n\trequired = true\n[diff "glob"]\n\ttextconv = ${world.pwn} glob-textconv\n`;
    writeFileSync(join(world.home.dir, '.gitconfig'), global);
    const runId = await exec(world, [], [
      patchOf('*** Add File: .gitattributes\n+* filter=glob diff=glob'),
      patchOf('*** Add File: notes.txt\n+hello'),
      answer('done'),
    ]);
    expect(marks(world)).toBe('');
    await world.hewOk(['diff', runId]);
    await world.hewOk(['diff', '--stat', runId]);
    await world.hewOk(['apply', runId]);
    expect(readFileSync(join(world.repo, 'notes.txt'), 'utf8')).toBe('hello\n');
    expect(marks(world)).toBe('');
  });

  it('under danger-full-access, .git/config written by commands runs nothing of hew’s own git, and never touches core.worktree', async () => {
    const world = await makeWorld('root');
    const otherBefore = treeFingerprint(world.other);
    const cfg = (k: string, v: string): string => `git config ${k} "${v}"`;
    let marksAtSecondTurn = 'not reached';
    const turns = [
      shell(
        [
          cfg('core.fsmonitor', `${world.pwn} fsmonitor`),
          cfg('core.hooksPath', join(world.outside, 'hooks')),
          `mkdir -p .git/hooks && cp ${world.outside}/hooks/* .git/hooks/`,
          'git status --short >/dev/null; echo status-done',
        ].join('\n'),
      ),
      shell(
        [
          cfg('filter.x.clean', `${world.pwn} filter-clean`),
          cfg('filter.x.smudge', `${world.pwn} filter-smudge`),
          cfg('filter.x.process', `${world.pwn} filter-process`),
          cfg('diff.external', `${world.pwn} external`),
          cfg('diff.x.textconv', `${world.pwn} textconv`),
          cfg('core.pager', `${world.pwn} pager`),
          cfg('commit.gpgSign', 'true'),
          cfg('gpg.program', `${world.pwn} gpg`),
          "echo '* filter=x diff=x' > .gitattributes && echo data > data.txt && echo more >> README.md",
          cfg('core.worktree', world.other),
          'echo written',
        ].join('\n'),
      ),
      answer('done'),
    ];
    const runId = await exec(world, ['-s', 'danger-full-access', '-a', 'never'], (_req, i) => {
      if (i === 1) marksAtSecondTurn = marks(world);
      return turns[i] ?? answer('done');
    });
    expect(toolOutput(world.requests[1])).toContain('status-done');
    expect(toolOutput(world.requests[2])).toContain('written');
    expect(marksAtSecondTurn).toBe('');
    expect(marks(world)).toBe('');
    await world.hewOk(['diff', runId]);
    await world.hewOk(['apply', '--branch', 'hew/danger', runId]);
    await world.hewOk(['apply', runId]);
    expect(readFileSync(join(world.repo, 'data.txt'), 'utf8')).toBe('data\n');
    await world.hewOk(['rewind', runId, '0']);
    expect(marks(world)).toBe('');
    expect(treeFingerprint(world.other)).toBe(otherBefore);
  });
});
