// Rings the terminal (src/ui/terminal/signal.ts decides how) when a turn ends or an approval waits
// while the terminal is not focused. Turns focus reporting on for as long as the view is mounted and
// off on every way out: the App unmounts on /quit, Ctrl-C twice, a signal (cli/interactive.ts quits
// the controller) and a crash (Ink unmounts on process exit), and this effect's cleanup runs then.
// hew does not handle Ctrl-Z (in raw mode it is an ordinary key), so there is no suspend to undo.
//
// The bytes go straight to the TUI's output stream. BEL and OSC 9 print nothing and move no cursor,
// and they are written from an event handler, never inside one of Ink's frames (Ink writes a frame
// synchronously), so the frame is left as it was.
//
// Focus is read from the same stdin Ink reads: a 'data' listener beside Ink's 'readable' one sees
// every chunk Ink reads (Node: with both, 'readable' controls the flow and 'data' is emitted on each
// read()), so nothing is taken from Ink. It is added after Ink's (the App's own useInput effect runs
// first) and removed in the same cleanup.
import { useStdin, useStdout } from 'ink';
import { useEffect } from 'react';
import type { RefObject } from 'react';
import type { InteractiveController, TuiNotifications } from '../../protocol/interactive.ts';
import { createFocusTracker, FOCUS_REPORTING_OFF, FOCUS_REPORTING_ON } from './focus.ts';
import { terminalEventOf, terminalSignal } from './signal.ts';
import type { TerminalEvent, TerminalFacts } from './signal.ts';

export interface TerminalNotificationOptions {
  controller: InteractiveController;
  setting: TuiNotifications;
  terminal: TerminalFacts;
  /** A short label for OSC 9 (the repository's folder name). */
  label: string;
  /** Set by the view when the person interrupts the running turn (Esc, Ctrl-C to quit); cleared when a turn starts. */
  interruptedByUser: RefObject<boolean>;
}

export function useTerminalNotifications({ controller, setting, terminal, label, interruptedByUser }: TerminalNotificationOptions): void {
  const { stdin } = useStdin();
  const { stdout: out } = useStdout();
  // Ink types it as a plain writable; a terminal's is a tty.WriteStream (ink-testing-library's is neither).
  const stdout = out as NodeJS.WritableStream & Partial<Pick<NodeJS.WriteStream, 'isTTY' | 'destroyed' | 'writableEnded'>>;
  useEffect(() => {
    if (setting === 'off') return;
    const focus = createFocusTracker();
    const onData = (chunk: string | Buffer): void => void focus.push(typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
    const tty = stdout.isTTY === true;
    const open = (): boolean => stdout.destroyed !== true && stdout.writableEnded !== true;
    if (tty) stdout.write(FOCUS_REPORTING_ON);
    stdin.on('data', onData);
    const ring = (happened: TerminalEvent): void => {
      const signal = terminalSignal({ focus: focus.state(), event: happened, setting, terminal, label });
      if (signal && open()) stdout.write(signal.bytes);
    };
    // An approval item starts before anything decides it; the policy, a remembered rule or the user's
    // approver command may decide it within the same turn of the event loop (its item.completed follows
    // in a microtask). Only one still undecided after that is waiting for the person.
    const undecided = new Map<string, NodeJS.Immediate>();
    const unsubscribe = controller.subscribe((event) => {
      if (event.type === 'turn.started') interruptedByUser.current = false;
      if (event.type === 'item.completed' && event.item.type === 'approval') {
        clearImmediate(undecided.get(event.item.id));
        undecided.delete(event.item.id);
      }
      const happened = terminalEventOf(event, interruptedByUser.current);
      if (happened === null) return;
      if (happened !== 'approval.waiting' || event.type !== 'item.started') return ring(happened);
      const id = event.item.id;
      undecided.set(id, setImmediate(() => {
        undecided.delete(id);
        ring(happened);
      }));
    });
    return () => {
      for (const timer of undecided.values()) clearImmediate(timer);
      unsubscribe();
      stdin.off('data', onData);
      if (tty && open()) stdout.write(FOCUS_REPORTING_OFF);
    };
  }, [controller, setting, terminal, label, interruptedByUser, stdin, stdout]);
}
