// Read-only rules for programs that transform text to stdout (GNU coreutils 9, diffutils 3.8,
// sed 4.9). Several can write or run something through an option or an operand; those are left out
// of the option lists or limited by `accepts`, and the examples show each.
import { hasOption, valuesOf } from './options.ts';
import type { ParsedArgs } from './options.ts';
import type { ReadOnlyRule } from './rule.ts';
import { atMostOperands } from './rule.ts';

/** `sed -n` scripts made only of print commands: `p`, `N p`, `N,M p`, `$p`, `/re/p`, joined by `;`. */
const SED_ADDRESS = String.raw`(?:\d+|\$|/(?:[^/\\\n]|\\.)*/)`;
const SED_PRINT = new RegExp(String.raw`^\s*(?:(?:${SED_ADDRESS}(?:,${SED_ADDRESS})?)?\s*p\s*;?\s*)+$`);

function sedPrintsOnly(parsed: ParsedArgs): boolean {
  if (!hasOption(parsed, '-n', '--quiet', '--silent')) return false;
  const given = valuesOf(parsed, '-e', '--expression');
  const scripts = given.length > 0 ? given : parsed.positionals.slice(0, 1);
  return scripts.length > 0 && scripts.every((s) => SED_PRINT.test(s));
}

export const TEXT_RULES: readonly ReadOnlyRule[] = [
  {
    command: 'cut',
    acceptsExpansions: true,
    options: [
      '-b=', '--bytes=', '-c=', '--characters=', '-d=', '--delimiter=', '-f=', '--fields=', '-n', '--complement', '-s',
      '--only-delimited', '--output-delimiter=', '-z', '--zero-terminated',
    ],
    match: ['cut -d, -f1 data.csv', 'cut -c 1-10 f', "cut --delimiter=':' -f 2 f"],
    notMatch: ['cut --delim=, -f1 f', 'cut -x f'],
  },
  {
    command: 'tr',
    acceptsExpansions: true,
    options: ['-c', '-C', '--complement', '-d', '--delete', '-s', '--squeeze-repeats', '-t', '--truncate-set1'],
    match: ['tr a-z A-Z', "tr -d '\\r'", 'cat f | tr -s " "'],
    notMatch: ['tr --del x', 'tr -x a b'],
  },
  {
    command: 'nl',
    acceptsExpansions: true,
    options: [
      '-b=', '--body-numbering=', '-d=', '--section-delimiter=', '-f=', '--footer-numbering=', '-h=',
      '--header-numbering=', '-i=', '--line-increment=', '-l=', '--join-blank-lines=', '-n=', '--number-format=', '-p',
      '--no-renumber', '-s=', '--number-separator=', '-v=', '--starting-line-number=', '-w=', '--number-width=',
    ],
    match: ['nl f', 'nl -ba -w3 f'],
    notMatch: ['nl --body=a f'],
  },
  {
    // -l/--paginate runs `pr`; -D/--ifdef and the group formats are output shapes, left out.
    command: 'diff',
    options: [
      '--normal', '-q', '--brief', '-s', '--report-identical-files', '-c', '-C=', '--context=?', '-u', '-U=',
      '--unified=?', '-e', '--ed', '-n', '--rcs', '-y', '--side-by-side', '-W=', '--width=', '--left-column',
      '--suppress-common-lines', '-p', '--show-c-function', '-F=', '--show-function-line=', '--label=', '-t',
      '--expand-tabs', '-T', '--initial-tab', '--tabsize=', '--suppress-blank-empty', '-r', '--recursive',
      '--no-dereference', '-N', '--new-file', '--unidirectional-new-file', '--ignore-file-name-case',
      '--no-ignore-file-name-case', '-x=', '--exclude=', '-X=', '--exclude-from=', '-S=', '--starting-file=',
      '--from-file=', '--to-file=', '-i', '--ignore-case', '-E', '--ignore-tab-expansion', '-Z',
      '--ignore-trailing-space', '-b', '--ignore-space-change', '-w', '--ignore-all-space', '-B', '--ignore-blank-lines',
      '-I=', '--ignore-matching-lines=', '-a', '--text', '--strip-trailing-cr', '-d', '--minimal', '--horizon-lines=',
      '--speed-large-files', '--color=?', '--palette=',
    ],
    match: ['diff a b', 'diff -u a b', 'diff -ru --exclude=.git a b', 'diff -U 5 a b', 'diff --unified=5 a b'],
    notMatch: ['diff -l a b', 'diff --paginate a b', 'diff --unif=5 a b', 'diff -D X a b'],
  },
  {
    command: 'cmp',
    acceptsExpansions: true,
    options: [
      '-b', '--print-bytes', '-i=', '--ignore-initial=', '-l', '--verbose', '-n=', '--bytes=', '-s', '--quiet',
      '--silent',
    ],
    match: ['cmp a b', 'cmp -l a b', 'cmp -n 100 a b 10 20'],
    notMatch: ['cmp --verb a b'],
  },
  {
    command: 'comm',
    acceptsExpansions: true,
    options: ['-1', '-2', '-3', '--check-order', '--nocheck-order', '--output-delimiter=', '--total', '-z', '--zero-terminated'],
    match: ['comm -12 a b', 'comm -3 --nocheck-order a b'],
    notMatch: ['comm --tot a b', 'comm -4 a b'],
  },
  {
    // -o/--output writes a file, -T/--temporary-directory writes there, --compress-program runs a
    // program, and getopt would accept any unique prefix of these: only exact listed names pass.
    command: 'sort',
    options: [
      '-b', '--ignore-leading-blanks', '-d', '--dictionary-order', '-f', '--ignore-case', '-g', '--general-numeric-sort',
      '-i', '--ignore-nonprinting', '-M', '--month-sort', '-h', '--human-numeric-sort', '-n', '--numeric-sort', '-R',
      '--random-sort', '--random-source=', '-r', '--reverse', '--sort=', '-V', '--version-sort', '--batch-size=', '-c',
      '-C', '--check=?', '--debug', '--files0-from=', '-k=', '--key=', '-m', '--merge', '-s', '--stable', '-S=',
      '--buffer-size=', '-t=', '--field-separator=', '--parallel=', '-u', '--unique', '-z', '--zero-terminated',
    ],
    match: ['sort -n data.txt', 'sort -t, -k2,2n f', 'sort -u a b | uniq -c', 'sort --key=1 -- f'],
    notMatch: [
      'sort -o out.txt in.txt',
      'sort -uo out.txt in.txt',
      'sort --output=out f',
      'sort --outp=out f',
      'sort --compress-program=sh f',
      'sort --compress-prog=sh f',
      'sort -T /tmp f',
      'sort --temporary-directory=/tmp f',
      'sort *.txt',
      'cd g && sort -S 1K *',
    ],
  },
  {
    // `uniq [IN [OUT]]`: a second operand is a file it truncates and writes, even after `-`. With
    // POSIXLY_CORRECT set, getopt stops at the first operand and `uniq IN -c` writes a file `-c`:
    // so nothing may follow the operand.
    command: 'uniq',
    options: [
      '-c', '--count', '-d', '--repeated', '-D', '--all-repeated=?', '-f=', '--skip-fields=', '--group=?', '-i',
      '--ignore-case', '-s=', '--skip-chars=', '-u', '--unique', '-z', '--zero-terminated', '-w=', '--check-chars=',
    ],
    accepts: (parsed) => atMostOperands(1)(parsed) && !parsed.optionAfterOperand,
    match: ['uniq f', 'sort f | uniq -c', 'uniq -f 1 -s 2 f', 'uniq -'],
    notMatch: ['uniq in out', 'uniq - OUT', 'uniq -c in out', 'uniq -- in out', 'uniq --coun f', 'uniq in -c', 'uniq *.txt', 'uniq {in,out}'],
  },
  {
    // Only `sed -n` with print commands: no -i (in place), no -f (a script file), no `w`, `e`, `s`.
    command: 'sed',
    options: [
      '-n', '--quiet', '--silent', '--debug', '-e=', '--expression=', '-l=', '--line-length=', '--posix', '-E', '-r',
      '--regexp-extended', '-s', '--separate', '--sandbox', '-u', '--unbuffered', '-z', '--null-data',
    ],
    accepts: sedPrintsOnly,
    match: ['sed -n p f', "sed -n '1,20p' src/a.ts", 'sed -n 5p file', "sed -n '/start/,/end/p' file", "sed -ne '$p' f", 'sed -n -e 1p -e 3p f'],
    notMatch: [
      'sed -i s/a/b/ file',
      "sed -n '1p;w out' file",
      "sed -n '1e rm x' file",
      "sed 's/a/b/' file",
      'sed -n -i 1p file',
      'sed -ni 1p file',
      'sed -n -f script.sed file',
      'sed --quiet --in-place 1p f',
      'sed --qui 1p f',
      "sed -n 's/a/b/w out' f",
      'sed -n 1p -e 2w f',
      'sed -n 1p *',
    ],
  },
];
