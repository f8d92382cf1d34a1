// Read-only rules for git (2.39). Only `--no-pager`/`-P` may come before the subcommand: `-c`,
// `--config-env`, `--exec-path`, `-C`, `--git-dir`, `--work-tree`, `-p` and the rest change which
// configuration, repository or programs git uses. Each subcommand lists its exact options. Left out
// on purpose: every option that writes (`--output`) or runs a program named by configuration or
// by the option (`--ext-diff`, `--textconv`, `--show-signature`, `git grep -O`/`--open-files-in-
// pager`, `%G` formats that run gpg). git's parse-options accepts unique prefixes of long options
// (`git grep --open=cmd`); exact matching refuses them. What git runs because of configuration
// alone (core.fsmonitor, diff.external, textconv drivers) is the git-config hardening's job.
import { valuesOf } from './options.ts';
import type { OptionSpec, ParsedArgs } from './options.ts';
import type { ArgsCheck, ReadOnlyRule } from './rule.ts';
import { indexRules } from './rule.ts';

/** Diff options shared by diff, log and show. Values that git takes only attached are `=?`. */
const DIFF_OPTIONS: readonly OptionSpec[] = [
  '-p', '-u', '--patch', '-s', '--no-patch', '-U=?', '--unified=?', '--raw', '--patch-with-raw', '--patch-with-stat',
  '--stat=?', '--compact-summary', '--numstat', '--shortstat', '--dirstat=?', '--cumulative', '--summary', '-z',
  '--name-only', '--name-status', '--submodule=?', '--color=?', '--no-color', '--color-moved=?', '--no-color-moved',
  '--color-moved-ws=?', '--word-diff=?', '--word-diff-regex=', '--color-words=?', '--no-renames', '--check',
  '--ws-error-highlight=?', '--full-index', '--binary', '--abbrev=?', '--no-abbrev', '-B=?', '--break-rewrites=?',
  '-M=?', '--find-renames=?', '-C=?', '--find-copies=?', '--find-copies-harder', '-D', '--irreversible-delete',
  '-l=', '--diff-filter=', '-S=', '-G=', '--pickaxe-all', '--pickaxe-regex', '-R', '--relative=?', '--no-relative',
  '-a', '--text', '--ignore-cr-at-eol', '--ignore-space-at-eol', '-b', '--ignore-space-change', '-w',
  '--ignore-all-space', '--ignore-blank-lines', '--inter-hunk-context=', '-W', '--function-context', '--exit-code',
  '--quiet', '--no-ext-diff', '--no-textconv', '--ignore-submodules=?', '--src-prefix=?', '--dst-prefix=?',
  '--no-prefix', '--minimal', '--patience', '--histogram', '--diff-algorithm=?', '--indent-heuristic',
  '--no-indent-heuristic',
];

/** Revision-walk and formatting options of log and show. */
const LOG_OPTIONS: readonly OptionSpec[] = [
  ...DIFF_OPTIONS,
  '-NUM', '-n=', '--max-count=', '--skip=', '--since=', '--after=', '--until=', '--before=', '--author=',
  '--committer=', '--grep=', '--all-match', '--invert-grep', '-i', '--regexp-ignore-case', '-E', '--extended-regexp',
  '-F', '--fixed-strings', '-P', '--perl-regexp', '--merges', '--no-merges', '--first-parent', '--all',
  '--branches=?', '--tags=?', '--remotes=?', '--oneline', '--graph', '--decorate=?', '--no-decorate', '--source',
  '--abbrev-commit', '--no-abbrev-commit', '--format=?', '--pretty=?', '--date=', '--relative-date', '--follow',
  '-L=', '--reverse', '--topo-order', '--date-order', '--author-date-order', '--left-right', '--cherry-pick',
  '--cherry-mark', '--boundary', '--ancestry-path', '--simplify-by-decoration', '--full-history', '--parents',
  '--children', '-g', '--walk-reflogs', '--no-walk=?', '--stdin', '--mailmap', '--no-mailmap', '-m', '-c', '--cc',
  '--notes=?', '--no-notes', '--full-diff', '--log-size',
];

const BUILTIN_FORMATS = new Set(['oneline', 'short', 'medium', 'full', 'fuller', 'reference', 'email', 'raw', 'mboxrd']);

/**
 * A format runs nothing only when it is a builtin name or a placeholder string without `%G`
 * (signature placeholders run gpg). A bare word could be a `pretty.<name>` alias from config.
 */
