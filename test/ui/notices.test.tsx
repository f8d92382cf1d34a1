import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { NoticeView } from '../../src/ui/components/notice-view.tsx';
import { FileChangeCard } from '../../src/ui/components/file-change-card.tsx';
import { Header } from '../../src/ui/components/header.tsx';
import { plain } from './frames.ts';
import { sessionInfo } from './fake-controller.ts';

afterEach(() => cleanup());

describe('notice views', () => {
  it('summary: files with +/- counts and totals', () => {
    const out = plain(
      render(
        <NoticeView
          notice={{
            type: 'notice.summary',
            turn: 2,
            files: [
              { path: 'src/date.ts', kind: 'update', added: 12, removed: 3, binary: false },
              { path: 'test/date.test.ts', kind: 'add', added: 20, removed: 0, binary: false },
              { path: 'logo.png', kind: 'add', added: 0, removed: 0, binary: true },
            ],
          }}
        />,
      ).lastFrame(),
    );
    expect(out).toContain('Changes so far (after turn 2): 3 files +32 -3');
    expect(out).toContain('M src/date.ts +12 -3');
    expect(out).toContain('A test/date.test.ts +20 -0');
    expect(out).toContain('A logo.png binary');
  });

  it('apply: what was written, or the conflicts plainly and that nothing was written', () => {
    const ok = plain(render(<NoticeView notice={{ type: 'notice.apply', ok: true, applied: [{ path: 'src/date.ts', action: 'updated' }], conflicts: [], message: '' }} />).lastFrame());
    expect(ok).toContain('✓ Applied 1 file to your working tree');
    expect(ok).toContain('updated src/date.ts');
    const bad = plain(
      render(
        <NoticeView
          notice={{ type: 'notice.apply', ok: false, applied: [], conflicts: [{ path: 'src/date.ts', reason: 'you changed the same lines' }], message: 'resolve it and run /apply again' }}
        />,
      ).lastFrame(),
    );
    expect(bad).toContain('✗ Not applied: 1 conflict. Nothing was written.');
    expect(bad).toContain('conflict src/date.ts: you changed the same lines');
    expect(bad).toContain('resolve it and run /apply again');
  });

  it('info, warning and error', () => {
    expect(plain(render(<NoticeView notice={{ type: 'notice.info', title: 'Status', lines: ['model gpt-test', 'tokens 12k'] }} />).lastFrame())).toBe('Status\n  model gpt-test\n  tokens 12k');
    expect(plain(render(<NoticeView notice={{ type: 'notice.warning', message: 'a turn is running' }} />).lastFrame())).toBe('! a turn is running');
    expect(plain(render(<NoticeView notice={{ type: 'notice.error', message: 'unknown command /x' }} />).lastFrame())).toBe('✗ unknown command /x');
  });

  it('file change card lists each file with its kind', () => {
    const out = plain(
      render(
        <FileChangeCard
          change={{ id: 'f', status: 'completed', changes: [{ path: 'a.ts', kind: 'update' }, { path: 'b.ts', kind: 'add' }, { path: 'c.ts', kind: 'delete' }, { path: 'd.ts', kind: 'move', move_path: 'e.ts' }] }}
        />,
      ).lastFrame(),
    );
    expect(out).toContain('✓ edited 4 files');
    expect(out).toContain('M a.ts');
    expect(out).toContain('A b.ts');
    expect(out).toContain('D c.ts');
    expect(out).toContain('R d.ts → e.ts');
    const withDiff = plain(
      render(
        <FileChangeCard
          change={{
            id: 'f',
            status: 'completed',
            changes: [
              { path: 'a.ts', kind: 'update', lines_added: 1, lines_removed: 1, diff: '@@ -1,2 +1,2 @@\n keep\n-old\n+new\n' },
              { path: 'big.ts', kind: 'add', lines_added: 30, lines_removed: 0, diff: `@@ -0,0 +1,30 @@\n${'+x\n'.repeat(30)}`, diff_truncated: true },
            ],
          }}
        />,
      ).lastFrame(),
    );
    expect(withDiff).toContain('M a.ts +1 -1');
    expect(withDiff).toMatch(/@@ -1,2 \+1,2 @@\n\s+keep\n\s+-old\n\s+\+new\n/);
    expect(withDiff).toContain('A big.ts +30 -0');
    expect(withDiff).toContain('… 5+ more lines · /diff big.ts shows the whole file'); // 30 lines per edit: 4 for a.ts, 26 of big.ts's 31
    const failed = plain(render(<FileChangeCard change={{ id: 'f', status: 'failed', changes: [{ path: 'a.ts', kind: 'update' }], error: 'context not found' }} />).lastFrame());
    expect(failed).toContain('✗ patch not applied (1 file)');
    expect(failed).toContain('context not found');
  });

  it('header: repo, model, sandbox, approval, working copy and project docs', () => {
    const out = plain(render(<Header info={sessionInfo({ network: true })} />).lastFrame());
    expect(out).toContain('hew gpt-test (openai)');
    expect(out).toMatch(/repo\s+\/home\/dev\/project/);
    expect(out).toMatch(/copy\s+\S*runs\/r-test\/work/);
    expect(out).toMatch(/sandbox\s+workspace-write · network on/);
    expect(out).toMatch(/approval\s+on-request/);
    expect(out).toMatch(/docs\s+AGENTS.md/);
  });
});
