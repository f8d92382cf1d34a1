// Which programs a suggested command runs, read from its text without running anything: a package.json
// script (following `npm run X` into the script it names), or a Makefile target's recipe. Best effort:
// the first word of each `&&`, `||`, `;` and `|` segment, past variable assignments and runners such as
// `npx`; shell builtins, variables (`$(PYTHON)`) and anything quoted are not counted.

/** Words that are not programs to look for. */
const BUILTINS = new Set([
  'cd', 'echo', 'true', 'false', 'test', '[', '[[', 'set', 'export', 'exit', 'if', 'then', 'else', 'elif', 'fi', 'for', 'while', 'do', 'done',
  'case', 'esac', 'exec', 'eval', 'source', '.', 'printf', 'read', 'shift', 'unset', 'cat', 'rm', 'mkdir', 'cp', 'mv', 'touch', 'ls', '{', '}', '(', ')', '!',
]);

/** Runners whose next word is the program they run. */
const RUNNERS = new Set(['npx', 'pnpx', 'bunx', 'exec', 'env', 'time', 'nice', 'command']);

const PACKAGE_MANAGERS = new Set(['npm', 'pnpm', 'yarn', 'bun']);

/** The first program of each segment of a shell line. */
export function linePrograms(line: string): string[] {
  const out: string[] = [];
  for (const segment of line.split(/&&|\|\||[;|&]/)) {
    const words = segment.trim().split(/\s+/).filter(Boolean);
    let i = 0;
    while (i < words.length) {
      const word = words[i] as string;
      if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(word) || word.startsWith('-') || RUNNERS.has(word)) i += 1;
      else if ((word === 'pnpm' || word === 'yarn' || word === 'bun') && (words[i + 1] === 'exec' || words[i + 1] === 'dlx' || words[i + 1] === 'x')) i += 2;
      else break;
    }
    const program = words[i];
    if (program === undefined || BUILTINS.has(program) || /[$`'"(){}<>\\*]/.test(program)) continue;
    out.push(program);
  }
  return out;
}

/**
 * Programs a package.json script runs, following `npm run NAME` / `npm test` / `yarn NAME` into the
 * scripts they name (depth 3), with the package manager itself counted.
 */
export function scriptPrograms(name: string, scripts: Record<string, string>, depth = 0): string[] {
  const script = scripts[name];
  if (script === undefined || depth > 3) return [];
  const out = new Set<string>();
  for (const segment of script.split(/&&|\|\||[;|&]/)) {
    const words = segment.trim().split(/\s+/).filter(Boolean);
    const programs = linePrograms(segment);
    for (const p of programs) out.add(p);
    const first = programs[0];
    if (first !== undefined && PACKAGE_MANAGERS.has(first)) {
      const at = words.indexOf(first);
      const next = words[at + 1] === 'run' || words[at + 1] === 'run-script' ? words[at + 2] : words[at + 1];
      if (next !== undefined && next in scripts) for (const p of scriptPrograms(next, scripts, depth + 1)) out.add(p);
    }
  }
  return [...out];
}

/** Programs the recipes of these Makefile targets run (their recipe lines, tab-indented, after `target:`). */
export function recipePrograms(makefile: string, targets: readonly string[]): string[] {
  const out = new Set<string>();
  const lines = makefile.split(/\r?\n/);
  let inTarget = false;
  for (const line of lines) {
    const head = /^([A-Za-z][\w.-]*(?:\s+[A-Za-z][\w.-]*)*)\s*::?(?!=)/.exec(line);
    if (head) {
      inTarget = (head[1] as string).split(/\s+/).some((t) => targets.includes(t));
      continue;
    }
    if (!line.startsWith('\t')) {
      if (line.trim() !== '' && !line.startsWith('#')) inTarget = false;
      continue;
    }
    if (!inTarget) continue;
    const recipe = line.trim().replace(/^[@+-]+/, '');
    for (const p of linePrograms(recipe)) out.add(p);
  }
  return [...out];
}