function safeFormats(parsed: ParsedArgs): boolean {
  return valuesOf(parsed, '--format', '--pretty').every((f) => (BUILTIN_FORMATS.has(f) || f.includes('%')) && !f.includes('%G'));
}

const SUBCOMMAND_RULES: readonly ReadOnlyRule[] = [
  {
    command: 'git status',
    options: [
      '-v', '--verbose', '-s', '--short', '-b', '--branch', '--show-stash', '--ahead-behind', '--no-ahead-behind',
      '--porcelain=?', '--long', '-z', '--null', '-u=?', '--untracked-files=?', '--ignored=?', '--ignore-submodules=?',
      '--column=?', '--no-column', '--renames', '--no-renames', '-M=?', '--find-renames=?',
    ],
    match: ['git status', 'git status --short', 'git status -sb', 'git status --porcelain=v2 -uno -- src'],
    notMatch: ['git status --untracked no', 'git status --porc', 'git status -x'],
  },
  {
    command: 'git diff',
    options: [...DIFF_OPTIONS, '--cached', '--staged', '--merge-base', '--no-index', '-1', '-2', '-3', '--base', '--ours', '--theirs', '-0'],
    match: ['git diff', 'git diff HEAD~1 -- src', "git diff -- '*.ts'", 'git diff --stat --cached', 'git diff -U5 --color=never a b', 'git diff -U 5'],
    notMatch: [
      'git diff --output=patch.txt',
      'git diff --output patch.txt',
      'git diff --outp=patch.txt',
      'git diff --ext-diff',
      'git diff --textconv',
      'git diff --ext',
      'git diff -O order',
      'git diff -- *.ts',
    ],
  },
  {
    command: 'git log',
    options: LOG_OPTIONS,
    accepts: safeFormats,
    match: ['git log --oneline -5', 'git log -n 3 --stat', 'git log --format="%h %s" --author=me', 'git log -p -- src', 'git log --pretty=oneline'],
    notMatch: [
      'git log --output=x',
      'git log --ext-diff -p',
      'git log --textconv -p',
      'git log --show-signature',
      'git log --format=%G?',
      'git log --pretty=format:%GS',
      'git log --pretty=myalias',
      'git log --onel',
    ],
  },
  {
    command: 'git show',
    options: LOG_OPTIONS,
    accepts: safeFormats,
    match: ['git show HEAD:src/a.ts', 'git show HEAD@{1}', 'git show --stat HEAD', 'git show -s --format=%B HEAD'],
    notMatch: ['git show --ext-diff', 'git show --textconv HEAD:f', 'git show --output=x', 'git show --format=%GK'],
  },
  {
    // Listing only: a name without -l/--list creates a branch; -d, -m, -c, -u and friends change refs.
    command: 'git branch',
    options: [
      '-a', '--all', '-r', '--remotes', '-v', '--verbose', '-l', '--list', '--show-current', '--color=?', '--no-color',
      '--column=?', '--no-column', '--contains=', '--no-contains=', '--merged=', '--no-merged=', '--points-at=',
      '--sort=', '-i', '--ignore-case', '--abbrev=?', '--no-abbrev',
    ],
    accepts: (parsed) => parsed.positionals.length === 0 || parsed.options.some((o) => o.name === '-l' || o.name === '--list'),
    match: ['git branch', 'git branch -a -v', 'git branch -vv', 'git branch --list "feat/*"', 'git branch --contains HEAD'],
    notMatch: ['git branch -D old', 'git branch newbranch', 'git branch -m a b', 'git branch --format="%(refname)"', 'git branch --lis x'],
  },
  {
    command: 'git ls-files',
    options: [
      '-z', '-t', '-v', '-f', '-c', '--cached', '-d', '--deleted', '-m', '--modified', '-o', '--others', '-i', '--ignored',
      '-s', '--stage', '-k', '--killed', '--directory', '--no-empty-directory', '--eol', '-u', '--unmerged',
      '--resolve-undo', '-x=', '--exclude=', '-X=', '--exclude-from=', '--exclude-per-directory=', '--exclude-standard',
      '--full-name', '--recurse-submodules', '--error-unmatch', '--with-tree=', '--abbrev=?', '--debug',
      '--deduplicate', '--sparse', '--format=',
    ],
    match: ['git ls-files', 'git ls-files -co --exclude-standard', 'git ls-files -- "*.ts"'],
    notMatch: ['git ls-files --oth', 'git ls-files -q'],
  },
  {
    command: 'git rev-parse',
    options: [
      '--show-toplevel', '--show-prefix', '--show-cdup', '--git-dir', '--git-common-dir', '--absolute-git-dir',
      '--is-inside-work-tree', '--is-inside-git-dir', '--is-bare-repository', '--is-shallow-repository',
      '--show-superproject-working-tree', '--shared-index-path', '--show-object-format=?', '--abbrev-ref=?',
      '--short=?', '--verify', '-q', '--quiet', '--symbolic', '--symbolic-full-name', '--all', '--branches=?',
      '--tags=?', '--remotes=?', '--local-env-vars', '--path-format=?', '--git-path=', '--default=', '--sq',
      '--revs-only', '--no-revs', '--flags', '--no-flags',
    ],
    match: ['git rev-parse HEAD', 'git rev-parse --show-toplevel', 'git rev-parse --abbrev-ref HEAD', 'git rev-parse --short=8 HEAD'],
    notMatch: ['git rev-parse --parseopt', 'git rev-parse --show-top'],
  },
  {
    command: 'git blame',
    options: [
      '--incremental', '-b', '--root', '--show-stats', '-f', '--show-name', '-n', '--show-number', '-p', '--porcelain',
      '--line-porcelain', '-c', '-t', '-l', '-s', '-e', '--show-email', '-w', '--ignore-rev=', '--ignore-revs-file=',
      '--color-lines', '--color-by-age', '--minimal', '-S=', '--contents=', '-C=?', '-M=?', '-L=', '--abbrev=?',
      '--no-textconv', '--first-parent', '--since=?', '--date=?',
    ],
    match: ['git blame src/a.ts', 'git blame -L 10,20 -w src/a.ts', 'git blame -C -M HEAD -- f'],
    notMatch: ['git blame --textconv f', 'git blame --porc f'],
  },
  {
    command: 'git grep',
    options: [
      '--cached', '--no-index', '--untracked', '--exclude-standard', '--no-exclude-standard', '--recurse-submodules',
      '-v', '--invert-match', '-i', '--ignore-case', '-w', '--word-regexp', '-a', '--text', '-I', '--no-textconv', '-r',
      '--recursive', '--no-recursive', '--max-depth=', '-E', '--extended-regexp', '-G', '--basic-regexp', '-F',
      '--fixed-strings', '-P', '--perl-regexp', '-n', '--line-number', '--column', '-h', '-H', '--full-name', '-l',
      '--files-with-matches', '--name-only', '-L', '--files-without-match', '-z', '--null', '-o', '--only-matching', '-c',
      '--count', '--color=?', '--no-color', '--break', '--heading', '-C=', '--context=', '-B=', '--before-context=', '-A=',
      '--after-context=', '--threads=', '-p', '--show-function', '-W', '--function-context', '-f=', '-e=', '--and',
      '--or', '--not', '-q', '--quiet', '--all-match', '-m=', '--max-count=', '-NUM',
    ],
    match: ['git grep -n foo', 'git grep -e a --and -e b -- src', 'git grep -3 -i foo HEAD'],
    notMatch: [
      'git grep --open="cmd;" x',
      'git grep --open-files-in-pager=cmd x',
      'git grep -O x',
      'git grep -Ocmd x',
      'git grep -nO x',
      'git grep --textconv x',
      'git grep --ext-grep x',
    ],
  },
];

