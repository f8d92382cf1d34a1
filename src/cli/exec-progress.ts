// What `hew exec` shows on stderr while it runs, by mode:
//
// - a terminal: colour (unless NO_COLOR), the assistant's text as it streams, a line when each command
//   starts and ends, and an elapsed-time line rewritten in place under a long command;
// - a pipe or a file: the same lines, plain; no streamed partial text and nothing rewritten in place;
// - `--quiet`: errors and warnings only (no progress, no notes, no next steps);
// - `--json`: nothing of this (stdout is the JSONL stream; stderr only warnings).
//
// stdout is never written here: it stays the final message (or the JSONL stream).
import type { StampedEvent } from '../protocol/events.ts';
import { elapsedTicker, systemClock, type TickerClock } from './elapsed-ticker.ts';
import { LiveLine } from './live-line.ts';
import { colorEnabled } from '../format/color.ts';
import { humanPrinter, makeStyle } from './human-output.ts';
import { hasStartLine } from './progress-lines.ts';

export interface ExecProgress {
  /** The human printer for the event stream (unused with --json). */
  sink: (e: StampedEvent) => void;
  /** Whether the run should emit item.delta events (streamed text is shown on a terminal). */
  deltas: boolean;
  /** A progress note (`hew: attached…`, next steps): not shown with --quiet. */
  info(text: string): void;
  /** A warning or error line: always shown. */
  warn(text: string): void;
  /** Stops the elapsed line (the run is over). */
  close(): void;
  /** Best of N: a printer for one attempt's events, each line prefixed `[i/N] ` (no streamed text). */
  attemptSink(index: number, of: number): (e: StampedEvent) => void;
}

export interface ProgressOptions {
  quiet: boolean;
  stderr: Pick<NodeJS.WriteStream, 'isTTY' | 'write'>;
  env: NodeJS.ProcessEnv;
  clock?: TickerClock;
}

export function execProgress(opts: ProgressOptions): ExecProgress {
  const tty = Boolean(opts.stderr.isTTY);
  const out = (text: string): void => void opts.stderr.write(text);
  const line = new LiveLine(out);
  const style = makeStyle(colorEnabled(opts.stderr as NodeJS.WriteStream, opts.env));
  const stream = tty && !opts.quiet;
  const printer = humanPrinter((text) => line.write(text), style, { stream, quiet: opts.quiet });
  // The elapsed line rewrites itself with escapes: not on a terminal that says it has none (TERM=dumb,
  // e.g. Emacs M-x shell), where the streamed text and the plain lines still show.
  const ticker = stream && opts.env.TERM !== 'dumb' ? elapsedTicker(line, opts.clock ?? systemClock) : null;
  return {
    sink(event) {
      if (ticker && event.type === 'item.completed' && hasStartLine(event.item)) ticker.stop();
      printer(event);
      if (ticker && event.type === 'item.started' && hasStartLine(event.item)) ticker.start();
    },
    deltas: stream,
    info(text) {
      if (!opts.quiet) line.write(text);
    },
    warn(text) {
      line.write(text);
    },
    close() {
      ticker?.stop();
    },
    attemptSink(index, of) {
      const prefix = style.dim(`[${index}/${of}] `);
      return humanPrinter((text) => line.write(prefixLines(text, prefix)), style, { stream: false, quiet: opts.quiet });
    },
  };
}

/** Every line of `text` (whole lines, each ending in "\n", or a last line without) begins with `prefix`. */
function prefixLines(text: string, prefix: string): string {
  return text.replace(/^(?=.)/gm, prefix);
}
