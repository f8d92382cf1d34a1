import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// The floors of the house (docs/architecture.md): a folder imports only from its own floor or those
// below it. Listed from the ground up; each floor may import every floor before it in this list.
const FLOORS = [
  ['protocol'], // types and constants only: imports nothing, not even a package
  ['format', 'errors'], // pure helpers every layer may use
  ['fs', 'secrets'],
  ['patch', 'workcopy', 'sandbox', 'model', 'config', 'runs', 'hooks', 'approvals', 'tools', 'mcp'],
  ['agent'], // the loop
  ['thread'], // the composition root: one run
  ['interactive'], // the interactive core (a long thread, slash commands, approvals asked of a person)
  ['ui', 'cli', 'tasks', 'demo'], // the fronts
];
const ALL = FLOORS.flat();
const above = (folder) => ALL.slice(ALL.indexOf(FLOORS.find((f) => f.includes(folder)).at(-1)) + 1);

/** A relative import that reaches one of `folders` (at any depth below src/). */
const reaching = (folders) => `^(\\./)?(\\.\\./)+(${folders.join('|')})/`;

function floor(folder, forbidden, message) {
  return {
    files: [`src/${folder}/**/*.{ts,tsx}`],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ regex: forbidden, message }] }] },
  };
}

/** The floors as lint rules (exported for test/lint/floors.test.ts). */
export const floors = [
  floor('protocol', '^(?!\\./)', 'protocol/ holds the event protocol only: it imports nothing outside its own folder.'),
  ...['format', 'errors'].map((f) => floor(f, '^(?!\\./|\\.\\./protocol/)', `${f}/ is on the ground floor: it imports only protocol/ and its own files.`)),
  ...ALL.filter((f) => !['protocol', 'format', 'errors', 'ui', 'cli', 'tasks', 'demo'].includes(f)).map((f) =>
    floor(f, reaching(above(f)), `${f}/ must not import a floor above it (${above(f).join(', ')}): see docs/architecture.md.`),
  ),
  floor('ui', reaching(ALL.filter((f) => !['protocol', 'format', 'ui'].includes(f))), 'ui/ is a view: it imports only protocol/, format/ and its own files.'),
  ...['tasks', 'demo'].map((f) => floor(f, reaching(['ui']), `${f}/ is a front: it does not import the TUI's view.`)),
];

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
);
