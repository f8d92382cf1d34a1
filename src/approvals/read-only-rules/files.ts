// Read-only rules for programs that list, show and describe files (GNU coreutils 9, file 5).
// Option lists follow each program's --help on Debian 12; anything not listed needs approval.
import type { ReadOnlyRule } from './rule.ts';
import { atMostOperands } from './rule.ts';

export const FILE_RULES: readonly ReadOnlyRule[] = [
  {
    command: 'ls',
    acceptsExpansions: true,
    options: [
      '-a', '--all', '-A', '--almost-all', '--author', '-b', '--escape', '--block-size=', '-B', '--ignore-backups',
      '-c', '-C', '--color=?', '-d', '--directory', '-D', '--dired', '-f', '-F', '--classify=?', '--file-type',
      '--format=', '--full-time', '-g', '--group-directories-first', '-G', '--no-group', '-h', '--human-readable',
      '--si', '-H', '--dereference-command-line', '--dereference-command-line-symlink-to-dir', '--hide=',
      '--hyperlink=?', '--indicator-style=', '-i', '--inode', '-I=', '--ignore=', '-k', '--kibibytes', '-l', '-L',
      '--dereference', '-m', '-n', '--numeric-uid-gid', '-N', '--literal', '-o', '-p', '-q', '--hide-control-chars',
      '--show-control-chars', '-Q', '--quote-name', '--quoting-style=', '-r', '--reverse', '-R', '--recursive', '-s',
      '--size', '-S', '--sort=', '--time=', '--time-style=', '-t', '-T=', '--tabsize=', '-u', '-U', '-v', '-w=',
      '--width=', '-x', '-X', '-Z', '--context', '--zero', '-1',
    ],
    match: ['ls', 'ls -la src', 'ls src/*.ts {a,b}', 'ls -1 --color=never', 'ls -w80 -I "*.o"', ['ls', '--sort=size']],
    notMatch: ['ls --colour', 'ls --col=never', 'ls -lj', 'ls --all=x', 'ls -w'],
  },
  {
    command: 'cat',
    acceptsExpansions: true,
    options: [
      '-A', '--show-all', '-b', '--number-nonblank', '-e', '-E', '--show-ends', '-n', '--number', '-s',
      '--squeeze-blank', '-t', '-T', '--show-tabs', '-u', '-v', '--show-nonprinting',
    ],
    match: ['cat README.md', 'cat a b', 'cat *.md', 'cat -An - f', 'cat -- -n'],
    notMatch: ['cat --num f', 'cat -x f', 'cat a > b'],
  },
  {
    command: 'head',
    acceptsExpansions: true,
    options: ['-c=', '--bytes=', '-n=', '--lines=', '-q', '--quiet', '--silent', '-v', '--verbose', '-z', '--zero-terminated', '-NUM'],
    match: ['head -n 20 f', 'head -n5 f', 'head --lines=5 f', 'head -5 f', 'head -qc 10 a b'],
    notMatch: ['head --line=5 f', 'head -n', 'head -5x f', 'head --lines'],
  },
  {
    command: 'tail',
    acceptsExpansions: true,
    options: [
      '-c=', '--bytes=', '-f', '--follow=?', '-F', '-n=', '--lines=', '--max-unchanged-stats=', '--pid=', '-q', '--quiet',
      '--silent', '--retry', '-s=', '--sleep-interval=', '-v', '--verbose', '-z', '--zero-terminated', '-NUM',
    ],
    match: ['tail -5 log.txt', 'tail -n +10 f', 'tail -f --follow=name log'],
    notMatch: ['tail --foll log', 'tail -5k log'],
  },
  {
    command: 'wc',
    acceptsExpansions: true,
    options: [
      '-c', '--bytes', '-m', '--chars', '-l', '--lines', '--files0-from=', '-L', '--max-line-length', '-w', '--words',
    ],
    match: ['wc -l f', 'wc -lw a b', 'wc --files0-from=list'],
    notMatch: ['wc --line f', 'wc -x f'],
  },
  {
    command: 'stat',
    acceptsExpansions: true,
    options: [
      '-L', '--dereference', '-f', '--file-system', '--cached=', '-c=', '--format=', '--printf=', '-t', '--terse',
    ],
    match: ['stat f', 'stat -c %s f', "stat --printf='%n %s\\n' f"],
    notMatch: ['stat --form=%s f', 'stat -x f'],
  },
  {
    command: 'du',
    acceptsExpansions: true,
    options: [
      '-0', '--null', '-a', '--all', '--apparent-size', '-B=', '--block-size=', '-b', '--bytes', '-c', '--total',
      '-D', '--dereference-args', '-d=', '--max-depth=', '--files0-from=', '-H', '-h', '--human-readable', '--inodes',
      '-k', '-L', '--dereference', '-l', '--count-links', '-m', '-P', '--no-dereference', '-S', '--separate-dirs',
      '--si', '-s', '--summarize', '-t=', '--threshold=', '--time=?', '--time-style=', '-X=', '--exclude-from=',
      '--exclude=', '-x', '--one-file-system',
    ],
    match: ['du -sh .', 'du -d 1 src', 'du --max-depth=2 --exclude=node_modules'],
    notMatch: ['du --max=2', 'du -q'],
  },
  {
    // file 5: -C compiles a magic file (writes NAME.mgc), -m names one, -z/-Z run decompressors,
    // -p resets access times (a write), -S turns off file's own sandbox.
    command: 'file',
    options: [
      '-b', '--brief', '-c', '--checking-printout', '-e=', '--exclude=', '--exclude-quiet=', '-f=', '--files-from=',
      '-F=', '--separator=', '-i', '--mime', '--apple', '--extension', '--mime-type', '--mime-encoding', '-k',
      '--keep-going', '-l', '--list', '-L', '--dereference', '-h', '--no-dereference', '-n', '--no-buffer', '-N',
      '--no-pad', '-0', '--print0', '-r', '--raw', '-s', '--special-files', '-d', '--debug',
    ],
    match: ['file src/a.ts', 'file -b --mime-type f', 'file -L -- a b'],
    notMatch: ['file -C -m x', 'file -C', 'file --compile -m x', 'file -m magic f', 'file -z f.gz', 'file -p f', 'file --mime-t f', 'file *'],
  },
  {
    command: 'basename',
    acceptsExpansions: true,
    options: ['-a', '--multiple', '-s=', '--suffix=', '-z', '--zero'],
    match: ['basename src/a.ts', 'basename -s .ts src/a.ts'],
    notMatch: ['basename --suf=.ts a.ts'],
  },
  {
    command: 'dirname',
    acceptsExpansions: true,
    options: ['-z', '--zero'],
    match: ['dirname src/a.ts'],
    notMatch: ['dirname --ze a'],
  },
  {
    command: 'realpath',
    acceptsExpansions: true,
    options: [
      '-e', '--canonicalize-existing', '-m', '--canonicalize-missing', '-L', '--logical', '-P', '--physical', '-q',
      '--quiet', '--relative-to=', '--relative-base=', '-s', '--strip', '--no-symlinks', '-z', '--zero',
    ],
    match: ['realpath .', 'realpath --relative-to=src a'],
    notMatch: ['realpath --rel=src a'],
  },
  {
    command: 'readlink',
    acceptsExpansions: true,
    options: [
      '-f', '--canonicalize', '-e', '--canonicalize-existing', '-m', '--canonicalize-missing', '-n', '--no-newline',
      '-q', '--quiet', '-s', '--silent', '-v', '--verbose', '-z', '--zero',
    ],
    match: ['readlink -f link'],
    notMatch: ['readlink --canon link'],
  },
  ...['md5sum', 'sha1sum', 'sha256sum', 'sha512sum'].map(
    (command): ReadOnlyRule => ({
      command,
      acceptsExpansions: true,
      options: [
        '-b', '--binary', '-c', '--check', '--tag', '-t', '--text', '-z', '--zero', '--ignore-missing', '--quiet',
        '--status', '--strict', '-w', '--warn',
      ],
      match: [`${command} f`, `${command} -c sums.txt`],
      notMatch: [`${command} --chec sums.txt`, `${command} -x f`],
    }),
  ),
  {
    command: 'pwd',
    acceptsExpansions: true,
    options: ['-L', '-P'],
    match: ['pwd', 'pwd -P'],
    notMatch: ['pwd --physical'],
  },
  {
    // The builtin: it changes the directory of the rest of the script and nothing else.
    command: 'cd',
    acceptsExpansions: true,
    options: ['-L', '-P', '-e', '-@'],
    accepts: atMostOperands(1),
    match: ['cd src && ls', 'cd -P ..', 'cd'],
    notMatch: ['cd a b', 'cd --x'],
  },
  {
    // Debian's which: `which [-a] names`.
    command: 'which',
    acceptsExpansions: true,
    options: ['-a'],
    match: ['which node', 'which -a git'],
    notMatch: ['which --all git', 'which -s git'],
  },
  {
    // echo prints every argument, options included; true and false ignore theirs.
    command: 'echo',
    acceptsExpansions: true,
    anyArguments: true,
    match: ['echo hi', 'echo -n --output=x', 'echo "a b" \'c d\''],
    notMatch: ['echo hi > out', 'echo $(rm x)'],
  },
  {
    command: 'true',
    acceptsExpansions: true,
    anyArguments: true,
    match: ['true', 'true --anything'],
    notMatch: ['true > out'],
  },
  {
    command: 'false',
    acceptsExpansions: true,
    anyArguments: true,
    match: ['false', 'ls || false'],
    notMatch: ['false >> out'],
  },
];
