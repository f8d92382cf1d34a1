// The TUI's colours by meaning, in one place. Every colour is a hint: each state also has a glyph
// or a word, so nothing is lost under NO_COLOR.
export const theme = {
  accent: 'cyan',
  prompt: 'cyan',
  ok: 'green',
  bad: 'red',
  warn: 'yellow',
  running: 'yellow',
  muted: 'gray',
  added: 'green',
  removed: 'red',
  hunk: 'cyan',
  keyword: 'magenta',
  string: 'green',
  comment: 'gray',
  number: 'yellow',
  heading: 'cyan',
  code: 'cyan',
} as const;

export const glyph = {
  ok: '✓',
  bad: '✗',
  running: '•',
  prompt: '›',
  pending: '☐',
  active: '▸',
  done: '☑',
  warn: '!',
  bar: '│',
  arrow: '→',
} as const;
