// Read-only rules for programs that search (GNU grep 3.8, ripgrep 14, GNU find 4.9, tree 2).
import type { ArgsCheck, ReadOnlyRule } from './rule.ts';

const GREP_OPTIONS = [
  '-E', '--extended-regexp', '-F', '--fixed-strings', '-G', '--basic-regexp', '-P', '--perl-regexp', '-e=', '--regexp=',
  '-f=', '--file=', '-i', '-y', '--ignore-case', '--no-ignore-case', '-w', '--word-regexp', '-x', '--line-regexp', '-z',
  '--null-data', '-s', '--no-messages', '-v', '--invert-match', '-m=', '--max-count=', '-b', '--byte-offset', '-n',
  '--line-number', '--line-buffered', '-H', '--with-filename', '-h', '--no-filename', '--label=', '-o',
  '--only-matching', '-q', '--quiet', '--silent', '--binary-files=', '-a', '--text', '-I', '-d=', '--directories=',
  '-D=', '--devices=', '-r', '--recursive', '-R', '--dereference-recursive', '--include=', '--exclude=',
  '--exclude-from=', '--exclude-dir=', '-L', '--files-without-match', '-l', '--files-with-matches', '-c', '--count',
  '-T', '--initial-tab', '-Z', '--null', '-B=', '--before-context=', '-A=', '--after-context=', '-C=', '--context=',
  '--group-separator=', '--no-group-separator', '--color=?', '--colour=?', '-U', '--binary', '-NUM',
] as const;

/** grep never writes or runs anything; egrep and fgrep are `grep -E` and `grep -F`. */
const GREP_RULES: readonly ReadOnlyRule[] = ['grep', 'egrep', 'fgrep'].map((command) => ({
  command,
  acceptsExpansions: true,
  options: GREP_OPTIONS,
  match: [`${command} -rn x .`, `${command} -n x src/*.ts`, `${command} -n -C3 -e a -e b f`, `${command} -3 --color=never x f`, `${command} -c x -- -f`],
  notMatch: [`${command} --colo x f`, `${command} --con=3 x f`, `${command} -rnj x .`, `${command} --line x f`],
}));

// rg: --pre and --pre-glob run a program on every file, --hostname-bin runs one, -z/--search-zip
// runs decompressors; none is listed.
const RG_RULE: ReadOnlyRule = {
  command: 'rg',
  options: [
    '-e=', '--regexp=', '-f=', '--file=', '-g=', '--glob=', '--iglob=', '--glob-case-insensitive', '-t=', '--type=',
    '-T=', '--type-not=', '--type-list', '-A=', '--after-context=', '-B=', '--before-context=', '-C=', '--context=',
    '-m=', '--max-count=', '-M=', '--max-columns=', '--max-columns-preview', '-d=', '--max-depth=', '--max-filesize=',
    '-r=', '--replace=', '--sort=', '--sortr=', '--sort-files', '--color=', '--colors=', '-E=', '--encoding=', '-j=',
    '--threads=', '-i', '--ignore-case', '-S', '--smart-case', '-s', '--case-sensitive', '-w', '--word-regexp', '-x',
    '--line-regexp', '-v', '--invert-match', '-F', '--fixed-strings', '-l', '--files-with-matches',
    '--files-without-match', '-c', '--count', '--count-matches', '-n', '--line-number', '-N', '--no-line-number', '-H',
    '--with-filename', '-I', '--no-filename', '-o', '--only-matching', '-q', '--quiet', '-U', '--multiline',
    '--multiline-dotall', '-P', '--pcre2', '-a', '--text', '-L', '--follow', '-u', '--unrestricted', '-.', '--hidden',
    '--no-ignore', '--no-ignore-vcs', '--no-ignore-parent', '--no-ignore-dot', '--no-ignore-global',
    '--no-ignore-exclude', '--no-ignore-files', '--files', '--json', '--heading', '--no-heading', '--vimgrep',
    '--column', '--no-column', '--trim', '--stats', '-0', '--null', '--null-data', '--no-messages', '-b',
    '--byte-offset', '--passthru', '--crlf', '--one-file-system', '--no-config', '--binary', '-p', '--pretty',
  ],
  match: ['rg -n foo', 'rg -n "parseDate" src', 'rg -uu -g "*.ts" -t ts x', 'rg --color never -A2 x', ['rg', '-n', 'foo; rm -rf /']],
  notMatch: ['rg --pre ./evil foo', 'rg --pre=./evil foo', 'rg --pre-glob "*" --pre sh x', 'rg -z x', 'rg --search-zip x', 'rg --hostname-bin=sh x', 'rg --hidd x', 'rg x *'],
};

