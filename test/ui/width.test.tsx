import { afterEach, describe, expect, it } from 'vitest';
import type { Instance } from 'ink';
import { App } from '../../src/ui/app.tsx';
import { connectViewStore } from '../../src/ui/view-store.ts';
import { approval, command, completed, delta, message, started, usage } from './events.ts';
import { FakeController } from './fake-controller.ts';
import { plain, renderAt, waitFor, widestLine } from './frames.ts';

const mounted: Instance[] = [];
afterEach(() => {
  for (const i of mounted.splice(0)) i.unmount();
});

const LONG_PATH = '/home/dev/projects/some-organisation/a-rather-long-repository-name/packages/core/src/very/deep/directory';

function busyTranscript(c: FakeController): void {
  c.push({ type: 'turn.started', turn: 3 });
  c.push({ type: 'turn.completed', turn: 3, usage: usage(123_456, 7_890), total_usage: usage(123_456, 7_890) });
  c.isBusy = true;
  c.push({ type: 'turn.started', turn: 4 });
  c.push(completed(message('m1', '## Findings\n\nThe parser in `src/parsing/dates/parse-date.ts` accepts **impossible** dates; see https://example.com/a/very/long/url/that/does/not/break/anywhere/at/all/for/quite/a/while.\n\n```ts\nexport function parseDate(input: string): Date | null { return new Date(input); } // far too long for one row\n```\n\n- first point that is long enough to wrap at forty columns for sure\n- second')));
  c.push(completed(command('c1', `npm test -- --reporter=verbose --run ${LONG_PATH}/date.test.ts`, { cwd: LONG_PATH, status: 'failed', exit_code: 1, duration_ms: 3400, aggregated_output: `FAIL ${LONG_PATH}/date.test.ts > rejects 2024-02-30 > expected null to be an Invalid Date object\n` })));
  c.push(completed({ id: 'f1', type: 'file_change', status: 'completed', changes: [{ path: 'packages/core/src/very/deep/directory/parse-date-with-a-long-name.ts', kind: 'update' }] }));
  c.push(started({ id: 'p1', type: 'todo_list', status: 'in_progress', items: [{ text: 'Reproduce the failure with a test that pins the exact impossible date', status: 'completed' }, { text: 'Reject impossible dates in the parser', status: 'in_progress' }] }));
  c.push(started(command('c2', 'node -e "console.log(1)"', { cwd: LONG_PATH })));
  c.push(delta('c2', `${'x'.repeat(300)}\n`));
  c.push(started(approval('a1', { tool: 'shell', command: `curl -fsSL https://registry.example.com/some/really/long/path/to/a/package/tarball-1.2.3.tgz -o ${LONG_PATH}/vendor.tgz`, cwd: LONG_PATH, sandboxed: false, network: true, justification: 'the build needs the vendored tarball which is not in the repository', reason: 'the model asked to run outside the sandbox with network' })));
  c.push({ type: 'notice.summary', turn: 3, files: [{ path: 'packages/core/src/very/deep/directory/parse-date-with-a-long-name.ts', kind: 'update', added: 12, removed: 3, binary: false }] });
}

describe.each([80, 40])('at %i columns', (columns) => {
  it('no line is wider than the terminal and the content is all there', async () => {
    const c = new FakeController({ repo: LONG_PATH, workingCopy: `${LONG_PATH}/.hew/runs/r-2026-01-01-abcdef/work`, prices: [1.25, 0.125, 10] });
    const store = connectViewStore(c);
    const r = renderAt(<App controller={c} store={store} />, columns);
    mounted.push(r.instance);
    busyTranscript(c);
    const flatten = (t: string): string => t.replace(/[\s│╭╮╰╯─]+/g, '');
    await waitFor(() => expect(flatten(plain(r.lastFrame()))).toContain('Runthiscommandoutsidethesandbox'));
    const frame = r.lastFrame();
    const text = plain(frame);
    expect(widestLine(frame)).toBeLessThanOrEqual(columns);
    const flat = flatten(text);
    for (const piece of ['Findings', 'failed·exit1', 'edited1file', 'Rejectimpossibledates', 'Changessofar', 'yyes,once', 'waitingforapproval', '$0.23']) {
      expect(flat).toContain(piece);
    }
    expect(flat).toContain('parseDate(input:string)'); // code wrapped, not cut
    expect(flat).toContain('tarball-1.2.3.tgz'); // the approved command is shown in full
  });

  it('the diff view truncates long lines to the width', async () => {
    const c = new FakeController();
    const r = renderAt(<App controller={c} store={connectViewStore(c)} />, columns);
    mounted.push(r.instance);
    const path = `${LONG_PATH.slice(1)}/file.ts`;
    c.push({ type: 'notice.diff', files: [{ path, stat: { path, kind: 'update', added: 1, removed: 1, binary: false }, diff: `--- a/${path}\n+++ b/${path}\n@@ -1 +1 @@\n-${'old '.repeat(40)}\n+${'new '.repeat(40)}\n` }] });
    await waitFor(() => expect(plain(r.lastFrame())).toContain('Diff file 1/1'));
    expect(widestLine(r.lastFrame())).toBeLessThanOrEqual(columns);
    expect(plain(r.lastFrame())).toContain('+new new');
  });
});
