// Which relative paths apply may write in the user's tree (from the copy's git, or read back from a journal).

/** A reason when a path must not be written into the user's tree (never expected from git). */
export function unsafePath(rel: string): string | null {
  const parts = rel.split('/');
  if (rel === '' || rel.startsWith('/') || parts.some((p) => p === '' || p === '.' || p === '..')) return 'not a safe relative path';
  if (parts.some((p) => p.toLowerCase() === '.git')) return 'inside a .git directory';
  return null;
}
