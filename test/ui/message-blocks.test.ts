import { describe, expect, it } from 'vitest';
import { splitFinishedBlocks } from '../../src/ui/state/message-blocks.ts';

describe('splitFinishedBlocks', () => {
  it('splits at the last blank line followed by a new block', () => {
    expect(splitFinishedBlocks('a\n\nb\n\nc')).toEqual({ done: 'a\n\nb', rest: 'c' });
    expect(splitFinishedBlocks('one paragraph')).toEqual({ done: '', rest: 'one paragraph' });
  });

  it('waits until the line after the blank line has started', () => {
    expect(splitFinishedBlocks('a\n\n')).toEqual({ done: '', rest: 'a\n\n' });
    expect(splitFinishedBlocks('a\n\n\nb')).toEqual({ done: 'a', rest: 'b' });
  });

  it('never splits inside a code fence', () => {
    expect(splitFinishedBlocks('```\nx\n\ny\n')).toEqual({ done: '', rest: '```\nx\n\ny\n' });
    expect(splitFinishedBlocks('~~~\nx\n\n```\ny\n~~~\n\nz')).toEqual({ done: '~~~\nx\n\n```\ny\n~~~', rest: 'z' });
  });

  it('does not split before an indented line (a list item may go on)', () => {
    expect(splitFinishedBlocks('- item\n\n  more of it')).toEqual({ done: '', rest: '- item\n\n  more of it' });
  });
});
