// Bundles the CLI into dist/ with esbuild: one entry, lazily imported chunks (the TUI, Ink and
// React) split out so the headless path never loads them.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
rmSync(`${root}/dist`, { recursive: true, force: true });

await build({
  absWorkingDir: root,
  entryPoints: { cli: 'src/cli/main.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node22',
  sourcemap: 'linked',
  minifySyntax: true,
  legalComments: 'none',
  // ripgrep resolves its platform binary relative to its own package; Ink imports react-devtools-core
  // only when DEV=true, and it is not installed.
  external: ['@vscode/ripgrep', 'react-devtools-core'],
  banner: {
    js: "import { createRequire as __hewCreateRequire } from 'node:module'; const require = __hewCreateRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
