// Paths as the TUI shows them: the home directory as `~`, a command's directory relative to the run's root.

/** `/home/me/x` → `~/x` when `home` is the user's home directory. */
export function shortenHome(p: string, home: string | undefined = process.env.HOME): string {
  if (!home || home === '/') return p;
  if (p === home) return '~';
  return p.startsWith(`${home}/`) ? `~${p.slice(home.length)}` : p;
}

/** `cwd` relative to `root` for display ("." for the root itself); other paths as they are. */
export function relativeTo(cwd: string, root: string): string {
  if (cwd === root) return '.';
  return cwd.startsWith(`${root}/`) ? cwd.slice(root.length + 1) : shortenHome(cwd);
}
