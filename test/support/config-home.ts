// Config tests' shared pieces: a config home holding an optional config.toml, and the ConfigError a
// call throws.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../../src/config/errors.ts';
import { tempDir } from './fixtures.ts';

/** An environment whose config home (XDG_CONFIG_HOME and HOME) holds `toml` as hew/config.toml, if given. */
export function configHome(toml?: string): NodeJS.ProcessEnv {
  const dir = tempDir('hew-config-');
  if (toml !== undefined) {
    mkdirSync(join(dir, 'hew'), { recursive: true });
    writeFileSync(join(dir, 'hew', 'config.toml'), toml);
  }
  return { XDG_CONFIG_HOME: dir, HOME: dir };
}

/** The ConfigError `fn` throws; fails when it throws nothing or something else. */
export function configErrorOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}
