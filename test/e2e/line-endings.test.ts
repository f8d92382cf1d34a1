// End to end, through the built CLI with real bwrap and real git: a repository whose own config
// (not the global one) makes the checkout CRLF — local core.autocrlf=true, or local core.eol=crlf
// with a `text=auto` attribute. The model edits one line with apply_patch and looks with git; the
// copy shows no whole-file change, and `hew apply` writes that one line, CRLF kept, `.git` untouched.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { git, treeFingerprint } from '../support/fixtures.ts';
import { toolOutput } from '../support/requests.ts';
import { closeWorlds, hewWorld } from '../support/world.ts';

afterEach(closeWorlds);

const ROWS = Array.from({ length: 8 }, (_, i) => `row ${i}`);
const EDITED = ROWS.map((r, i) => (i === 3 ? 'row three (run)' : r));
const crlf = (rows: string[]): string => rows.map((r) => `${r}\r\n`).join('');

const PATCH = '*** Begin Patch\n*** Update File: table.txt\n@@\n row 2\n-row 3\n+row three (run)\n row 4\n*** End Patch';

/** Makes `repo` (an empty directory) a repository committed with LF, then checked out again under its own (local) CRLF settings. */
function crlfRepo(repo: string, attributes: string, config: [string, string]): string {
  git(repo, 'init', '-q', '-b', 'main');
  const files: Record<string, string> = { 'table.txt': ROWS.map((r) => `${r}\n`).join(''), 'notes.txt': 'one\ntwo\n' };
  if (attributes !== '') files['.gitattributes'] = attributes;
  for (const [rel, text] of Object.entries(files)) writeFileSync(join(repo, rel), text);
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', 'lf files');
  git(repo, 'config', ...config);
  for (const rel of Object.keys(files)) rmSync(join(repo, rel));
  git(repo, 'checkout', '--', '.');
  git(repo, 'status', '--porcelain'); // refresh the index once, as the user's own git would
  return repo;
}

describe.each([
  { name: 'local core.autocrlf=true', attributes: '', config: ['core.autocrlf', 'true'] as [string, string] },
  { name: 'local core.eol=crlf with `* text=auto`', attributes: '* text=auto\n', config: ['core.eol', 'crlf'] as [string, string] },
])('a CRLF checkout made by $name', ({ attributes, config }) => {
  it('a one-line edit applies as that line, CRLF kept; git in the copy shows only that line', async () => {
    const world = await hewWorld()
      .withRepo(null)
      .withScript([
        { outputs: [{ tool: 'apply_patch', args: { input: PATCH } }] },
        { outputs: [{ tool: 'shell', args: { command: 'git status --porcelain; echo @@; git diff --numstat' } }] },
        { outputs: [{ text: 'edited row 3' }] },
      ])
      .build();
    const repo = crlfRepo(world.repo, attributes, config);
    expect(readFileSync(join(repo, 'table.txt'), 'utf8')).toBe(crlf(ROWS));
    const gitBefore = treeFingerprint(join(repo, '.git'));
    const exec = await world.hew(['exec', '--json', 'edit row 3'], { timeoutMs: 60_000 });
    expect(exec.stderr).toBe('');
    expect(exec.code).toBe(0);
    const started = exec.events()[0];
    const runId = started?.type === 'thread.started' ? started.run_id : '';

    // The model's view: only table.txt changed, by one line (no whole-file line-ending change).
    expect(toolOutput(world.requests[2])).toContain(' M table.txt\n@@\n1\t1\ttable.txt\n');

    const applied = await world.hew(['apply', runId], { timeoutMs: 60_000 });
    expect(applied.stderr).not.toContain('conflict');
    expect(applied.code).toBe(0);
    expect(readFileSync(join(repo, 'table.txt'), 'utf8')).toBe(crlf(EDITED));
    expect(readFileSync(join(repo, 'notes.txt'), 'utf8')).toBe(crlf(['one', 'two']));
    expect(treeFingerprint(join(repo, '.git'))).toBe(gitBefore);
  });
});

describe('global core.autocrlf=true with core.safecrlf=true', () => {
  it('a file the model adds with LF endings is recorded and applied, not refused by safecrlf', async () => {
    const world = await hewWorld()
      .withRepo(null)
      .withScript([
        { outputs: [{ tool: 'apply_patch', args: { input: '*** Begin Patch\n*** Add File: added.txt\n+one\n+two\n*** End Patch' } }] },
        { outputs: [{ text: 'added a file' }] },
      ])
      .build();
    writeFileSync(join(world.home.dir, '.gitconfig'), '[core]\n\tautocrlf = true\n\tsafecrlf = true\n');
    const repo = crlfRepo(world.repo, '', ['core.autocrlf', 'true']);
    const exec = await world.hew(['exec', '--json', '--apply', 'add a file'], { timeoutMs: 60_000 });
    expect(exec.code).toBe(0);
    expect(exec.stderr).toMatch(/^hew: applied 1 file from run \S+:\n {2}add +added\.txt\n$/);
    expect(readFileSync(join(repo, 'added.txt'), 'utf8')).toBe('one\ntwo\n');
  });
});
