// A small, deliberately conservative tokenizer for bash scripts, enough to tell a simple list of
// commands (`a | b && c; d`) apart from anything cleverer. It returns null — "unsure" — for every
// construct it does not model: command or process substitution, parameter expansion, subshells,
// groups, here-documents, background jobs, control keywords. Callers treat null as "not safe".

export interface Redirect {
  /** `<`, `>`, `>>`, `>|`, `<&`, `>&`, `&>`, `&>>`. */
  op: string;
  /** The file descriptor written before the operator (`2>`), when there is one. */
  fd?: string;
  target: string;
}

export interface SimpleCommand {
  /** `NAME=value` words before the program. */
  assignments: string[];
  /** The program and its arguments, quotes removed. */
  words: string[];
  redirects: Redirect[];
  /**
   * Indexes into `words` of words with an unquoted glob (`*`, `?`, `[`) or brace expansion: bash
   * turns each into any number of words, and file names the model chose can start with `-`.
   * Absent when there are none.
   */
  patterns?: number[];
}

const KEYWORDS = new Set([
  'if', 'then', 'else', 'elif', 'fi', 'for', 'while', 'until', 'do', 'done', 'case', 'esac', 'in',
  'function', 'select', 'time', 'coproc', '{', '}', '[[', ']]', '!',
]);
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*\+?=/;
/** After `$`, these start an expansion; anything else leaves `$` literal, as bash does. */
const EXPANSION_START = /[A-Za-z0-9_{(@*#?$!-]/;

class Unsupported extends Error {}

/**
 * Splits a script into simple commands joined by `|`, `|&`, `&&`, `||`, `;` or newlines.
 * Returns null when the script uses anything beyond words, quotes and plain redirections.
 */
export function parseScript(script: string): SimpleCommand[] | null {
  try {
    return new Lexer(script).commands();
  } catch (err) {
    if (err instanceof Unsupported) return null;
    throw err;
  }
}

/** The argv form needs no parsing: one command, no redirections. */
export function argvCommand(argv: string[]): SimpleCommand {
  return { assignments: [], words: [...argv], redirects: [] };
}

class Lexer {
  private readonly s: string;
  private i = 0;
  private readonly out: SimpleCommand[] = [];
  private current: SimpleCommand = { assignments: [], words: [], redirects: [] };

  constructor(s: string) {
    this.s = s;
  }

  commands(): SimpleCommand[] {
    // True after `|`, `&&`, `||`: a command must follow (newlines may come in between).
    let needCommand = false;
    while (this.i < this.s.length) {
      const c = this.s[this.i] as string;
      if (c === ' ' || c === '\t') {
        this.i++;
      } else if (c === '\\' && this.s[this.i + 1] === '\n') {
        this.i += 2; // a line continuation between words
      } else if (c === '\n' || c === ';' || c === '|' || c === '&') {
        const op = this.operator();
        if (op === '&>' || op === '&>>') {
          this.redirect(op, undefined);
          needCommand = false;
          continue;
        }
        const empty = this.finishCommand();
        if (op === '\n') continue;
        // A separator after nothing (`; ls`, `a && && b`) is a syntax error.
        if (empty) throw new Unsupported();
        needCommand = op !== ';';
      } else if (c === '#') {
        while (this.i < this.s.length && this.s[this.i] !== '\n') this.i++;
      } else if (c === '<' || c === '>') {
        this.redirect(this.redirectOperator(), undefined);
        needCommand = false;
      } else if (c === '(' || c === ')') {
        throw new Unsupported();
      } else {
        const word = this.word();
        const next = this.s[this.i];
        if (/^\d+$/.test(word.text) && !word.quoted && (next === '<' || next === '>')) {
          this.redirect(this.redirectOperator(), word.text);
        } else {
          this.addWord(word.text, word.quoted, word.pattern);
        }
        needCommand = false;
      }
    }
    this.finishCommand();
    if (needCommand) throw new Unsupported();
    return this.out;
  }

  private operator(): string {
    const two = this.s.slice(this.i, this.i + 2);
    const three = this.s.slice(this.i, this.i + 3);
    if (three === '&>>') {
      this.i += 3;
      return three;
    }
    if (two === '&&' || two === '||' || two === '|&' || two === '&>' || two === ';;') {
      if (two === ';;') throw new Unsupported();
      this.i += 2;
      return two;
    }
    const one = this.s[this.i] as string;
    if (one === '&') throw new Unsupported(); // a background job
    this.i += 1;
    return one;
  }

  private redirectOperator(): string {
    for (const op of ['>>', '>|', '>&', '<&', '>', '<']) {
      if (this.s.startsWith(op, this.i)) {
        // Here-documents, here-strings, `<>` and process substitution are not modelled.
        if (op === '<' && (this.s[this.i + 1] === '<' || this.s[this.i + 1] === '>' || this.s[this.i + 1] === '(')) throw new Unsupported();
        if (op === '>' && this.s[this.i + 1] === '(') throw new Unsupported();
        this.i += op.length;
        return op;
      }
    }
    throw new Unsupported();
  }

  private redirect(op: string, fd: string | undefined): void {
    while (this.s[this.i] === ' ' || this.s[this.i] === '\t') this.i++;
    const c = this.s[this.i];
    if (c === undefined || '\n;|&<>()'.includes(c)) throw new Unsupported();
    const target = this.word();
    this.current.redirects.push(fd === undefined ? { op, target: target.text } : { op, fd, target: target.text });
  }

  private addWord(text: string, quoted: boolean, pattern: boolean): void {
    const cmd = this.current;
    if (cmd.words.length === 0 && !quoted && ASSIGNMENT.test(text)) {
      cmd.assignments.push(text);
      return;
    }
    if (cmd.words.length === 0 && !quoted && KEYWORDS.has(text)) throw new Unsupported();
    if (pattern) (cmd.patterns ??= []).push(cmd.words.length);
    cmd.words.push(text);
  }

  /** Returns true when there was nothing to finish. */
  private finishCommand(): boolean {
    const cmd = this.current;
    const empty = cmd.words.length === 0 && cmd.assignments.length === 0 && cmd.redirects.length === 0;
    if (!empty) this.out.push(cmd);
    this.current = { assignments: [], words: [], redirects: [] };
    return empty;
  }

  /** One word with its quotes removed; throws on expansions and substitutions. */
  private word(): { text: string; quoted: boolean; pattern: boolean } {
    let text = '';
    let quoted = false;
    let glob = false;
    let brace = false;
    while (this.i < this.s.length) {
      const c = this.s[this.i] as string;
      if (' \t\n;|&<>()'.includes(c)) break;
      if (c === '`') throw new Unsupported();
      if (c === '$') {
        this.dollar();
        text += '$';
        this.i++;
      } else if (c === '\\') {
        const next = this.s[this.i + 1];
        if (next === undefined) throw new Unsupported();
        if (next !== '\n') text += next;
        this.i += 2;
      } else if (c === "'") {
        const end = this.s.indexOf("'", this.i + 1);
        if (end < 0) throw new Unsupported();
        text += this.s.slice(this.i + 1, end);
        this.i = end + 1;
        quoted = true;
      } else if (c === '"') {
        text += this.doubleQuoted();
        quoted = true;
      } else {
        if ('*?['.includes(c)) glob = true;
        if (c === '{') brace = true;
        text += c;
        this.i++;
      }
    }
    // `{a,b}` and `{1..3}` expand; `HEAD@{1}` does not.
    return { text, quoted, pattern: glob || (brace && /,|\.\./.test(text)) };
  }

  private dollar(): void {
    const next = this.s[this.i + 1];
    if (next !== undefined && EXPANSION_START.test(next)) throw new Unsupported();
    // `$'…'` and `$"…"` are ANSI-C and locale quoting: not modelled.
    if (next === "'" || next === '"') throw new Unsupported();
  }

  private doubleQuoted(): string {
    let text = '';
    this.i++;
    while (this.i < this.s.length) {
      const c = this.s[this.i] as string;
      if (c === '"') {
        this.i++;
        return text;
      }
      if (c === '`') throw new Unsupported();
      if (c === '$') {
        const next = this.s[this.i + 1];
        if (next !== undefined && EXPANSION_START.test(next)) throw new Unsupported();
        text += '$';
        this.i++;
      } else if (c === '\\') {
        const next = this.s[this.i + 1];
        if (next === undefined) throw new Unsupported();
        if ('$`"\\'.includes(next)) text += next;
        else if (next !== '\n') text += `\\${next}`;
        this.i += 2;
      } else {
        text += c;
        this.i++;
      }
    }
    throw new Unsupported();
  }
}
