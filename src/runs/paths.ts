// Where hew keeps its state (SPEC §8): `$XDG_STATE_HOME/hew` (default `~/.local/state/hew`), with one
// directory per run under `runs/`: `work/` (the copy), `events.jsonl`, `meta.json`, `commands.log`.
import os from 'node:os';
import path from 'node:path';

/** hew's state directory. A relative XDG_STATE_HOME is ignored, as the XDG spec says. */
export function stateDir(env: NodeJS.ProcessEnv = process.env): string {
  const xdg = env.XDG_STATE_HOME;
  if (xdg && path.isAbsolute(xdg)) return path.join(xdg, 'hew');
  const home = env.HOME && path.isAbsolute(env.HOME) ? env.HOME : os.homedir();
  return path.join(home, '.local', 'state', 'hew');
}

export function runsDir(state: string = stateDir()): string {
  return path.join(state, 'runs');
}

export function runDir(id: string, state: string = stateDir()): string {
  return path.join(runsDir(state), id);
}

/** File and directory names inside a run directory. */
export const RUN_FILES = {
  meta: 'meta.json',
  events: 'events.jsonl',
  commandsLog: 'commands.log',
  work: 'work',
} as const;
