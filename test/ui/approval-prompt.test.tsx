import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApprovalAnswer } from '../../src/protocol/approval.ts';
import { ApprovalPrompt } from '../../src/ui/components/approval-prompt.tsx';
import type { ApprovalView } from '../../src/ui/state/types.ts';
import { plain, waitFor } from './frames.ts';
import { KEY } from './keys.ts';

afterEach(() => cleanup());

const request: ApprovalView = {
  id: 'ap-7',
  tool: 'shell',
  command: 'npm install left-pad',
  cwd: '/home/dev/project',
  sandboxed: false,
  network: true,
  justification: 'the package is missing from node_modules',
  reason: 'the model asked to run outside the sandbox',
};

function setup(r: ApprovalView = request) {
  const answers: { id: string; answer: ApprovalAnswer }[] = [];
  let escapes = 0;
  const out = render(<ApprovalPrompt request={r} onAnswer={(id, answer) => answers.push({ id, answer })} onEscape={() => (escapes += 1)} />);
  return { ...out, answers, escapes: () => escapes, frame: () => plain(out.lastFrame()) };
}

describe('ApprovalPrompt', () => {
  it('shows exactly what would run, where, how confined, and why', () => {
    const out = setup().frame();
    expect(out).toContain('Run this command outside the sandbox, with network?');
    expect(out).toContain('$ npm install left-pad');
    expect(out).toContain('/home/dev/project');
    expect(out).toContain('no, runs unconfined on your machine');
    expect(out).toMatch(/network\s+yes/);
    expect(out).toContain('the package is missing from node_modules');
    expect(out).toContain('the model asked to run outside the sandbox');
    expect(out).toContain('y yes, once · a always for this command · n no · d never for this command');
  });

  it('a sandboxed request without network says so', () => {
    const out = setup({ ...request, sandboxed: true, network: false, justification: undefined as unknown as string }).frame();
    expect(out).toContain('Run this command?');
    expect(out).toContain('yes, sandboxed');
    expect(out).toMatch(/network\s+no/);
  });

  it('a write outside the copy (remember --user) names the file, not a sandbox', () => {
    const out = setup({
      ...request,
      tool: 'remember',
      command: 'remember --user "I prefer tabs." → /home/dev/.config/hew/AGENTS.md',
      sandboxed: false,
      network: false,
      justification: undefined as unknown as string,
      reason: 'Hew would write outside the working copy, to your global instructions file.',
      writesOutside: '/home/dev/.config/hew/AGENTS.md',
    }).frame();
    expect(out).toContain('Write this outside the working copy?');
    expect(out).toContain('(not in the diff: written when you approve)');
    expect(out).not.toContain('runs unconfined');
    expect(out).not.toMatch(/network\s+no/);
  });

  it('y approves once', async () => {
    const s = setup();
    s.stdin.write('y');
    await waitFor(() => expect(s.answers).toEqual([{ id: 'ap-7', answer: { decision: 'approved' } }]));
    expect(s.frame()).toContain('Answer sent');
  });

  it('a approves always', async () => {
    const s = setup();
    s.stdin.write('a');
    await waitFor(() => expect(s.answers).toEqual([{ id: 'ap-7', answer: { decision: 'approved_always' } }]));
  });

  it('d denies always (for commands that start the same way), at once', async () => {
    const s = setup();
    s.stdin.write('d');
    await waitFor(() => expect(s.answers).toEqual([{ id: 'ap-7', answer: { decision: 'denied_always' } }]));
    expect(s.frame()).toContain('Answer sent');
    s.stdin.write('y');
    await new Promise((r) => setTimeout(r, 30));
    expect(s.answers).toHaveLength(1);
  });

  it('n then a note and Enter denies with the note', async () => {
    const s = setup();
    s.stdin.write('n');
    await waitFor(() => expect(s.frame()).toContain('A note for the model'));
    expect(s.answers).toEqual([]);
    for (const ch of 'use the vendored copy') s.stdin.write(ch);
    await waitFor(() => expect(s.frame()).toContain('use the vendored copy'));
    s.stdin.write(KEY.backspace);
    s.stdin.write('y');
    s.stdin.write(KEY.enter);
    await waitFor(() => expect(s.answers).toEqual([{ id: 'ap-7', answer: { decision: 'denied', note: 'use the vendored copy' } }]));
  });

  it('n then Enter denies without a note; keys after the answer do nothing', async () => {
    const s = setup();
    s.stdin.write('n');
    await waitFor(() => expect(s.frame()).toContain('A note for the model'));
    s.stdin.write(KEY.enter);
    await waitFor(() => expect(s.answers).toEqual([{ id: 'ap-7', answer: { decision: 'denied' } }]));
    s.stdin.write('y');
    await new Promise((r) => setTimeout(r, 30));
    expect(s.answers).toHaveLength(1);
  });

  it('Esc while typing a note goes back to the choice; Esc while choosing is passed on', async () => {
    const s = setup();
    s.stdin.write('n');
    await waitFor(() => expect(s.frame()).toContain('A note for the model'));
    s.stdin.write(KEY.escape);
    await waitFor(() => expect(s.frame()).toContain('y yes, once'));
    expect(s.escapes()).toBe(0);
    s.stdin.write(KEY.escape);
    await waitFor(() => expect(s.escapes()).toBe(1));
    expect(s.answers).toEqual([]);
  });
});
