// Finding an executable on a PATH without spawning anything (the sandbox and its probe resolve
// `bwrap` and `sandbox-exec` once, then run them by absolute path with an empty environment).
import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';

/** The absolute path of `name` on `pathVar` (or `name` itself when it contains a slash), or null. */
export function findExecutable(name: string, pathVar: string | undefined = process.env.PATH): string | null {
  const candidates = name.includes('/') ? [path.resolve(name)] : (pathVar ?? '').split(':').filter((d) => d !== '').map((d) => path.join(d, name));
  for (const file of candidates) {
    try {
      if (!statSync(file).isFile()) continue;
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // not here
    }
  }
  return null;
}
