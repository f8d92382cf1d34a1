// Which file a memory goes to: the override when it can be read, else AGENTS.md (made when absent);
// never through a link in the project; the user's global file through its link (a dotfiles link).
// And the copy write through the patch engine: a file change with its diff, refused through links.
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rememberDirect, rememberInCopy } from '../../src/memory/remember.ts';
import type { MemoryLimits } from '../../src/memory/check.ts';
import { projectTarget, userTarget } from '../../src/memory/target.ts';
import { tempDir } from '../support/fixtures.ts';

const limits: MemoryLimits = { looksSecret: () => false, projectDocMaxBytes: 32 * 1024, globalUsed: 0 };

function dir(files: Record<string, string> = {}): string {
  const d = tempDir('hew-memory-');
  for (const [p, text] of Object.entries(files)) writeFileSync(join(d, p), text);
  return d;
}

describe('projectTarget', () => {
  it('AGENTS.md, absent or present', () => {
    expect(projectTarget(dir())).toMatchObject({ ok: true, target: { shown: 'AGENTS.md', exists: false, content: '' } });
    expect(projectTarget(dir({ 'AGENTS.md': 'x\n' }))).toMatchObject({ ok: true, target: { shown: 'AGENTS.md', exists: true, content: 'x\n' } });
  });
  it('the override wins when it can be read; a link out of the root leaves AGENTS.md in charge', () => {
    expect(projectTarget(dir({ 'AGENTS.md': 'a', 'AGENTS.override.md': 'o' }))).toMatchObject({ ok: true, target: { shown: 'AGENTS.override.md', content: 'o' } });
    const d = dir({ 'AGENTS.md': 'a' });
    symlinkSync(join(dir({ 'x.md': 'outside' }), 'x.md'), join(d, 'AGENTS.override.md'));
    expect(projectTarget(d)).toMatchObject({ ok: true, target: { shown: 'AGENTS.md', content: 'a' } });
  });
  it('refuses a link, never writing through it', () => {
    const d = dir({ 'real.md': 'r' });
    symlinkSync('real.md', join(d, 'AGENTS.md'));
    expect(projectTarget(d)).toEqual({ ok: false, message: 'Not remembered: AGENTS.md is a symbolic link; edit it with apply_patch.' });
  });
  it('refuses a directory', () => {
    const d = dir();
    mkdirSync(join(d, 'AGENTS.md'));
    expect(projectTarget(d)).toEqual({ ok: false, message: 'Not remembered: AGENTS.md is not a regular file.' });
  });
});

describe('userTarget', () => {
  it('follows a link to its target (a dotfiles link survives the write)', () => {
    const dots = dir({ 'agents.md': '# mine\n' });
    const config = dir();
    symlinkSync(join(dots, 'agents.md'), join(config, 'AGENTS.md'));
    const found = userTarget(config);
    expect(found).toMatchObject({ ok: true, target: { path: join(dots, 'agents.md'), shown: join(config, 'AGENTS.md'), content: '# mine\n' } });
    const done = rememberDirect({ scope: 'user', configDir: config }, 'tabs, not spaces', limits);
    expect(done.ok).toBe(true);
    expect(readFileSync(join(dots, 'agents.md'), 'utf8')).toBe('# mine\n\n## Remembered by hew\n\n- tabs, not spaces\n');
  });
  it('makes the configuration directory when it is absent', () => {
    const config = join(dir(), 'hew');
    expect(rememberDirect({ scope: 'user', configDir: config }, 'a fact', limits).ok).toBe(true);
    expect(readFileSync(join(config, 'AGENTS.md'), 'utf8')).toBe('## Remembered by hew\n\n- a fact\n');
  });
});

describe('rememberInCopy', () => {
  it('writes through the patch engine: a change with its diff', async () => {
    const d = dir({ 'AGENTS.md': '# P\n' });
    const done = await rememberInCopy(d, 'a fact', limits);
    expect(done).toMatchObject({ ok: true, changes: [{ path: 'AGENTS.md', kind: 'update', lines_added: 4, lines_removed: 0 }] });
    if (done.ok) expect(done.changes?.[0]?.diff).toContain('+- a fact');
    expect(readFileSync(join(d, 'AGENTS.md'), 'utf8')).toBe('# P\n\n## Remembered by hew\n\n- a fact\n');
  });
  it('adds AGENTS.md when there is none', async () => {
    const done = await rememberInCopy(dir(), 'a fact', limits);
    expect(done).toMatchObject({ ok: true, changes: [{ path: 'AGENTS.md', kind: 'add' }] });
  });
});
