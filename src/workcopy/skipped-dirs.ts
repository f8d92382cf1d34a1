// The base lists of directory names that hold no source of the project: version-control data, build
// output, caches, and installed dependencies. Each list that skips directories is made from these, and
// says next to it why it takes the groups it takes:
//   - PLAIN_SKIPPED_DIRS (plain.ts): never copied into a plain working copy;
//   - IGNORED_LEFT_OUT_DIRS (ignored.ts): ignored files under them are never listed nor applied;
//   - NO_DESCEND (deps.ts): not searched for dependency directories;
//   - SKIP (agent/orientation-walk.ts): not listed to the model as the plain tree's files.
// interactive/repo-watch.ts keeps its own two names; its comment says why.

/** Version-control data. */
export const VCS_DIRS: readonly string[] = ['.git', '.hg', '.svn'];

/** Build output of common toolchains. */
export const BUILD_OUTPUT_DIRS: readonly string[] = ['dist', 'build', 'out', 'target', '.next', '.nuxt', '.svelte-kit'];

/** Caches and tools' own state. */
export const CACHE_DIRS: readonly string[] = [
  '__pycache__',
  '.turbo',
  '.parcel-cache',
  '.cache',
  'coverage',
  '.gradle',
  '.tox',
  '.mypy_cache',
  '.pytest_cache',
  '.ruff_cache',
];

/**
 * Installed dependencies that are never the project's source, whether or not git ignores them.
 * (deps.ts's DEPENDENCY_DIR_NAMES adds `vendor`, `.bundle` and `.yarn`, which a project may commit.)
 */
export const INSTALLED_DEPENDENCY_DIRS: readonly string[] = ['node_modules', '.venv', 'venv'];
