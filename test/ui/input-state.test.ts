import { describe, expect, it } from 'vitest';
import { applyCompletion, commonPrefix, completableWord } from '../../src/ui/input/completion.ts';
import * as ed from '../../src/ui/input/editor.ts';
import { historyWalk, newer, older, remember } from '../../src/ui/input/history.ts';
import { afterSubmit, handleKey, inputState } from '../../src/ui/input/input-state.ts';
import type { KeyInfo } from '../../src/ui/input/input-state.ts';
import { expandPastes, noPastes, pasteInsertion, placeholderBefore } from '../../src/ui/input/paste.ts';

const none: KeyInfo = { upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, return: false, escape: false, ctrl: false, shift: false, meta: false, tab: false, backspace: false, delete: false, home: false, end: false };
const deps = { complete: () => [] };

describe('editor', () => {
  it('moves up and down keeping the column, and says when there is no row', () => {
    const e = { text: 'abcdef\nxy\nlonger row', cursor: 5 };
    expect(ed.up(e)).toBeNull();
    const down = ed.down(e);
    expect(down && ed.position(down)).toEqual({ row: 1, col: 2, rows: 3 });
    const down2 = down && ed.down(down);
    expect(down2 && ed.position(down2)).toEqual({ row: 2, col: 2, rows: 3 });
    expect(down2 && ed.down(down2)).toBeNull();
  });

  it('deletes words and rows', () => {
    expect(ed.deleteWord({ text: 'run the tests', cursor: 13 }).text).toBe('run the ');
    expect(ed.killToLineStart({ text: 'a\nbcd', cursor: 4 })).toEqual({ text: 'a\nd', cursor: 2 });
    expect(ed.killToLineEnd({ text: 'ab\ncd', cursor: 1 })).toEqual({ text: 'a\ncd', cursor: 1 });
  });
});

describe('history', () => {
  it('walks back and forth and returns to the draft', () => {
    let h = historyWalk(['a', 'b']);
    const b1 = older(h, 'draft');
    expect(b1?.text).toBe('b');
    h = b1!.walk;
    const b2 = older(h, 'b');
    expect(b2?.text).toBe('a');
    expect(older(b2!.walk, 'a')).toBeNull();
    const f1 = newer(b2!.walk);
    expect(f1?.text).toBe('b');
    expect(newer(f1!.walk)?.text).toBe('draft');
    expect(remember(historyWalk(['a']), 'a').entries).toEqual(['a']);
  });
});

describe('paste', () => {
  it('collapses more than ten lines and expands them again', () => {
    const text = Array.from({ length: 12 }, (_, i) => `l${i}`).join('\r\n');
    const { pastes, insert } = pasteInsertion(noPastes, text);
    expect(insert).toBe('[pasted 12 lines #1]');
    expect(placeholderBefore(`x ${insert}`, 2 + insert.length, pastes)).toBe(insert);
    expect(expandPastes(`see ${insert}`, pastes)).toBe(`see ${text.replace(/\r\n/g, '\n')}`);
    expect(pasteInsertion(noPastes, 'a\nb').insert).toBe('a\nb');
  });
});

describe('completion', () => {
  it('finds @words anywhere and /words only at the start', () => {
    expect(completableWord({ text: 'look at @sr', cursor: 11 })).toEqual({ start: 8, word: '@sr' });
    expect(completableWord({ text: '/di', cursor: 3 })).toEqual({ start: 0, word: '/di' });
    expect(completableWord({ text: 'x /di', cursor: 5 })).toBeNull();
    expect(completableWord({ text: 'use $pd', cursor: 7 })).toEqual({ start: 4, word: '$pd' });
    expect(applyCompletion({ text: '@sr rest', cursor: 3 }, { start: 0, word: '@sr' }, '@src/a.ts', true)).toEqual({ text: '@src/a.ts rest', cursor: 9 });
    expect(commonPrefix(['/diff', '/discard'])).toBe('/di');
  });

  it('Tab with one candidate completes; with several opens a menu at their common prefix', () => {
    const s0 = { ...inputState(), editor: ed.editorOf('@s') };
    const one = handleKey(s0, '', { ...none, tab: true }, { complete: () => ['@src/'] });
    expect(one.state.editor.text).toBe('@src/');
    const many = handleKey(s0, '', { ...none, tab: true }, { complete: () => ['@src/a.ts', '@src/b.ts'] });
    expect(many.state.editor.text).toBe('@src/');
    expect(many.state.menu?.items).toEqual(['@src/a.ts', '@src/b.ts']);
    const chosen = handleKey(handleKey(many.state, '', { ...none, downArrow: true }, deps).state, '', { ...none, return: true }, deps);
    expect(chosen.state.editor.text).toBe('@src/b.ts ');
    expect(chosen.effect).toBeUndefined();
  });
});

describe('handleKey', () => {
  it('Enter submits the text; afterSubmit clears it only when accepted', () => {
    const s = { ...inputState(), editor: ed.editorOf('do it') };
    const r = handleKey(s, '\r', { ...none, return: true }, deps);
    expect(r.effect).toEqual({ type: 'submit', text: 'do it' });
    expect(afterSubmit(r.state, 'do it', false).editor.text).toBe('do it');
    const cleared = afterSubmit(r.state, 'do it', true);
    expect(cleared.editor.text).toBe('');
    expect(cleared.history.entries).toEqual(['do it']);
  });

  it('Ctrl+J inserts a newline, as LF or as the kitty protocol reports it', () => {
    const s = { ...inputState(), editor: ed.editorOf('a') };
    expect(handleKey(s, '\n', none, deps).state.editor.text).toBe('a\n');
    expect(handleKey(s, 'j', { ...none, ctrl: true }, deps).state.editor.text).toBe('a\n');
  });

  it('an empty text does not submit; Ctrl and Meta keys do not type', () => {
    expect(handleKey(inputState(), '\r', { ...none, return: true }, deps).effect).toBeUndefined();
    expect(handleKey(inputState(), 'x', { ...none, ctrl: true }, deps).state.editor.text).toBe('');
    expect(handleKey(inputState(), 'x', { ...none, meta: true }, deps).state.editor.text).toBe('');
  });
});
