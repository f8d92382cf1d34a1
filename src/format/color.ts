// The one colour decision, for the command line and the TUI alike.
//
// NO_COLOR follows no-color.org: colour is off when NO_COLOR is present AND not empty, whatever its
// value. An empty NO_COLOR (`NO_COLOR=`) does not turn colour off: the convention says so, and it lets
// a user or a wrapper script clear an inherited NO_COLOR without unsetting it. (The command line used
// to treat an empty NO_COLOR as set, the TUI did not; both now read it here.)
// Pure; imports nothing.

/** NO_COLOR, per no-color.org: present and not empty. */
export function noColorRequested(env: NodeJS.ProcessEnv): boolean {
  return env.NO_COLOR !== undefined && env.NO_COLOR !== '';
}

/** Whether hew's own command-line lines on `stream` get colour: a terminal, no NO_COLOR, not TERM=dumb. */
export function colorEnabled(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  return Boolean(stream.isTTY) && !noColorRequested(env) && env.TERM !== 'dumb';
}
