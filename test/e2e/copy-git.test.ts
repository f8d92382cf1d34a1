// End to end, through the built CLI with real bwrap and real git: a model that writes the working
// copy's `.git` (through apply_patch, through sandboxed commands, or on the host under
// danger-full-access) or names a driver of the user's global config in `.gitattributes` never gets
// a program run on the host — not by the run's checkpoints, nor by `hew diff`, `hew apply`,
// `hew apply --branch` or `hew rewind` afterwards. Every program the attacks name is `pwn.sh`, which
// records its call in a marker file outside the copy: the marker must never appear.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { StampedEvent } from '../../src/protocol/events.ts';
import { chownTree, NOBODY, runCliAs, userWorld, type As, type UserWorld } from '../support/as-user.ts';
import { treeFingerprint } from '../support/fixtures.ts';
import { startModelServer, type ModelServer, type RecordedRequest, type ScriptedTurn } from '../support/model-server.ts';

/** Outside /tmp (which the sandbox replaces), readable by nobody. */
const base = mkdtempSync('/opt/hew-e2e-git-');
chmodSync(base, 0o755);
afterAll(() => rmSync(base, { recursive: true, force: true }));

let server: ModelServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

interface World extends UserWorld {
  outside: string;
  /** A directory the model points `core.worktree` at. */
  other: string;
  marker: string;
  pwn: string;
}

let worlds = 0;
function makeWorld(as: As, globalConfig = ''): World {
  const world = userWorld(as, base, String(++worlds));
  const { dir, home } = world;
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
  return { ...world, outside, other, marker, pwn };
}

function marks(world: World): string {
  return existsSync(world.marker) ? readFileSync(world.marker, 'utf8') : '';
}

function outputOf(req: RecordedRequest | undefined): string {
  const input = (req?.body.input ?? []) as { type: string; output?: string }[];
  return input.filter((i) => i.type === 'function_call_output').at(-1)?.output ?? '';
}

async function exec(as: As, world: World, flags: string[], turns: ScriptedTurn[] | ((req: RecordedRequest, i: number) => ScriptedTurn)): Promise<string> {
  server = await startModelServer(turns);
  world.env.OPENAI_BASE_URL = server.url;
  const result = await runCliAs(as, base, ['exec', '--json', ...flags, 'attack the copy'], world.repo, world.env);
  expect(result.stderr).not.toMatch(/refusing to run git/);
  expect(result.code).toBe(0);
  const events = result.stdout.trim().split('\n').map((l) => JSON.parse(l) as StampedEvent);
  expect(events.at(-1)?.type).toBe('thread.completed');
  const started = events[0];
  if (started?.type !== 'thread.started') throw new Error('no thread.started');
  return started.run_id;
}

async function hew(as: As, world: World, args: string[]): Promise<string> {
  const result = await runCliAs(as, base, args, world.repo, world.env);
  expect(result.code, `hew ${args.join(' ')}: ${result.stderr}`).toBe(0);
  return result.stdout;
}

const patch = (body: string): ScriptedTurn => ({ outputs: [{ tool: 'apply_patch', args: { input: `*** Begin Patch\n${body}\n*** End Patch` } }] });
const shell = (command: string): ScriptedTurn => ({ outputs: [{ tool: 'shell', args: { command } }] });
const answer = (text: string): ScriptedTurn => ({ outputs: [{ text }] });

