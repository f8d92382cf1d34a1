// hew's own folders, which no copy ever holds (workcopy/own-dirs.ts): the state folder in use (every
// run and its copy), the default one, the config folder and the cache folder.
import os from 'node:os';
import path from 'node:path';
import { configDir } from '../config/load.ts';
import { stateDir } from '../runs/paths.ts';

/** `$XDG_CACHE_HOME/hew` (default `~/.cache/hew`); a relative XDG_CACHE_HOME is ignored, as the XDG spec says. */
function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const xdg = env.XDG_CACHE_HOME;
  if (xdg && path.isAbsolute(xdg)) return path.join(xdg, 'hew');
  const home = env.HOME && path.isAbsolute(env.HOME) ? env.HOME : os.homedir();
  return path.join(home, '.cache', 'hew');
}

/** Every folder of hew's own, absolute: the store's state folder first. */
export function hewDirs(storeStateDir: string, env: NodeJS.ProcessEnv = process.env): string[] {
  return [...new Set([path.resolve(storeStateDir), stateDir(env), configDir(env), cacheDir(env)].map((d) => path.resolve(d)))];
}
