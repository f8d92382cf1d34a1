import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// The floors of the house (docs/architecture.md): a folder imports only from its own floor or those
// below it. Listed from the ground up; each floor may import every floor before it in this list.
export const FLOORS = [
  ['protocol'], // types and constants only: imports nothing, not even a package
  ['format', 'errors'], // pure helpers every layer may use
  ['fs', 'secrets'],
  ['patch', 'memory', 'workcopy', 'sandbox', 'model', 'config', 'runs', 'hooks', 'approvals', 'tools', 'mcp', 'skills'],
  ['agent'], // the loop
  ['thread', 'attempts'], // the composition root: one run; best of N: several runs of one task
  ['interactive'], // the interactive core (a long thread, slash commands, approvals asked of a person)
  ['ui', 'cli', 'tasks', 'demo', 'acp'], // the fronts (acp: the Agent Client Protocol server for editors)
];
const ALL = FLOORS.flat();
const above = (folder) => ALL.slice(ALL.indexOf(FLOORS.find((f) => f.includes(folder)).at(-1)) + 1);

/** A relative import that reaches one of `folders` (at any depth below src/). */
const reaching = (folders) => `^(\\./)?(\\.\\./)+(${folders.join('|')})/`;

/**
 * What every folder's imports obey besides its floor, since the floors match the specifier as written:
 * a relative path is written the short way (no `./../`, no `format/../cli/`, nothing reaching out of
 * src/ and back in), so a floor cannot be stepped over by spelling a path differently; and only ui/
 * imports Ink or React (the core imports nothing of the TUI's toolkit).
 */
const SPELLING = [
  { regex: '(^|/)\\.\\./(\\.\\./)*src/|^\\./\\.|/\\./|[^/.][^/]*/\\.\\.(/|$)|^/', message: 'write a relative import the short way (no ./../, no dir/../, not out of src/ and back): the floors are checked on the path as written.' },
];
/** Only acp/ speaks the Agent Client Protocol (its SDK is loaded on `hew acp`'s path alone). */
const NO_ACP_SDK = [{ regex: '^@agentclientprotocol/', message: 'only acp/ imports the ACP SDK: the command line reaches it through a lazy import of acp/, on `hew acp` alone.' }];
const NO_TUI_TOOLKIT = [{ regex: '^(ink|react)(/|$)|^ink-', message: 'only ui/ imports Ink or React: the core and the command line reach the TUI through ui/render.ts, loaded lazily.' }];

function floor(folder, forbidden, message) {
  const own = forbidden === null ? [] : [{ regex: forbidden, message }];
  return {
    files: [`src/${folder}/**/*.{ts,tsx}`],
    rules: { 'no-restricted-imports': ['error', { patterns: [...own, ...SPELLING, ...(folder === 'ui' ? [] : NO_TUI_TOOLKIT), ...(folder === 'acp' ? [] : NO_ACP_SDK)] }] },
  };
}

/** The floors as lint rules (exported for test/lint/floors.test.ts). */
export const floors = [
  floor('protocol', '^(?!\\./)', 'protocol/ holds the event protocol only: it imports nothing outside its own folder.'),
  ...['format', 'errors'].map((f) => floor(f, '^(?!\\./|\\.\\./protocol/)', `${f}/ is on the ground floor: it imports only protocol/ and its own files.`)),
  ...ALL.filter((f) => !['protocol', 'format', 'errors', 'ui', 'cli', 'tasks', 'demo', 'acp'].includes(f)).map((f) =>
    floor(f, reaching(above(f)), `${f}/ must not import a floor above it (${above(f).join(', ')}): see docs/architecture.md.`),
  ),
  floor('ui', reaching(ALL.filter((f) => !['protocol', 'format', 'ui'].includes(f))), 'ui/ is a view: it imports only protocol/, format/ and its own files.'),
  ...['tasks', 'demo'].map((f) => floor(f, reaching(['ui']), `${f}/ is a front: it does not import the TUI's view.`)),
  floor('acp', reaching(['ui', 'cli', 'tasks', 'demo']), "acp/ is a front: it does not import the TUI's view or another front (cli/ imports it, lazily)."),
  floor('cli', null, ''),
];

// A folder of src/ on no floor would be checked by none of the rules above, and a file directly in
// src/ by none either: lint fails until it is placed in FLOORS (and docs/architecture.md).
/** What is in `srcDir` but on no floor (exported for test/lint/floors.test.ts). */
export function unplacedIn(srcDir) {
  return readdirSync(srcDir, { withFileTypes: true })
    .filter((e) => !(e.isDirectory() && ALL.includes(e.name)))
    .filter((e) => !e.isDirectory() || holdsSource(join(e.parentPath, e.name))) // an empty folder git left behind holds no code
    .map((e) => `src/${e.name}${e.isDirectory() ? '/' : ''}`);
}

function holdsSource(dir) {
  return readdirSync(dir, { withFileTypes: true, recursive: true }).some((e) => e.isFile() && /\.(ts|tsx|js|mjs)$/.test(e.name));
}
const unplaced = unplacedIn(new URL('./src/', import.meta.url));
if (unplaced.length > 0) throw new Error(`eslint.config.js: ${unplaced.join(', ')} on no floor: add the folder to FLOORS (a file goes in a folder), and say where in docs/architecture.md`);

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'fixtures/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', Buffer: 'readonly', URL: 'readonly', AbortController: 'readonly', AbortSignal: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  ...floors,

  // Type-aware rules: they read the program's types, so they run on every file a tsconfig covers.
  // tsconfig.json includes src/, test/, bench/ and scripts/ (its .ts files); the few files outside
  // it (the root config files, the .mjs build script and test MCP server) get typescript-eslint's
  // default project, listed by name so a new stray file is an error, not silently untyped.
  // demo/sample/ is the sample repository the demo hands to the agent, not hew's code: untyped.
  {
    files: ['**/*.{ts,tsx,js,mjs}'],
    ignores: ['demo/sample/**'],
    languageOptions: {
      parserOptions: {
        projectService: {
          allowDefaultProject: ['eslint.config.js', 'vitest.config.ts', 'scripts/*.mjs', 'test/mcp/servers/*.mjs'],
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/only-throw-error': 'error',
      // A switch with a `default:` handles "the rest" on purpose; one without must name every case,
      // so a new member of a union (an event type, an item type) is an error where it is forgotten.
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
    },
  },
);
