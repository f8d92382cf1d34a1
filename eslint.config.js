import js from '@eslint/js';
import tseslint from 'typescript-eslint';

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
