import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { confirmDeletion } from '../../src/cli/confirm.ts';
import { UsageError } from '../../src/errors/usage-error.ts';

function terminal(isTTY: boolean): { input: PassThrough & { isTTY?: boolean }; output: PassThrough & { isTTY?: boolean }; written: () => string } {
  const input = Object.assign(new PassThrough(), { isTTY });
  const output = Object.assign(new PassThrough(), { isTTY });
  let text = '';
  output.on('data', (c: Buffer) => (text += c.toString()));
  return { input, output, written: () => text };
}

describe('confirmDeletion', () => {
  it('--yes goes ahead without asking, even off a terminal', async () => {
    const io = terminal(false);
    await expect(confirmDeletion('remove?', { yes: true, command: 'hew x' }, io)).resolves.toBe(true);
    expect(io.written()).toBe('');
  });
  it('off a terminal without --yes: a usage error naming --yes', async () => {
    await expect(confirmDeletion('remove?', { command: 'hew x' }, terminal(false))).rejects.toThrow(UsageError);
    await expect(confirmDeletion('remove?', { command: 'hew x' }, terminal(false))).rejects.toThrow(/hew x .*stdin is not a terminal: add --yes/);
  });
  it.each([
    ['y\n', true],
    ['YES\n', true],
    [' yes \n', true],
    ['n\n', false],
    ['\n', false],
    ['sure\n', false],
    ['', false],
  ])('on a terminal, the answer %j', async (answer, expected) => {
    const io = terminal(true);
    const asked = confirmDeletion('remove 3 runs?', { command: 'hew x' }, io);
    if (answer === '') io.input.end();
    else io.input.write(answer);
    await expect(asked).resolves.toBe(expected);
    expect(io.written()).toBe('remove 3 runs? [y/N] ');
  });
});
