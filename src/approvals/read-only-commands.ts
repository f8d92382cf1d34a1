// The allow-list of read-only programs, as data: each entry says which arguments keep the program
// read-only. Anything not listed here is not read-only. Conservative on purpose — a false "no"
// costs one question, a false "yes" runs a write without asking.

/** Decides from the arguments (program name excluded) whether this invocation only reads. */
export type ArgsCheck = (args: string[]) => boolean;

const anyArgs: ArgsCheck = () => true;

/** Read-only unless an argument equals one of `flags` or starts with `flag=`. */
function without(...flags: string[]): ArgsCheck {
  return (args) => !args.some((a) => flags.some((f) => a === f || (f.startsWith('--') && a.startsWith(`${f}=`))));
}

/** Short options (`-xyz`) containing any of `letters`, or a long option in `long`, are refused. */
function withoutShort(letters: string, ...long: string[]): ArgsCheck {
  const longCheck = without(...long);
  return (args) =>
    longCheck(args) && !args.some((a) => /^-[^-]/.test(a) && [...a.slice(1)].some((ch) => letters.includes(ch)));
}

/** find: no actions that run programs, delete, or write files. */
const FIND_WRITES = ['-exec', '-execdir', '-ok', '-okdir', '-delete', '-fprint', '-fprint0', '-fprintf', '-fls'];

/** `sed -n` with only print commands: `N p`, `N,M p`, `$p`, `/re/p`, joined by `;`. */
const SED_ADDRESS = String.raw`(?:\d+|\$|/(?:[^/\\]|\\.)*/)`;
const SED_PRINT = new RegExp(String.raw`^\s*(?:${SED_ADDRESS}(?:,${SED_ADDRESS})?\s*p\s*;?\s*)+$`);

const sedPrintOnly: ArgsCheck = (args) => {
  let quiet = false;
  const scripts: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '-n' || a === '--quiet' || a === '--silent') quiet = true;
    else if (a === '-E' || a === '-r' || a === '--regexp-extended' || a === '-s' || a === '--separate') continue;
    else if (a === '-e' || a === '--expression') {
      const script = args[++i];
      if (script === undefined) return false;
      scripts.push(script);
    } else if (a.startsWith('-')) return false; // -i, --in-place, -f, combined flags: unsure
    else if (scripts.length === 0) scripts.push(a);
  }
  return quiet && scripts.length > 0 && scripts.every((s) => SED_PRINT.test(s));
};

const GIT_BRANCH_LIST_FLAGS = new Set([
  '-a', '--all', '-r', '--remotes', '-v', '-vv', '--verbose', '--list', '-l', '--show-current', '--no-color', '--color',
]);

/** git subcommands that only read, with their own argument checks. */
const GIT_READ_ONLY: Record<string, ArgsCheck> = {
  status: anyArgs,
  diff: without('--output', '--ext-diff', '--textconv'),
  log: without('--output', '--ext-diff', '--textconv'),
  show: without('--output', '--ext-diff', '--textconv'),
  branch: (args) => {
    const listing = args.includes('--list') || args.includes('-l');
    return args.every((a) => GIT_BRANCH_LIST_FLAGS.has(a) || (listing && !a.startsWith('-')));
  },
  'ls-files': anyArgs,
  'rev-parse': anyArgs,
  blame: anyArgs,
  grep: withoutShort('O', '--open-files-in-pager'),
};

const git: ArgsCheck = (args) => {
  let i = 0;
  while (args[i] === '--no-pager') i++;
  const sub = args[i];
  // Other global options (-C, -c, --git-dir …) change what runs: unsure.
  if (sub === undefined || sub.startsWith('-')) return false;
  const check = GIT_READ_ONLY[sub];
  return check !== undefined && check(args.slice(i + 1));
};

export const READ_ONLY_COMMANDS: Readonly<Record<string, ArgsCheck>> = {
  ls: anyArgs,
  cat: anyArgs,
  head: anyArgs,
  tail: anyArgs,
  wc: anyArgs,
  pwd: anyArgs,
  echo: anyArgs,
  true: anyArgs,
  false: anyArgs,
  cd: anyArgs,
  which: anyArgs,
  file: anyArgs,
  stat: anyArgs,
  du: anyArgs,
  basename: anyArgs,
  dirname: anyArgs,
  realpath: anyArgs,
  readlink: anyArgs,
  cut: anyArgs,
  tr: anyArgs,
  nl: anyArgs,
  diff: anyArgs,
  cmp: anyArgs,
  comm: anyArgs,
  md5sum: anyArgs,
  sha256sum: anyArgs,
  grep: anyArgs,
  egrep: anyArgs,
  fgrep: anyArgs,
  tree: withoutShort('o'),
  rg: without('--pre', '--pre-glob', '--hostname-bin'),
  find: without(...FIND_WRITES),
  sort: withoutShort('o', '--output', '--compress-program'),
  uniq: (args) => args.filter((a) => !a.startsWith('-')).length <= 1,
  sed: sedPrintOnly,
  git,
};
