// The question a destructive bulk command asks before it deletes (`hew discard --all`,
// `hew runs prune`), as `docker system prune` does: on a terminal it asks `[y/N]` on stderr and
// reads one line; `--yes` skips the question; without a terminal (CI, a pipe) and without `--yes`
// it refuses with one line (exit 2) rather than wait or guess.
import { createInterface } from 'node:readline';
import { UsageError } from '../errors/usage-error.ts';

export interface ConfirmIo {
  input: NodeJS.ReadableStream & { isTTY?: boolean };
  output: NodeJS.WritableStream & { isTTY?: boolean };
}

/** True to go ahead; false when the user answered anything but y/yes. `command` names the command for the refusal. */
export async function confirmDeletion(question: string, opts: { yes?: boolean; command: string }, io: ConfirmIo = { input: process.stdin, output: process.stderr }): Promise<boolean> {
  if (opts.yes) return true;
  if (!io.input.isTTY || !io.output.isTTY) {
    throw new UsageError(`${opts.command} deletes without a way back and asks first, but stdin is not a terminal: add --yes to go ahead (or --dry-run to see what would go, where there is one)`);
  }
  const rl = createInterface({ input: io.input, output: io.output, terminal: false });
  try {
    io.output.write(`${question} [y/N] `);
    const answer = await new Promise<string>((resolve) => {
      rl.once('line', resolve);
      rl.once('close', () => resolve(''));
    });
    return /^\s*y(es)?\s*$/i.test(answer);
  } finally {
    rl.close();
  }
}
