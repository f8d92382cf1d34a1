// Text from the model or from commands made safe to print inside the view: terminal escapes and
// control characters would move the cursor or recolour the screen under Ink's feet.

// eslint-disable-next-line no-control-regex -- matching terminal escapes is the point
const ANSI = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-_]/g;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

/** One line: no escapes, no control characters, tabs as two spaces. */
export function sanitizeLine(line: string): string {
  return line.replace(ANSI, '').replace(/\t/g, '  ').replace(CONTROL, '');
}

/** Multi-line text: as `sanitizeLine` for each line; CRLF becomes LF, tabs are kept for code. */
export function sanitizeText(text: string): string {
  return text.replace(/\r\n/g, '\n').replace(ANSI, '').replace(CONTROL, '');
}
