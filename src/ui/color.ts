// Colour on or off for the whole TUI. Ink styles text through chalk, and chalk 6 does not read
// NO_COLOR (only FORCE_COLOR and the TTY), so with NO_COLOR set we turn chalk's level to 0: no
// colours and no other SGR styles either, which is what NO_COLOR users expect of a terminal UI.
// chalk is Ink's own dependency (one shared instance in node_modules), imported here for its level.
import chalk from 'chalk';
import { noColorRequested } from '../format/color.ts';

export type ColorLevel = 0 | 1 | 2 | 3;

/** Call before rendering: turns every colour and style off when NO_COLOR is set and not empty (format/color.ts). */
export function applyColorMode(env: NodeJS.ProcessEnv = process.env): void {
  if (noColorRequested(env)) chalk.level = 0;
}

export function colorLevel(): ColorLevel {
  return chalk.level;
}

/** For tests and the benchmark: force a level (e.g. 1 to see that colours are on). */
export function setColorLevel(level: ColorLevel): void {
  chalk.level = level;
}

/** Whether styles reach the terminal at all (the input cursor falls back to a visible glyph). */
export function stylesEnabled(): boolean {
  return chalk.level > 0;
}
