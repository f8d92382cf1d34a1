// `hew remember [--user] [-C DIR] TEXT...`: the user typed the fact, so it is written directly —
// into the repository's instructions file (AGENTS.override.md when there is one, else AGENTS.md)
// or, with --user, into the global one — after the same checks as the remember tool (docs/memory.md).
// Says where it went. Refused: the reason on stderr, exit 1. No repository and no --user: exit 2.
import { safeLine } from '../format/safe-text.ts';
import { rememberDirect, rememberedWhere } from '../memory/remember.ts';
import { EXIT } from '../protocol/exit-codes.ts';
import { UsageError } from '../errors/usage-error.ts';
import { memorySetting } from './memory.ts';
import type { SettingFlags } from './setup.ts';

export interface RememberFlags extends SettingFlags {
  user?: boolean;
}

export function rememberCommand(words: readonly string[], flags: RememberFlags, env: NodeJS.ProcessEnv = process.env): number {
  const text = words.join(' ');
  const s = memorySetting(flags, env);
  if (!flags.user && s.top === null) {
    throw new UsageError(`${flags.cd ?? process.cwd()} is not in a git repository: run hew remember inside one, or pass --user for your global instructions`);
  }
  const done = flags.user
    ? rememberDirect({ scope: 'user', configDir: s.configDir }, text, s.limits)
    : rememberDirect({ scope: 'project', root: s.top as string }, text, s.limits);
  if (!done.ok) {
    process.stderr.write(`hew: ${safeLine(done.message)}\n`);
    return EXIT.failed;
  }
  process.stdout.write(`remembered in ${safeLine(done.target.path)} ${rememberedWhere(done)}\n`);
  return EXIT.ok;
}
