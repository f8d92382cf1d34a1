import { PassThrough } from 'node:stream';
import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { CTRL_C_HINT } from '../../src/ui/app.tsx';
import { renderTui } from '../../src/ui/render.ts';
import { mountApp } from './app-harness.tsx';
import { approval, command, completed, delta, message, started, usage } from './events.ts';
import { FakeController } from './fake-controller.ts';
import { WidthStdout, plain, waitFor } from './frames.ts';
import { KEY } from './keys.ts';

afterEach(() => cleanup());

describe('App', () => {
  it('shows the header, echoes a submitted prompt and streams the answer in', async () => {
    const app = mountApp();
    const { controller: c } = app;
    expect(app.frame()).toContain('hew gpt-test (openai)');
    expect(app.frame()).toContain('○ ready');
    app.type('fix the date parser');
    app.stdin.write(KEY.enter);
    await waitFor(() => expect(c.submitted).toEqual(['fix the date parser']));
    await waitFor(() => expect(app.frame()).toContain('› fix the date parser'));

    c.isBusy = true;
    c.push({ type: 'turn.started', turn: 1 });
    c.push(started(message('m1', '', 'in_progress')));
    c.push(delta('m1', 'Looking at '));
    c.push(delta('m1', '`parseDate`…'));
    await waitFor(() => expect(app.frame()).toContain('Looking at `parseDate`…')); // colours are off here: code keeps its backticks
    expect(app.frame()).toContain('● responding');
    expect(app.frame()).toContain('turn 1');

    c.push(completed(message('m1', 'Looking at `parseDate`…')));
    c.push(started(command('c1', 'npm test')));
    c.push(delta('c1', 'running 12 tests\nFAIL date.test.ts\n'));
    await waitFor(() => expect(app.frame()).toContain('│ FAIL date.test.ts'));
    expect(app.frame()).toContain('● running `npm test`');

    c.push(completed(command('c1', 'npm test', { status: 'failed', exit_code: 1, duration_ms: 2100, aggregated_output: 'running 12 tests\nFAIL date.test.ts\n' })));
    c.push({ type: 'turn.completed', turn: 1, usage: usage(5200, 310), total_usage: usage(5200, 310) });
    c.isBusy = false;
    await waitFor(() => expect(app.frame()).toContain('failed · exit 1 · 2.1s'));
    expect(app.frame()).toContain('5.2k in / 310 out');
    expect(app.frame()).toContain('○ ready');
  });

  it('Esc interrupts the running turn (and does nothing when idle)', async () => {
    const app = mountApp();
    app.stdin.write(KEY.escape);
    await new Promise((r) => setTimeout(r, 50));
    expect(app.controller.interrupts).toBe(0);
    app.controller.isBusy = true;
    app.stdin.write(KEY.escape);
    await waitFor(() => expect(app.controller.interrupts).toBe(1));
  });

  it('Ctrl-C once shows the hint, twice quits', async () => {
    const app = mountApp();
    app.stdin.write(KEY.ctrlC);
    await waitFor(() => expect(app.frame()).toContain(CTRL_C_HINT));
    expect(app.controller.quits).toBe(0);
    app.stdin.write(KEY.ctrlC);
    await waitFor(() => expect(app.controller.quits).toBe(1));
    // notice.exit (sent by the fake's quit) unmounts, leaving only the transcript on the screen.
    const lastDrawn = (): string => plain(app.frames.filter((f) => f.trim() !== '').at(-1));
    await waitFor(() => expect(lastDrawn()).not.toContain('Ask hew to do something'));
    expect(lastDrawn()).toContain('hew gpt-test');
  });

  it('Ctrl-C then another key disarms', async () => {
    const app = mountApp();
    app.stdin.write(KEY.ctrlC);
    await waitFor(() => expect(app.frame()).toContain(CTRL_C_HINT));
    app.type('x');
    await waitFor(() => expect(app.frame()).not.toContain(CTRL_C_HINT));
    app.stdin.write(KEY.ctrlC);
    await waitFor(() => expect(app.frame()).toContain(CTRL_C_HINT));
    expect(app.controller.quits).toBe(0);
  });

  it('asks for approval in place of the input and forwards the answer', async () => {
    const app = mountApp();
    const c = app.controller;
    c.isBusy = true;
    c.push({ type: 'turn.started', turn: 1 });
    c.push(started(approval('ap1', { tool: 'shell', command: 'curl -s https://example.com', cwd: '/home/dev/project', sandboxed: true, network: true, reason: 'network' })));
    await waitFor(() => expect(app.frame()).toContain('Run this command with network access?'));
    expect(app.frame()).toContain('● waiting for approval');
    app.stdin.write('y');
    await waitFor(() => expect(c.answers).toEqual([{ itemId: 'ap1', answer: { decision: 'approved' } }]));
    expect(app.frame()).not.toContain('› y'); // the key did not reach the input box
    c.push(completed(approval('ap1', { command: 'curl -s https://example.com' }, 'approved', 'completed')));
    await waitFor(() => expect(app.frame()).toContain('approved once: curl -s https://example.com'));
    expect(app.frame()).not.toContain('Run this command with network access?');
  });

  it('opens the diff view on notice.diff and closes it with q', async () => {
    const app = mountApp();
    app.type('draft');
    app.controller.push({ type: 'notice.diff', files: [{ path: 'a.ts', stat: { path: 'a.ts', kind: 'update', added: 1, removed: 1, binary: false }, diff: '@@ -1 +1 @@\n-old\n+new\n' }] });
    await waitFor(() => expect(app.frame()).toContain('file 1/1 a.ts +1 -1'));
    expect(app.frame()).not.toContain('› draft');
    app.stdin.write('q');
    await waitFor(() => expect(app.frame()).not.toContain('file 1/1'));
    expect(app.frame()).toContain('› draft'); // the draft survived
  });

  it('a prompt while a turn runs is handed to the controller (which refuses it) and stays in the box', async () => {
    const app = mountApp();
    app.controller.isBusy = true;
    app.type('also do this');
    app.stdin.write(KEY.enter);
    await waitFor(() => expect(app.controller.submitted).toEqual(['also do this']));
    expect(app.frame()).toContain('› also do this');
    expect(app.store.getState().transcript.some((e) => e.kind === 'prompt')).toBe(false);
    app.type(' /x');
    app.stdin.write(KEY.ctrlU);
    app.type('/diff');
    app.stdin.write(KEY.enter);
    await waitFor(() => expect(app.controller.submitted).toEqual(['also do this', '/diff'])); // slash commands go through
  });

  it('a note and Enter in one burst while the turn is only finishing is taken: echoed, the box cleared', async () => {
    // The controller takes a prompt once the running turn is interrupted or its answer is in (it
    // runs next); the view used to ask busy() instead, so it kept the taken note in the box.
    const app = mountApp();
    app.controller.isBusy = true;
    app.controller.finishing = true;
    app.stdin.write('one more thing\r');
    await waitFor(() => expect(app.controller.submitted).toEqual(['one more thing']));
    await waitFor(() => expect(app.store.getState().transcript.some((e) => e.kind === 'prompt' && e.text === 'one more thing')).toBe(true));
    await waitFor(() => expect(app.frame()).toContain('Ask hew to do something'));
  });

  it('echoes a prompt submitted before the view existed', async () => {
    const c = new FakeController({}, ['earlier prompt', 'the first prompt']);
    c.isBusy = true;
    const app = mountApp({ controller: c });
    await waitFor(() => expect(app.frame()).toContain('› the first prompt'));
  });

  it('clears the transcript on notice.reset', async () => {
    const app = mountApp();
    app.controller.push({ type: 'notice.info', title: 'Old thread note', lines: [] });
    await waitFor(() => expect(app.store.getState().transcript.map((e) => e.kind)).toEqual(['header', 'notice']));
    app.controller.push({ type: 'notice.reset', info: { ...app.controller.info(), runId: 'r-2', model: 'next-model' } });
    await waitFor(() => expect(app.store.getState().transcript.map((e) => e.kind)).toEqual(['header']));
    await waitFor(() => expect(app.frame()).toContain('hew next-model'));
  });
});

describe('renderTui', () => {
  it('mounts, submits an initial prompt, and resolves with the code of notice.exit', async () => {
    const c = new FakeController();
    const stdout = new WidthStdout(60);
    const stdin = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => stdin, ref: () => stdin, unref: () => stdin });
    const done = renderTui(c, { stdout: stdout as unknown as NodeJS.WriteStream, stdin: stdin as unknown as NodeJS.ReadStream, stderr: stdout as unknown as NodeJS.WriteStream, initialPrompt: 'hello there', patchConsole: false });
    expect(c.submitted).toEqual(['hello there']);
    await waitFor(() => expect(stdout.frames.join('')).toContain('hello there'));
    c.push({ type: 'notice.exit', code: 130 });
    await expect(done).resolves.toBe(130);
  });
});
