import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { InputBox } from '../../src/ui/components/input-box.tsx';
import { plain, waitFor } from './frames.ts';
import { KEY } from './keys.ts';

afterEach(() => cleanup());

interface Setup {
  history?: string[];
  complete?: (word: string) => string[];
  accept?: (text: string) => boolean;
}

function setup(opts: Setup = {}) {
  const submitted: string[] = [];
  const words: string[] = [];
  let escapes = 0;
  const r = render(
    <InputBox
      onSubmit={(text) => {
        submitted.push(text);
        return opts.accept ? opts.accept(text) : true;
      }}
      onEscape={() => (escapes += 1)}
      complete={(w) => {
        words.push(w);
        return opts.complete ? opts.complete(w) : [];
      }}
      history={opts.history ?? []}
      slashCommands={[
        { name: '/diff', description: 'show the changes' },
        { name: '/discard', description: 'delete the working copy' },
        { name: '/apply', description: 'apply the changes' },
      ]}
    />,
  );
  const type = (s: string): void => {
    for (const ch of s) r.stdin.write(ch);
  };
  return { ...r, submitted, words, escapes: () => escapes, type, frame: () => plain(r.lastFrame()) };
}

describe('InputBox', () => {
  it('types, shows the text, submits on Enter and clears', async () => {
    const s = setup();
    expect(s.frame()).toContain('Ask hew to do something');
    s.type('fix the date parser');
    await waitFor(() => expect(s.frame()).toContain('› fix the date parser'));
    s.stdin.write(KEY.enter);
    await waitFor(() => expect(s.submitted).toEqual(['fix the date parser']));
    await waitFor(() => expect(s.frame()).toContain('Ask hew to do something'));
  });

  it('edits: Backspace, ←, Ctrl-U', async () => {
    const s = setup();
    s.type('helo');
    s.stdin.write(KEY.left);
    s.type('l');
    s.stdin.write(KEY.enter);
    await waitFor(() => expect(s.submitted).toEqual(['hello']));
    s.type('abc');
    s.stdin.write(KEY.backspace);
    s.stdin.write(KEY.enter);
    await waitFor(() => expect(s.submitted).toEqual(['hello', 'ab']));
    s.type('gone');
    s.stdin.write(KEY.ctrlU);
    s.type('kept');
    s.stdin.write(KEY.enter);
    await waitFor(() => expect(s.submitted).toEqual(['hello', 'ab', 'kept']));
  });

  it('inserts newlines with Ctrl-J, Alt+Enter, Shift+Enter (kitty) and a trailing backslash', async () => {
    const s = setup();
    s.type('one');
    s.stdin.write(KEY.ctrlJ);
    s.type('two');
    s.stdin.write(KEY.altEnter);
    s.type('three\\');
    s.stdin.write(KEY.enter);
    s.type('four');
    s.stdin.write(KEY.shiftEnter);
    s.type('five');
    await waitFor(() => expect(s.frame()).toContain('five'));
    const rows = s.frame().split('\n');
    expect(rows.some((r) => r.includes('› one'))).toBe(true);
    expect(rows.some((r) => /^\W*two/.test(r))).toBe(true);
    s.stdin.write(KEY.enter);
    await waitFor(() => expect(s.submitted).toEqual(['one\ntwo\nthree\nfour\nfive']));
  });

  it('walks the history with ↑/↓ from the first/last row, back to the draft', async () => {
    const s = setup({ history: ['first prompt', 'second prompt'] });
    s.type('draft');
    s.stdin.write(KEY.up);
    await waitFor(() => expect(s.frame()).toContain('› second prompt'));
    s.stdin.write(KEY.up);
    await waitFor(() => expect(s.frame()).toContain('› first prompt'));
    s.stdin.write(KEY.up);
    s.stdin.write(KEY.down);
    await waitFor(() => expect(s.frame()).toContain('› second prompt'));
    s.stdin.write(KEY.down);
    await waitFor(() => expect(s.frame()).toContain('› draft'));
    s.stdin.write(KEY.enter);
    await waitFor(() => expect(s.submitted).toEqual(['draft']));
    s.stdin.write(KEY.up);
    await waitFor(() => expect(s.frame()).toContain('› draft')); // the new prompt joined the history
  });

  it('↑ in a multi-line text moves between rows before reaching the history', async () => {
    const s = setup({ history: ['old'] });
    s.type('a');
    s.stdin.write(KEY.ctrlJ);
    s.type('b');
    s.stdin.write(KEY.up);
    s.type('X');
    s.stdin.write(KEY.enter);
    await waitFor(() => expect(s.submitted).toEqual(['aX\nb']));
  });

  it('completes @path with Tab (a directory gets no trailing space)', async () => {
    const s = setup({ complete: (w) => (w === '@sr' ? ['@src/'] : w === '@src/da' ? ['@src/date.ts'] : []) });
    s.type('look at @sr');
    s.stdin.write(KEY.tab);
    await waitFor(() => expect(s.frame()).toContain('look at @src/'));
    s.type('da');
    s.stdin.write(KEY.tab);
    s.type('now');
    s.stdin.write(KEY.enter);
    await waitFor(() => expect(s.submitted).toEqual(['look at @src/date.ts now']));
    expect(s.words).toEqual(['@sr', '@src/da']);
  });

  it('shows a menu for several completions: Tab moves, Enter takes, Esc closes', async () => {
    const s = setup({ complete: (w) => (w.startsWith('/d') ? ['/diff', '/discard'] : []) });
    s.type('/d');
    await waitFor(() => expect(s.frame()).toContain('delete the working copy')); // slash hints while typing
    expect(s.frame()).not.toContain('apply the changes');
    s.stdin.write(KEY.tab);
    await waitFor(() => expect(s.frame()).toContain('› /diff'));
    expect(s.frame()).toContain('/discard');
    s.stdin.write(KEY.tab);
    await waitFor(() => expect(s.frame()).toContain('› /discard'));
    s.stdin.write(KEY.enter);
    await waitFor(() => expect(s.frame()).not.toContain('Tab/↓ next'));
    s.stdin.write(KEY.enter);
    await waitFor(() => expect(s.submitted).toEqual(['/discard']));

    s.type('/d');
    s.stdin.write(KEY.tab);
    await waitFor(() => expect(s.frame()).toContain('Tab/↓ next'));
    s.stdin.write(KEY.escape);
    await waitFor(() => expect(s.frame()).not.toContain('Tab/↓ next'));
    expect(s.escapes()).toBe(0); // Esc closed the menu, it did not reach the app
  });

  it('collapses a long paste to a placeholder but submits the whole text', async () => {
    const s = setup();
    const pasted = Array.from({ length: 42 }, (_, i) => `log line ${i + 1}`).join('\n');
    s.type('explain: ');
    s.stdin.write(KEY.paste(pasted));
    await waitFor(() => expect(s.frame()).toContain('[pasted 42 lines #1]'));
    expect(s.frame()).not.toContain('log line 7');
    s.stdin.write(KEY.enter);
    await waitFor(() => expect(s.submitted).toEqual([`explain: ${pasted}`]));
  });

  it('a short paste goes in as text; Backspace removes a placeholder whole', async () => {
    const s = setup();
    s.stdin.write(KEY.paste('a\r\nb'));
    await waitFor(() => expect(s.frame()).toContain('› a'));
    s.stdin.write(KEY.paste(Array.from({ length: 11 }, () => 'x').join('\n')));
    await waitFor(() => expect(s.frame()).toContain('[pasted 11 lines #1]'));
    s.stdin.write(KEY.backspace);
    await waitFor(() => expect(s.frame()).not.toContain('[pasted'));
    s.stdin.write(KEY.enter);
    await waitFor(() => expect(s.submitted).toEqual(['a\nb']));
  });

  it('a chunk of text ending in Enter (tmux send-keys) is typed and submitted', async () => {
    const s = setup();
    s.stdin.write('run the tests\r');
    await waitFor(() => expect(s.submitted).toEqual(['run the tests']));
  });

  it('keeps the text when the submit is refused, and passes Esc on', async () => {
    const s = setup({ accept: () => false });
    s.type('not now');
    s.stdin.write(KEY.enter);
    await waitFor(() => expect(s.submitted).toEqual(['not now']));
    expect(s.frame()).toContain('› not now');
    s.stdin.write(KEY.escape);
    await waitFor(() => expect(s.escapes()).toBe(1));
  });
});
