// Refuses a bare prompt that is a near miss of a subcommand (`hew dif`, `hew exce "hi"`) before any
// run or model request, and a prompt split over several unquoted words. The verdict is near-command.ts.
import { nearCommand } from './near-command.ts';
import { UsageError } from '../errors/usage-error.ts';

/**
 * OPERANDS are the words `hew` got where a prompt goes; AFTER_DASHES is true when they came after
 * `--`, which sends them as a prompt whatever they are.
 */
export function guardPrompt(operands: readonly string[], afterDashes: boolean, commands: readonly string[]): void {
  const first = operands[0];
  if (first === undefined || afterDashes) return;
  const near = nearCommand(first, commands);
  const asPrompt = operands.length === 1 ? first : `"${operands.join(' ')}"`;
  if (near !== undefined) {
    throw new UsageError(`unknown command "${first}" — did you mean \`hew ${near}\`? (to send it as a prompt: hew -- ${asPrompt})`);
  }
  if (operands.length > 1) throw new UsageError(`too many arguments: put the prompt in quotes, e.g. hew ${asPrompt}`);
}
