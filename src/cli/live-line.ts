// One line of a terminal that is rewritten in place (exec's elapsed line, batch's progress bar),
// under ordinary output that is written above it. Only `show` draws the live line, so a writer that
// never calls it (not a terminal) writes the text alone, with no escape sequence.

/** Return to the start of the line and erase it. */
const ERASE_LINE = '\r\u001b[2K';

/**
 * A terminal writer with one line that can be rewritten in place: `write` erases that line first if it
 * is shown, so ordinary output never lands after it.
 */
export class LiveLine {
  private shown = false;
  private readonly out: (text: string) => void;
  constructor(out: (text: string) => void) {
    this.out = out;
  }

  write(text: string): void {
    this.clear();
    this.out(text);
  }

  /** Draws TEXT (one short line, no newline) in place of the live line. */
  show(text: string): void {
    this.out(`${ERASE_LINE}${text}`);
    this.shown = true;
  }

  clear(): void {
    if (!this.shown) return;
    this.out(ERASE_LINE);
    this.shown = false;
  }
}
