// How a CommandSpec's `command` becomes an argv: a string is a bash script run with `bash -c`
// (never a login or interactive shell, so no profile files are read); an argv runs as given.
// Sandboxes that wrap the command (bwrap, seatbelt) prepend their own argv to this one.

export function commandArgv(command: string | string[]): string[] {
  if (typeof command === 'string') return ['bash', '-c', command];
  if (command.length === 0) throw new Error('empty command');
  return [...command];
}
