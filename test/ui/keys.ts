// Terminal byte sequences for the keys the tests press.
export const KEY = {
  enter: '\r',
  ctrlJ: '\n',
  altEnter: '\u001b\r',
  escape: '\u001b',
  tab: '\t',
  shiftTab: '\u001b[Z',
  up: '\u001b[A',
  down: '\u001b[B',
  right: '\u001b[C',
  left: '\u001b[D',
  pageUp: '\u001b[5~',
  pageDown: '\u001b[6~',
  backspace: '\u007f',
  ctrlC: '\u0003',
  ctrlU: '\u0015',
  /** Shift+Enter as the kitty keyboard protocol reports it. */
  shiftEnter: '\u001b[13;2u',
  paste: (text: string): string => `\u001b[200~${text}\u001b[201~`,
} as const;
