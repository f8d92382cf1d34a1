// A text file as lines plus the details a patch must keep: each line's own ending (LF or CRLF),
// a byte-order mark, and whether the file ends with a newline.

export type Eol = '\n' | '\r\n' | '';

export interface FileText {
  bom: boolean;
  lines: string[];
  /** Ending of each line; '' only for a last line without a final newline. */
  eols: Eol[];
  /** The ending used for new lines: CRLF when most lines end so. */
  eol: '\n' | '\r\n';
}

export function splitFileText(content: string): FileText {
  const bom = content.startsWith('\uFEFF');
  const text = bom ? content.slice(1) : content;
  const lines: string[] = [];
  const eols: Eol[] = [];
  let crlf = 0;
  let pos = 0;
  while (pos < text.length) {
    const nl = text.indexOf('\n', pos);
    if (nl === -1) {
      lines.push(text.slice(pos));
      eols.push('');
      break;
    }
    const isCrlf = nl > pos && text[nl - 1] === '\r';
    if (isCrlf) crlf++;
    lines.push(text.slice(pos, isCrlf ? nl - 1 : nl));
    eols.push(isCrlf ? '\r\n' : '\n');
    pos = nl + 1;
  }
  const lf = eols.filter((e) => e === '\n').length;
  return { bom, lines, eols, eol: crlf > lf ? '\r\n' : '\n' };
}

/** Whether the file ends without a newline (an empty file counts as ending with one). */
export function lacksFinalNewline(file: FileText): boolean {
  return file.eols.length > 0 && file.eols[file.eols.length - 1] === '';
}

export function joinFileText(bom: boolean, lines: readonly string[], eols: readonly Eol[]): string {
  let out = bom ? '\uFEFF' : '';
  for (let i = 0; i < lines.length; i++) out += lines[i]! + eols[i]!;
  return out;
}
