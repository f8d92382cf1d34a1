// The one ANSI stripper: removes every whole terminal escape sequence from a command's output, so
// what is left is the text a terminal would show, with nothing it would act on. Used where a
// command's output is read rather than replayed: what the model reads of it (sandbox/output-cap.ts,
// the run's log keeps the bytes) and the TUI's live tail of a command (terminal/safe-text.ts
// safeOutputLine). Model-written text (messages, command text, file names) is never stripped: it is
// made visible by the sanitizer, so a hidden sequence is seen, not lost.
//
// A sequence is removed whole, never in part (no `31m` or `(B` left behind):
//   - strings: OSC (ESC ] …), DCS (ESC P …), SOS, PM, APC, and their one-byte C1 forms, up to BEL,
//     ESC \ or the C1 ST; another ESC or C1 control ends the string unfinished, as it does in a
//     terminal, so no string runs over another's introducer (which also keeps the match linear:
//     a flood of C1 introducers with no terminator must not cost quadratic time on hew's thread);
//   - CSI (ESC [ or the C1 CSI): parameters, intermediates, one final byte (colours, cursor moves,
//     erases, private modes such as ESC [ ? 25 l and ESC [ > 4 ; 2 m);
//   - ESC, intermediates, a final byte (charset selection ESC ( B, ESC ) 0, ESC # 8, ESC % G);
//   - ESC and one byte (ESC 7, ESC =, ESC M, ESC c …).
// A lone ESC or C1 control that starts none of these stays; the sanitizer shows it as ␛ / ⟨U+009B⟩.
// Pure; imports nothing.

// eslint-disable-next-line no-control-regex -- matching escape sequences is the point
const ESCAPE_SEQUENCE = /(?:\u001b[\]P^_X]|[\u0090\u0098\u009d\u009e\u009f])[^\u0007\u001b\u0080-\u009f]*(?:\u0007|\u001b\\|\u009c)|(?:\u001b\[|\u009b)[0-?]*[ -/]*[@-~]|\u001b[ -/]+[0-~]|\u001b[0-~]/g;

// eslint-disable-next-line no-control-regex -- as above: a character that can start a sequence
const INTRODUCER = /[\u001b\u0090\u0098\u009b\u009d-\u009f]/;

/** `text` without its terminal escape sequences (returned as it is when it holds no ESC or C1 introducer). */
export function stripAnsi(text: string): string {
  return INTRODUCER.test(text) ? text.replace(ESCAPE_SEQUENCE, '') : text;
}

// The start of a sequence at the very end of the text that more bytes could still complete.
// eslint-disable-next-line no-control-regex -- as above
const UNFINISHED_AT_END = /(?:(?:\u001b[\]P^_X]|[\u0090\u0098\u009d\u009e\u009f])[^\u0007\u001b\u0080-\u009f]*\u001b?|(?:\u001b\[|\u009b)[0-?]*[ -/]*|\u001b[ -/]*)$/;

/**
 * Text still being written (a command's last, unfinished line) without an escape sequence that its
 * end only begins: shown now, `ESC ] 8 ; ; http…` would leave `8;;http…` until the rest arrives.
 */
export function withoutUnfinishedEscape(text: string): string {
  return text.replace(UNFINISHED_AT_END, '');
}