// find: the starting points, then an expression of primaries. Every primary listed with how many
// words it takes; actions that run (-exec, -ok …), delete (-delete) or write (-fprint, -fls …)
// are not listed. Operators `(`, `)`, `!`, `,` take nothing.
const FIND_PRIMARIES: Readonly<Record<string, number>> = {
  '-H': 0, '-L': 0, '-P': 0, '-D': 1, '-O0': 0, '-O1': 0, '-O2': 0, '-O3': 0,
  '-daystart': 0, '-follow': 0, '-nowarn': 0, '-warn': 0, '-regextype': 1, '-depth': 0, '-d': 0, '-files0-from': 1,
  '-maxdepth': 1, '-mindepth': 1, '-mount': 0, '-noleaf': 0, '-xdev': 0, '-ignore_readdir_race': 0,
  '-noignore_readdir_race': 0, '-amin': 1, '-anewer': 1, '-atime': 1, '-cmin': 1, '-cnewer': 1, '-context': 1,
  '-ctime': 1, '-empty': 0, '-false': 0, '-fstype': 1, '-gid': 1, '-group': 1, '-ilname': 1, '-iname': 1, '-inum': 1,
  '-ipath': 1, '-iregex': 1, '-iwholename': 1, '-links': 1, '-lname': 1, '-mmin': 1, '-mtime': 1, '-name': 1,
  '-newer': 1, '-nouser': 0, '-nogroup': 0, '-path': 1, '-perm': 1, '-regex': 1, '-readable': 0, '-writable': 0,
  '-executable': 0, '-samefile': 1, '-size': 1, '-true': 0, '-type': 1, '-uid': 1, '-used': 1, '-user': 1,
  '-wholename': 1, '-xtype': 1, '-print': 0, '-print0': 0, '-printf': 1, '-ls': 0, '-prune': 0, '-quit': 0,
  '-not': 0, '-a': 0, '-and': 0, '-o': 0, '-or': 0, '(': 0, ')': 0, '!': 0, ',': 0,
};

/** `-newerXY ref` with X, Y among a, B, c, m, t. */
const FIND_NEWER = /^-newer[aBcm][aBcmt]$/;

const findCheck: ArgsCheck = (args) => {
  for (let i = 0; i < args.length; i++) {
    const word = args[i] as string;
    const takes = Object.hasOwn(FIND_PRIMARIES, word) ? FIND_PRIMARIES[word] : FIND_NEWER.test(word) ? 1 : undefined;
    if (takes === undefined) {
      if (word.startsWith('-')) return false;
      continue; // a starting point
    }
    if (i + takes >= args.length) return false;
    i += takes;
  }
  return true;
};

const FIND_RULE: ReadOnlyRule = {
  command: 'find',
  check: findCheck,
  match: [
    'find . -name "*.ts" -type f',
    'find src -maxdepth 2 \\( -name a -o -name b \\) -print',
    'find . -newermt 2024-01-01 -printf "%p\\n"',
    'find . -name -delete',
    'find -L . ! -path "./node_modules/*" -ls',
  ],
  notMatch: [
    'find . -delete',
    'find . -name x -exec rm {} \\;',
    'find . -execdir sh -c x \\;',
    'find . -ok rm {} \\;',
    'find . -okdir rm {} \\;',
    'find . -fprint out',
    'find . -fprint0 out',
    'find . -fprintf out %p',
    'find . -fls out',
    'find . -name',
    'find . -nam x',
    'find . -name *.ts',
  ],
};

// tree takes a short option's value from the NEXT word, whatever else is in the cluster (`-La 2`),
// so its options are checked by hand. -o writes a file; -R with -H writes 00Tree.html files.
const TREE_FLAGS = new Set('adlfxisughpDFqNQrtcUvCnASJ'.split(''));
const TREE_VALUE_LETTERS = new Set(['L', 'P', 'I']);
const TREE_LONG = new Set([
  '--noreport', '--dirsfirst', '--filesfirst', '--gitignore', '--ignore-case', '--matchdirs', '--metafirst', '--prune',
  '--info', '--du', '--si', '--inodes', '--device',
]);

const treeCheck: ArgsCheck = (args) => {
  for (let i = 0; i < args.length; i++) {
    const word = args[i] as string;
    if (word === '--') return true;
    if (word.startsWith('--')) {
      if (!TREE_LONG.has(word)) return false;
    } else if (word.startsWith('-') && word !== '-') {
      for (const letter of word.slice(1)) {
        if (TREE_VALUE_LETTERS.has(letter)) {
          if (++i >= args.length) return false;
        } else if (!TREE_FLAGS.has(letter)) return false;
      }
    }
  }
  return true;
};

const TREE_RULE: ReadOnlyRule = {
  command: 'tree',
  check: treeCheck,
  match: ['tree', 'tree -L 2 src', 'tree -a -I node_modules --dirsfirst', 'tree -La 2 .'],
  notMatch: ['tree -o out', 'tree -L 2 -o out', 'tree -Lo 2 out', 'tree -R -H . -L 1', 'tree --fromfile list', 'tree --dirs'],
};

export const SEARCH_RULES: readonly ReadOnlyRule[] = [...GREP_RULES, RG_RULE, FIND_RULE, TREE_RULE];