describe.each(['root', 'nobody'] as const)('the copy’s .git, as %s', (as) => {
  it.each([
    ['-s read-only -a never', ['-s', 'read-only', '-a', 'never']],
    ['default flags', []],
  ])('apply_patch cannot write .git (%s): the patches are refused and no filter runs', async (_name, flags) => {
    const world = makeWorld(as);
    const runId = await exec(as, world, flags, [
      patch('*** Add File: .git/info/attributes\n+* filter=pwn'),
      patch(`*** Update File: .git/config\n@@\n [maintenance]\n \tauto = false\n+[filter "pwn"]\n+\tclean = ${world.pwn} clean\n+\tsmudge = ${world.pwn} smudge`),
      patch('*** Add File: notes.txt\n+hello'),
      answer('done'),
    ]);
    expect(outputOf(server?.requests[1])).toMatch(/git directory \(\.git\)/);
    expect(outputOf(server?.requests[2])).toMatch(/git directory \(\.git\)/);
    expect(outputOf(server?.requests[3])).not.toMatch(/failed/);
    expect(marks(world)).toBe('');
    await hew(as, world, ['diff', runId]);
    await hew(as, world, ['apply', runId]);
    expect(readFileSync(join(world.repo, 'notes.txt'), 'utf8')).toBe('hello\n');
    expect(marks(world)).toBe('');
  });

  it('a sandboxed command cannot change, remove or rename .git; nothing runs on the host afterwards', async () => {
    const world = makeWorld(as);
    const attack = [
      `git config filter.x.clean "${world.pwn} clean" && echo WROTE:config`,
      `mkdir -p .git/hooks; cp ${world.outside}/hooks/reference-transaction .git/hooks/ && echo WROTE:hook`,
      "echo '* filter=x' > .gitattributes && echo data > data.txt",
      'rm -rf .git 2>/dev/null; test -f .git/HEAD && echo KEPT:git',
      'mv .git .git-old 2>/dev/null && echo WROTE:rename',
      'echo done-probing',
    ].join('\n');
    const runId = await exec(as, world, [], [shell(attack), answer('done')]);
    const probed = outputOf(server?.requests[1]);
    expect(probed).toContain('done-probing');
    expect(probed).toContain('KEPT:git');
    expect(probed).not.toContain('WROTE:');
    expect(marks(world)).toBe('');
    await hew(as, world, ['diff', runId]);
    await hew(as, world, ['apply', '--branch', 'hew/attack', runId]);
    await hew(as, world, ['apply', runId]);
    expect(readFileSync(join(world.repo, 'data.txt'), 'utf8')).toBe('data\n');
    expect(marks(world)).toBe('');
  });
});

describe('drivers the copy could name', () => {
  it('a .gitattributes naming a filter of the user’s global config does not run it in the copy, nor in diff or apply', async () => {
    const world = makeWorld('root', '');
    const global = `[filter "glob"]\n\tclean = ${world.pwn} glob-clean\n\tsmudge = ${world.pwn} glob-smudge\n\trequired = true\n[diff "glob"]\n\ttextconv = ${world.pwn} glob-textconv\n`;
    writeFileSync(join(world.home, '.gitconfig'), global);
    const runId = await exec('root', world, [], [
      patch('*** Add File: .gitattributes\n+* filter=glob diff=glob'),
      patch('*** Add File: notes.txt\n+hello'),
      answer('done'),
    ]);
    expect(marks(world)).toBe('');
    await hew('root', world, ['diff', runId]);
    await hew('root', world, ['diff', '--stat', runId]);
    await hew('root', world, ['apply', runId]);
    expect(readFileSync(join(world.repo, 'notes.txt'), 'utf8')).toBe('hello\n');
    expect(marks(world)).toBe('');
  });

  it('under danger-full-access, .git/config written by commands runs nothing of hew’s own git, and never touches core.worktree', async () => {
    const world = makeWorld('root');
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
    const runId = await exec('root', world, ['-s', 'danger-full-access', '-a', 'never'], (_req, i) => {
      if (i === 1) marksAtSecondTurn = marks(world);
      return turns[i] ?? answer('done');
    });
    expect(outputOf(server?.requests[1])).toContain('status-done');
    expect(outputOf(server?.requests[2])).toContain('written');
    expect(marksAtSecondTurn).toBe('');
    expect(marks(world)).toBe('');
    await hew('root', world, ['diff', runId]);
    await hew('root', world, ['apply', '--branch', 'hew/danger', runId]);
    await hew('root', world, ['apply', runId]);
    expect(readFileSync(join(world.repo, 'data.txt'), 'utf8')).toBe('data\n');
    await hew('root', world, ['rewind', runId, '0']);
    expect(marks(world)).toBe('');
    expect(treeFingerprint(world.other)).toBe(otherBefore);
  });
});
