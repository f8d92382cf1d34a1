import { describe, expect, it } from 'vitest';
import { DIFF_FILE_MAX_CHARS, DIFF_TOTAL_MAX_CHARS, noticeUpdates } from '../../src/acp/notices.ts';
import type { FileDiff } from '../../src/protocol/files.ts';

const REPO = '/home/me/proj';

/** A file added with `lines` lines of `width` characters, as `git diff` shows it. */
function added(path: string, lines: number, width = 9): FileDiff {
  const body = Array.from({ length: lines }, () => `+${'x'.repeat(width)}`).join('\n');
  return { path, stat: { path, kind: 'add', added: lines, removed: 0, binary: false }, diff: `diff --git a/${path} b/${path}\n@@ -0,0 +1,${lines} @@\n${body}\n` };
}

function shown(files: FileDiff[]): { diffs: string[]; lines: string[]; size: number } {
  const [update] = noticeUpdates({ type: 'notice.diff', files }, REPO, 'n1');
  if (update?.sessionUpdate !== 'tool_call') throw new Error('expected a tool call');
  const content = update.content ?? [];
  return {
    diffs: content.flatMap((c) => (c.type === 'diff' ? [c.path] : [])),
    lines: content.flatMap((c) => (c.type === 'content' && c.content.type === 'text' ? [c.content.text] : [])),
    size: JSON.stringify(update).length,
  };
}

describe('/diff as an ACP tool call stays bounded', () => {
  it('shows a small file as a diff', () => {
    expect(shown([added('a.txt', 3)]).diffs).toEqual([`${REPO}/a.txt`]);
  });

  it('a file whose diff passes the bound is a line with its counts', () => {
    const big = added('big.txt', Math.floor(DIFF_FILE_MAX_CHARS / 5));
    const out = shown([added('a.txt', 3), big]);
    expect(out.diffs).toEqual([`${REPO}/a.txt`]);
    expect(out.lines).toEqual([expect.stringMatching(/^big\.txt \+52428 −0: too large to show here \(\d+ characters of diff\); `hew diff` in a terminal shows it$/)]);
  });

  it('past the total bound, each further file is a line saying /diff PATH shows it', () => {
    // 40 files of about half the bound each: together five times the total.
    const each = added('f', Math.floor(DIFF_FILE_MAX_CHARS / 22));
    const files = Array.from({ length: 40 }, (_, i) => ({ ...each, path: `f${i}`, stat: { ...each.stat, path: `f${i}` } }));
    const out = shown(files);
    expect(out.diffs.length).toBeGreaterThan(0);
    expect(out.diffs.length).toBeLessThan(40);
    expect(out.lines).toHaveLength(40 - out.diffs.length);
    expect(out.lines[0]).toMatch(/`\/diff f\d+` shows it alone$/);
    expect(out.size).toBeLessThan(DIFF_TOTAL_MAX_CHARS + 64 * 1024);
  });
});
