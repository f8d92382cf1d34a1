// Scripted model conversations shared by the end-to-end tests and the benchmark.
import type { ScriptedTurn } from './model-server.ts';

export const DATE_FIX_PATCH = `*** Begin Patch
*** Update File: src/date.js
@@
+import { daysInMonth } from './days.js';
+
 // Parses an ISO calendar date (YYYY-MM-DD) into { year, month, day }, or returns null.
@@
-  if (day < 1 || day > 31) return null;
+  if (day < 1 || day > daysInMonth(year, month)) return null;
*** End Patch`;

export const DATE_FIX_ANSWER = 'Fixed parseDate: it now rejects days past the end of the month (src/date.js uses daysInMonth). The tests pass.';

/** The four-step fix of fixtures/date-parser: read, patch, test, answer. */
export function dateFixScript(): ScriptedTurn[] {
  return [
    { outputs: [{ tool: 'read_file', args: { path: 'src/date.js' } }] },
    { outputs: [{ tool: 'apply_patch', args: { input: DATE_FIX_PATCH } }] },
    { outputs: [{ tool: 'shell', args: { command: 'node test/date.test.js' } }] },
    { outputs: [{ text: DATE_FIX_ANSWER }] },
  ];
}

/** One scripted turn: the model runs `command` with the shell tool. */
export const shell = (command: string): ScriptedTurn => ({ outputs: [{ tool: 'shell', args: { command } }] });

/** One scripted turn: the model sends `input` (a whole `*** Begin Patch` … `*** End Patch`) to apply_patch. */
export const patch = (input: string): ScriptedTurn => ({ outputs: [{ tool: 'apply_patch', args: { input } }] });

/** One scripted turn: the model reads `path` with read_file. */
export const read = (path: string): ScriptedTurn => ({ outputs: [{ tool: 'read_file', args: { path } }] });

/** One scripted turn: the model answers with `text` (the run's last turn). */
export const answer = (text: string): ScriptedTurn => ({ outputs: [{ text }] });
