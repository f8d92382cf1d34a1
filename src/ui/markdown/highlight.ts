// A tiny keyword highlighter for fenced code: keywords, strings, comments and numbers in a few
// common languages. It is deliberately small (no grammar, line by line, block comments tracked
// across lines): a real highlighter would cost more to load than the rest of the TUI, and in a
// terminal a hint of colour is all that is needed. Unknown languages are shown plain.

export type CodeTokenKind = 'keyword' | 'string' | 'comment' | 'number' | 'plain';

export interface CodeToken {
  text: string;
  kind: CodeTokenKind;
}

export interface LanguageSpec {
  keywords: ReadonlySet<string>;
  lineComments: string[];
  blockComment?: [string, string];
  quotes: string;
  /** `#` starts a comment only at the start of a word (shell). */
  hashNeedsSpace?: boolean;
}

const words = (s: string): ReadonlySet<string> => new Set(s.split(/\s+/).filter(Boolean));

const JS = words(`async await break case catch class const continue debugger default delete do else enum export extends
  false finally for from function if implements import in instanceof interface let new null of private protected public
  readonly return static super switch this throw true try type typeof undefined var void while with yield as satisfies`);
const PY = words(`and as assert async await break class continue def del elif else except False finally for from global if
  import in is lambda None nonlocal not or pass raise return True try while with yield self match case`);
const SH = words(`if then else elif fi for while until do done case esac function in return local export set unset
  echo cd exit true false source`);
const GO = words(`break case chan const continue default defer else fallthrough for func go goto if import interface map
  package range return select struct switch type var nil true false`);
const RUST = words(`as async await break const continue crate dyn else enum extern false fn for if impl in let loop match
  mod move mut pub ref return self Self static struct super trait true type unsafe use where while`);
const C = words(`auto break case char const continue default do double else enum extern float for goto if int long
  register return short signed sizeof static struct switch typedef union unsigned void volatile while class public
  private protected new delete this true false null nullptr namespace template using try catch throw bool`);
const JSON_WORDS = words('true false null');

const SPECS: Record<string, LanguageSpec> = {
  js: { keywords: JS, lineComments: ['//'], blockComment: ['/*', '*/'], quotes: `'"\`` },
  py: { keywords: PY, lineComments: ['#'], quotes: `'"` },
  sh: { keywords: SH, lineComments: ['#'], quotes: `'"`, hashNeedsSpace: true },
  go: { keywords: GO, lineComments: ['//'], blockComment: ['/*', '*/'], quotes: '"`\'' },
  rust: { keywords: RUST, lineComments: ['//'], blockComment: ['/*', '*/'], quotes: '"' },
  c: { keywords: C, lineComments: ['//'], blockComment: ['/*', '*/'], quotes: `'"` },
  json: { keywords: JSON_WORDS, lineComments: [], quotes: '"' },
};

const ALIASES: Record<string, string> = {
  js: 'js', javascript: 'js', jsx: 'js', mjs: 'js', cjs: 'js', ts: 'js', typescript: 'js', tsx: 'js',
  py: 'py', python: 'py', python3: 'py',
  sh: 'sh', bash: 'sh', shell: 'sh', zsh: 'sh', console: 'sh',
  go: 'go', golang: 'go',
  rs: 'rust', rust: 'rust',
  c: 'c', h: 'c', cpp: 'c', 'c++': 'c', cc: 'c', java: 'c', cs: 'c', csharp: 'c', kotlin: 'c',
  json: 'json', jsonc: 'json',
};

/** The highlighter's name for a fence's language, or null when it has none. */
export function languageOf(lang: string | undefined): string | null {
  if (!lang) return null;
  return ALIASES[lang.trim().split(/\s+/, 1)[0]?.toLowerCase() ?? ''] ?? null;
}

const NUMBER = /^(?:0[xX][0-9a-fA-F_]+|\d[\d_]*(?:\.\d+)?(?:[eE][+-]?\d+)?)/;
const IDENT = /^[A-Za-z_$][\w$]*/;

function push(out: CodeToken[], text: string, kind: CodeTokenKind): void {
  const last = out[out.length - 1];
  if (last && last.kind === kind) last.text += text;
  else out.push({ text, kind });
}

/** Highlights one line; `state.inBlock` carries an open block comment to the next line. */
function highlightLine(line: string, spec: LanguageSpec, state: { inBlock: boolean }): CodeToken[] {
  const out: CodeToken[] = [];
  let i = 0;
  while (i < line.length) {
    const rest = line.slice(i);
    if (state.inBlock && spec.blockComment) {
      const end = rest.indexOf(spec.blockComment[1]);
      const stop = end === -1 ? rest.length : end + spec.blockComment[1].length;
      push(out, rest.slice(0, stop), 'comment');
      if (end !== -1) state.inBlock = false;
      i += stop;
      continue;
    }
    if (spec.blockComment && rest.startsWith(spec.blockComment[0])) {
      state.inBlock = true;
      push(out, spec.blockComment[0], 'comment');
      i += spec.blockComment[0].length;
      continue;
    }
    const prev = i > 0 ? line[i - 1] : ' ';
    const lineComment = spec.lineComments.find((m) => rest.startsWith(m));
    if (lineComment && (!spec.hashNeedsSpace || /\s/.test(prev ?? ' '))) {
      push(out, rest, 'comment');
      break;
    }
    const ch = rest[0] ?? '';
    if (spec.quotes.includes(ch)) {
      let j = 1;
      while (j < rest.length && rest[j] !== ch) j += rest[j] === '\\' ? 2 : 1;
      const text = rest.slice(0, Math.min(rest.length, j + 1));
      push(out, text, 'string');
      i += text.length;
      continue;
    }
    const isWordStart = !/[\w$]/.test(prev ?? ' ');
    const number = isWordStart ? NUMBER.exec(rest) : null;
    if (number) {
      push(out, number[0], 'number');
      i += number[0].length;
      continue;
    }
    const ident = IDENT.exec(rest);
    if (ident) {
      push(out, ident[0], isWordStart && spec.keywords.has(ident[0]) ? 'keyword' : 'plain');
      i += ident[0].length;
      continue;
    }
    push(out, ch, 'plain');
    i += 1;
  }
  return out;
}

/** Highlights a whole code block, one token list per line; unknown languages come back plain. */
export function highlightCode(code: string, lang: string | undefined): CodeToken[][] {
  const name = languageOf(lang);
  const spec = name ? SPECS[name] : undefined;
  const lines = code.split('\n');
  if (!spec) return lines.map((text) => (text === '' ? [] : [{ text, kind: 'plain' as const }]));
  const state = { inBlock: false };
  return lines.map((line) => highlightLine(line, spec, state));
}
