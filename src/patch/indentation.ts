// Re-indenting added lines when a hunk matched only modulo indentation (the trimmed or Unicode
// pass): the model wrote context with, say, 4 spaces where the file uses tabs. Each matched
// context/removed line pairs a patch indent with a file indent; an added line is written with the
// file indent of the nearest pair at or below its own patch indent, plus the extra patch levels
// converted to the file's indent unit.

export interface IndentPair {
  patch: string;
  file: string;
  /** Position of the pair's line within the hunk, to prefer the closest pair. */
  pos: number;
}

const TAB_COLUMNS = 4;

function leading(line: string): string {
  return /^[ \t]*/.exec(line)![0];
}

function columns(indent: string): number {
  let n = 0;
  for (const c of indent) n += c === '\t' ? TAB_COLUMNS : 1;
  return n;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** The file's indent unit: a tab, or the most common step between space indents; null if unknown. */
export function detectIndentUnit(lines: readonly string[]): string | null {
  let tabLines = 0;
  let spaceLines = 0;
  let previous = 0;
  const steps = new Map<number, number>();
  for (const line of lines) {
    if (line.trim() === '') continue;
    const indent = leading(line);
    if (indent.startsWith('\t')) {
      tabLines++;
      continue;
    }
    if (indent.length > 0) spaceLines++;
    const step = Math.abs(indent.length - previous);
    if (step > 0) steps.set(step, (steps.get(step) ?? 0) + 1);
    previous = indent.length;
  }
  if (tabLines > spaceLines) return '\t';
  let unit = 0;
  let seen = 0;
  for (const [step, count] of steps) {
    if (count > seen || (count === seen && step < unit)) [unit, seen] = [step, count];
  }
  return unit > 0 ? ' '.repeat(unit) : null;
}

interface Anchor {
  cols: number;
  file: string;
  pos: number;
}

/** The patch's indent step in columns, from how the pairs' file levels change with patch columns. */
function patchUnit(anchors: Anchor[], fileUnit: string, patchTexts: readonly string[]): number {
  const level = (indent: string): number =>
    fileUnit === '\t' ? columns(indent) / TAB_COLUMNS : indent.length / fileUnit.length;
  const votes = new Map<number, number>();
  for (const a of anchors) {
    for (const b of anchors) {
      const dl = level(b.file) - level(a.file);
      const dc = b.cols - a.cols;
      if (dl > 0 && dc > 0 && Number.isInteger(dc / dl)) votes.set(dc / dl, (votes.get(dc / dl) ?? 0) + 1);
    }
  }
  let unit = 0;
  let seen = 0;
  for (const [u, count] of votes) if (count > seen) [unit, seen] = [u, count];
  if (unit > 0) return unit;
  const widths = patchTexts.filter((t) => t.trim() !== '').map((t) => columns(leading(t)));
  const common = widths.filter((w) => w > 0).reduce(gcd, 0);
  return common >= 2 ? common : fileUnit === '\t' ? TAB_COLUMNS : fileUnit.length;
}

function dropLevels(indent: string, levels: number, fileUnit: string): string {
  let out = indent;
  for (let k = 0; k < levels; k++) {
    if (out.endsWith(fileUnit)) out = out.slice(0, -fileUnit.length);
    else if (out.endsWith('\t')) out = out.slice(0, -1);
    else out = out.replace(new RegExp(` {1,${Math.max(1, fileUnit.length)}}$`), '');
  }
  return out;
}

/**
 * A function re-indenting an added patch line (at hunk position `pos`) into the file's style,
 * or null when the pairs show the patch already uses the file's indentation.
 */
export function makeReindenter(
  pairs: readonly IndentPair[],
  fileLines: readonly string[],
  patchTexts: readonly string[],
): ((line: string, pos: number) => string) | null {
  const usable = pairs.filter((p) => p.patch.trim() !== '' && p.file.trim() !== '');
  if (usable.every((p) => leading(p.patch) === leading(p.file))) return null;
  const anchors: Anchor[] = usable.map((p) => ({ cols: columns(leading(p.patch)), file: leading(p.file), pos: p.pos }));
  const unitGuess = detectIndentUnit(fileLines);
  const preliminary = unitGuess ?? ' '.repeat(4);
  const unit = patchUnit(anchors, preliminary, patchTexts);
  const fileUnit = unitGuess ?? ' '.repeat(unit);
  const closest = (candidates: Anchor[], pos: number): Anchor =>
    candidates.reduce((best, a) => (Math.abs(a.pos - pos) < Math.abs(best.pos - pos) ? a : best));
  return (line, pos) => {
    if (line.trim() === '') return '';
    const cols = columns(leading(line));
    const body = line.trimStart();
    const below = anchors.filter((a) => a.cols <= cols);
    if (below.length > 0) {
      const top = Math.max(...below.map((a) => a.cols));
      const anchor = closest(below.filter((a) => a.cols === top), pos);
      const extra = cols - anchor.cols;
      const levels = Math.floor(extra / unit);
      return anchor.file + fileUnit.repeat(levels) + ' '.repeat(extra - levels * unit) + body;
    }
    const bottom = Math.min(...anchors.map((a) => a.cols));
    const anchor = closest(anchors.filter((a) => a.cols === bottom), pos);
    return dropLevels(anchor.file, Math.round((anchor.cols - cols) / unit), fileUnit) + body;
  };
}
