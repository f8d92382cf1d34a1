// Whether a person is at the terminal to choose something on a screen (`hew pick`, and exec's hint
// to use it): the input and the output are terminals and this is not a CI job (CI or
// CONTINUOUS_INTEGRATION set; Ink draws only the last frame there, and nobody answers).
export function personAtTerminal(input: { isTTY?: boolean }, output: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  const ci = [env.CI, env.CONTINUOUS_INTEGRATION].some((v) => v !== undefined && v !== '' && v !== '0' && v.toLowerCase() !== 'false');
  return Boolean(input.isTTY && output.isTTY) && !ci;
}
