// Whether a file-system error means "nothing there": ENOENT (no such entry) or ENOTDIR (a part of
// the path is a file, so nothing can be below it). The one test for it, in every layer.
// Pure; imports nothing.

export function isNotFound(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
