// The `read_file` tool: numbered lines of a text file (cat -n style), a window of them via
// offset/limit; a directory lists its entries; binary files are refused.
//
// Item mapping (see items.ts): SPEC §3 has no generic tool item, so hew's non-shell tools appear as a
// `command_execution` item with a `tool` field (`read_file`, `grep`) and a command such as
// `read_file src/main.ts`; exit_code is 0 on success and 1 when the tool refused or failed.
import { readdir, stat } from 'node:fs/promises';
import { z } from 'zod';
import { describeReason, readBoundedAsync, UnreadableFileError } from '../fs/read-bounded.ts';
import { capOutput } from '../sandbox/output-cap.ts';
import { displayPath, repoRelative, resolveInside } from './paths.ts';
import { startedCommandItem } from './items.ts';
import type { CommandItem } from './items.ts';
import type { Tool, ToolContext, ToolOutcome } from './types.ts';
import { isNotFound } from '../fs/not-found.ts';

const DEFAULT_READ_LIMIT = 2000;
const MAX_LINE_CHARS = 2000;
/** The output stops early (with a note saying where to go on) past this many characters. */
const MAX_READ_CHARS = 64 * 1024;
/** At most this much of a file is read (memory stays bounded whatever the file's size); a note says so. */
export const MAX_FILE_BYTES = 16 * 1024 * 1024;
const MAX_DIR_ENTRIES = 500;
const BINARY_SNIFF_BYTES = 8192;

const schema = z.object({
  path: z.string().min(1).describe('File path, relative to the repository root.'),
  offset: z.number().int().min(1).optional().describe('1-based line to start at.'),
  limit: z.number().int().min(1).optional().describe(`Number of lines. Default ${DEFAULT_READ_LIMIT}.`),
});

export type ReadFileArgs = z.infer<typeof schema>;

function begin(args: ReadFileArgs, ctx: ToolContext): CommandItem {
  const item = startedCommandItem(`read_file ${args.path}`, ctx.visibleRoot ?? ctx.root, 'read_file');
  const shown = repoRelative(args.path, ctx.visibleRoot ?? ctx.root);
  if (shown !== null) item.paths = [{ path: shown, line: args.offset ?? 1 }];
  return item;
}

function numbered(n: number, line: string): string {
  const text = line.length > MAX_LINE_CHARS ? `${line.slice(0, MAX_LINE_CHARS)} … [line truncated: ${line.length} chars]` : line;
  return `${String(n).padStart(6)}\t${text}`;
}

async function listDirectory(abs: string, shown: string): Promise<string> {
  const entries = await readdir(abs, { withFileTypes: true });
  const names = entries.map((e) => (e.isDirectory() ? `${e.name}/` : e.name)).sort();
  const head = names.slice(0, MAX_DIR_ENTRIES);
  const more = names.length > head.length ? `\n… ${names.length - head.length} more entries` : '';
  if (names.length === 0) return `${shown} is an empty directory.`;
  return `${shown} is a directory with ${names.length} entries (read a file inside it instead):\n${head.join('\n')}${more}`;
}

/** The numbered window of lines, or a message; `ok` false when nothing could be shown. */
function readWindow(text: string, shown: string, args: ReadFileArgs): { ok: boolean; output: string } {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  if (lines.length === 0) return { ok: true, output: `${shown} is empty.` };
  const offset = args.offset ?? 1;
  if (offset > lines.length) {
    return { ok: false, output: `offset ${offset} is past the end of ${shown} (${lines.length} lines).` };
  }
  const limit = args.limit ?? DEFAULT_READ_LIMIT;
  const end = Math.min(lines.length, offset - 1 + limit);
  const out: string[] = [];
  let chars = 0;
  let next = offset;
  for (let i = offset - 1; i < end; i += 1) {
    const row = numbered(i + 1, (lines[i] ?? '').replace(/\r$/, ''));
    if (out.length > 0 && chars + row.length > MAX_READ_CHARS) break;
    out.push(row);
    chars += row.length + 1;
    next = i + 2;
  }
  const remaining = lines.length - (next - 1);
  if (remaining > 0) out.push(`… ${remaining} more lines; read on with offset=${next}`);
  return { ok: true, output: out.join('\n') };
}

async function run(args: ReadFileArgs, ctx: ToolContext): Promise<ToolOutcome> {
  const started = performance.now();
  const item = begin(args, ctx);
  const finish = (ok: boolean, output: string): ToolOutcome => ({
    output,
    item: {
      ...item,
      exit_code: ok ? 0 : 1,
      aggregated_output: capOutput(output),
      duration_ms: Math.round(performance.now() - started),
    },
    status: ok ? 'completed' : 'failed',
  });

  let abs: string;
  try {
    abs = resolveInside(ctx.root, args.path, ctx.visibleRoot);
  } catch (err) {
    return finish(false, `read_file refused: ${(err as Error).message}`);
  }
  const shown = displayPath(ctx.root, abs);
  try {
    const info = await stat(abs);
    if (info.isDirectory()) {
      // A listing has no lines: the path alone.
      if (item.paths) item.paths = item.paths.map(({ path }) => ({ path }));
      return finish(true, await listDirectory(abs, shown));
    }
    if (!info.isFile()) return finish(false, `${shown} is not a regular file.`);
    // Never opens a FIFO or device; reads at most MAX_FILE_BYTES whatever the file's size.
    const { bytes, size, truncated } = await readBoundedAsync(abs, { maxBytes: MAX_FILE_BYTES, overLimit: 'truncate' });
    if (bytes.subarray(0, BINARY_SNIFF_BYTES).includes(0)) {
      return finish(false, `${shown} is a binary file (${size} bytes); not shown.`);
    }
    if (!truncated) {
      const window = readWindow(bytes.toString('utf8'), shown, args);
      return finish(window.ok, window.output);
    }
    // Only whole lines of the first MAX_FILE_BYTES.
    const cut = bytes.lastIndexOf(10);
    const window = readWindow(bytes.subarray(0, cut + 1).toString('utf8'), shown, args);
    const note = `[${shown} is ${size} bytes; read_file reads only its first ${MAX_FILE_BYTES / (1024 * 1024)} MiB (${cut + 1} bytes of whole lines). Use shell (e.g. tail, sed -n, grep) for the rest.]`;
    return finish(window.ok, `${window.output}\n${note}`);
  } catch (err) {
    if (err instanceof UnreadableFileError && err.reason.code !== 'missing') return finish(false, `${shown} ${describeReason(err.reason)}.`);
    if (isNotFound(err) || err instanceof UnreadableFileError) return finish(false, `${shown} does not exist.`);
    return finish(false, `Could not read ${shown}: ${(err as Error).message}`);
  }
}

export const readFileTool: Tool<ReadFileArgs> = {
  name: 'read_file',
  description:
    'Read a text file as numbered lines (cat -n style). Use offset/limit to page through long files. ' +
    'A directory path lists its entries.',
  schema,
  begin,
  run,
};
