// The read-only classifier and the tokenizer under it: what runs without asking under `untrusted`.
import { describe, expect, it } from 'vitest';
import { isReadOnlyCommand } from '../../src/approvals/read-only.ts';
import { parseScript } from '../../src/approvals/shell-words.ts';

const READ_ONLY = [
  'ls',
  'ls -la src',
  'cat README.md',
  'head -n 20 src/a.ts',
  'tail -5 log.txt',
  'wc -l src/*.ts',
  'pwd',
  'rg -n "parseDate" src',
  "grep -rn 'foo$' .",
  'find . -name "*.ts" -type f',
  'git status',
  'git status --short',
  'git diff HEAD~1 -- src',
  'git log --oneline -5',
  'git show HEAD:src/a.ts',
  'git --no-pager log -1',
  'git branch',
  'git branch -a -v',
  'git branch --list "feat/*"',
  "sed -n '1,20p' src/a.ts",
  'sed -n 5p file',
  "sed -n '/start/,/end/p' file",
  'cat a | grep x | wc -l',
  'cd src && ls && cat a.ts',
  'ls; pwd',
  'ls || echo none',
  'rg foo 2>/dev/null',
  'ls missing 2>&1 | head',
  'cat < input.txt',
  'echo "a b" \'c d\'',
  'ls # a comment',
  'git diff\ngit status',
  'sort -n data.txt | uniq -c',
  ['rg', '-n', 'foo; rm -rf /'],
  ['cat', 'a > b'],
  ['git', 'status'],
];

const NOT_READ_ONLY = [
  'git push',
  'git push origin main',
  'git commit -m x',
  'git checkout -b x',
  'git branch -D old',
  'git branch newbranch',
  'git -C other status',
  'git diff --output=patch.txt',
  'git log --ext-diff',
  'rm file',
  'rm -rf /',
  'cat > f',
  'cat a > b',
  'echo hi >> log',
  'ls >| out',
  'ls &> out.txt',
  'ls 2> errors.txt',
  'echo $(rm -rf x)',
  'echo `rm x`',
  'ls $HOME',
  'cat "${FILE}"',
  'cat "$(whoami)"',
  'find . -delete',
  'find . -name x -exec rm {} \\;',
  'find . -execdir sh -c x \\;',
  'find . -fprint out',
  'sed -i s/a/b/ file',
  "sed -n '1p;w out' file",
  "sed -n '1e rm x' file",
  "sed 's/a/b/' file",
  'sed -n -i 1p file',
  'sort -o out.txt in.txt',
  'sort -uo out.txt in.txt',
  'uniq in.txt out.txt',
  'rg --pre ./evil foo',
  'rg --pre=./evil foo',
  'ls | xargs rm',
  'ls && rm x',
  'ls; rm x',
  'ls | tee out',
  'npm test',
  'make',
  'bash -c "rm x"',
  'sh script.sh',
  './ls',
  '/bin/ls',
  'FOO=1 ls',
  'ls &',
  '(ls)',
  '{ ls; }',
  'if true; then ls; fi',
  'for f in *; do cat $f; done',
  'cat <<EOF\nx\nEOF',
  'cat <(ls)',
  'diff <(ls a) <(ls b)',
  'ls &&',
  '| ls',
  "cat 'unterminated",
  'echo $\'\\x41\'',
  '',
  ['rm', '-rf', 'x'],
  ['bash', '-c', 'ls', 'extra'],
  [],
];

describe('isReadOnlyCommand', () => {
  it.each(READ_ONLY.map((c) => [JSON.stringify(c), c] as const))('%s is read-only', (_, command) => {
    expect(isReadOnlyCommand(command)).toBe(true);
  });

  it.each(NOT_READ_ONLY.map((c) => [JSON.stringify(c), c] as const))('%s is not read-only', (_, command) => {
    expect(isReadOnlyCommand(command)).toBe(false);
  });
});

// The attacks shown in the issue: each ran on the host without a question, and each needs one now.
const SHOWN_ATTACKS = [
  'sort --compress-prog=sh file',
  'git grep --open="cmd;" x',
  'sort --outp=PATH file',
  'file -C -m x',
  'uniq - OUT',
  'uniq in out',
  'find . -fprint out',
];

/** Ordinary reads that must keep running without a question. */
const ORDINARY_READS = [
  'ls -la',
  'cat a b',
  'grep -rn x .',
  'git status',
  'git log --oneline -5',
  'git diff HEAD~1 -- src',
  'sed -n 1,20p f',
  'head -n 20 f',
  'wc -l f',
  'rg -n foo',
];

/** Programs that write, run programs or read input interactively: never on the list. */
const NEVER_READ_ONLY = [
  'tee out', 'tee', 'less f', 'more f', 'env', 'env ls', 'xargs ls', 'awk \'{print}\' f', 'awk \'BEGIN{system("x")}\'',
  'tar tf a.tar', 'date', 'date -s now', 'perl -ne print f', 'python3 -c 1', 'node -e 1', 'vi f', 'man ls', 'watch ls',
  'timeout 1 ls', 'nice ls', 'command ls', 'exec ls', 'eval ls', 'source x', '. x',
];

describe('the shown attacks and ordinary reads', () => {
  it.each(SHOWN_ATTACKS)('%s needs approval', (command) => {
    expect(isReadOnlyCommand(command)).toBe(false);
  });

  it.each(ORDINARY_READS)('%s stays read-only', (command) => {
    expect(isReadOnlyCommand(command)).toBe(true);
  });

  it.each(NEVER_READ_ONLY)('%s is not on the list', (command) => {
    expect(isReadOnlyCommand(command)).toBe(false);
  });
});

describe('parseScript', () => {
  it('splits on operators and removes quotes', () => {
    expect(parseScript(`git log --format='%h %s' | head -3 && echo "done \\"ok\\""`)).toEqual([
      { assignments: [], words: ['git', 'log', '--format=%h %s'], redirects: [] },
      { assignments: [], words: ['head', '-3'], redirects: [] },
      { assignments: [], words: ['echo', 'done "ok"'], redirects: [] },
    ]);
  });

  it('records redirections with their descriptor and assignments before the program', () => {
    expect(parseScript('A=1 B=2 make 2>/dev/null >out.txt')).toEqual([
      {
        assignments: ['A=1', 'B=2'],
        words: ['make'],
        redirects: [
          { op: '>', fd: '2', target: '/dev/null' },
          { op: '>', target: 'out.txt' },
        ],
      },
    ]);
  });

  it('keeps a literal dollar that starts no expansion and joins escaped newlines', () => {
    expect(parseScript("grep 'a$' x; echo cost: $ 5 \\\n more")).toEqual([
      { assignments: [], words: ['grep', 'a$', 'x'], redirects: [] },
      { assignments: [], words: ['echo', 'cost:', '$', '5', 'more'], redirects: [] },
    ]);
  });

  it('marks words the shell would expand: unquoted globs and braces', () => {
    expect(parseScript("ls *.ts 'a*' \\* x{a,b} HEAD@{1} y{1..3} f?")).toEqual([
      { assignments: [], words: ['ls', '*.ts', 'a*', '*', 'x{a,b}', 'HEAD@{1}', 'y{1..3}', 'f?'], redirects: [], patterns: [1, 4, 6, 7] },
    ]);
  });

  it('returns null for what it does not model', () => {
    for (const script of ['echo $(x)', 'echo ${x}', 'a &', '(a)', 'a <<< x', 'a ;; b', 'while x; do y; done', 'a > ']) {
      expect(parseScript(script), script).toBeNull();
    }
  });
});
