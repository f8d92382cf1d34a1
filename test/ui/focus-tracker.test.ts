import { describe, expect, it } from 'vitest';
import { createFocusTracker } from '../../src/ui/terminal/focus.ts';
import type { FocusChange, FocusState } from '../../src/ui/terminal/focus.ts';

const IN = '\u001b[I';
const OUT = '\u001b[O';

describe('createFocusTracker', () => {
  const cases: { name: string; chunks: string[]; changes: FocusChange[]; state: FocusState }[] = [
    { name: 'nothing said: unknown', chunks: [], changes: [], state: 'unknown' },
    { name: 'typed text only: still unknown', chunks: ['hello', '\r'], changes: [], state: 'unknown' },
    { name: 'focus out', chunks: [OUT], changes: ['out'], state: 'unfocused' },
    { name: 'focus in', chunks: [IN], changes: ['in'], state: 'focused' },
    { name: 'out then in in one chunk: the last wins', chunks: [OUT + IN], changes: ['out', 'in'], state: 'focused' },
    { name: 'in then out across chunks', chunks: [IN, 'ab', OUT], changes: ['in', 'out'], state: 'unfocused' },
    { name: 'mixed with typed text', chunks: [`ab${OUT}cd`], changes: ['out'], state: 'unfocused' },
    { name: 'split after ESC', chunks: ['x\u001b', '[O'], changes: ['out'], state: 'unfocused' },
    { name: 'split after ESC [', chunks: ['\u001b[', 'I'], changes: ['in'], state: 'focused' },
    { name: 'split in three', chunks: ['\u001b', '[', 'O'], changes: ['out'], state: 'unfocused' },
    { name: 'arrow keys are not focus', chunks: ['\u001b[A', '\u001b[B', '\u001b', '[C'], changes: [], state: 'unknown' },
    { name: 'SS3 O-keys are not focus (ESC O P is F1)', chunks: ['\u001bOP', '\u001bOI'], changes: [], state: 'unknown' },
    { name: 'a lone ESC (the Esc key) then text', chunks: ['\u001b', 'O'], changes: [], state: 'unknown' },
    { name: 'typed "[O" is not focus', chunks: ['[O', '[I'], changes: [], state: 'unknown' },
    { name: 'a kitty key report is not focus', chunks: ['\u001b[73;5u'], changes: [], state: 'unknown' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const tracker = createFocusTracker();
      const changes = c.chunks.flatMap((chunk) => tracker.push(chunk));
      expect(changes).toEqual(c.changes);
      expect(tracker.state()).toBe(c.state);
    });
  }
});