const SUBCOMMANDS = indexRules(SUBCOMMAND_RULES);

const gitCheck: ArgsCheck = (args) => {
  let i = 0;
  while (args[i] === '--no-pager' || args[i] === '-P') i++;
  const sub = args[i];
  if (sub === undefined || sub.startsWith('-')) return false;
  const rule = SUBCOMMANDS.get(`git ${sub}`);
  return rule !== undefined && rule.check(args.slice(i + 1));
};

/** The rule for the program `git`: global options, then a subcommand rule. */
export const GIT_RULE: ReadOnlyRule = {
  command: 'git',
  check: gitCheck,
  match: ['git --no-pager log -1', 'git -P diff', ['git', 'status']],
  notMatch: [
    'git',
    'git -c core.pager=sh status',
    'git -c core.fsmonitor=x status',
    'git --config-env=core.pager=X log',
    'git -C other status',
    'git --git-dir=x status',
    'git --work-tree=x status',
    'git --exec-path=. status',
    'git -p log',
    'git --paginate log',
    'git --no-pag log',
    'git push',
    'git commit -m x',
    'git checkout -b x',
    'git config core.fsmonitor x',
    'git help log',
  ],
};

/** Every git rule, the program's and its subcommands', for listing and testing. */
export const GIT_RULES: readonly ReadOnlyRule[] = [GIT_RULE, ...SUBCOMMAND_RULES];
