// The `grep` tool: ripgrep over the working copy (bundled binary, spawned without a shell).
// Honours .gitignore (also outside a git repository), searches hidden files but not .git, sorts by
// path, and caps the result at MAX_MATCH_LINES lines, saying how many more there were.
// With context lines (`context`, `before`, `after`, at most MAX_CONTEXT_LINES each; larger values
// are clamped and the output says so) the output is grouped under each file's path, ripgrep's
// heading format: `N:text` a match, `N-text` a context line, `--` between groups of a file;
// overlapping contexts are merged by ripgrep.
// Everything the model passes is data, never an option: the pattern follows `--regexp`, the glob
// `--glob`, the path `--`; the context sizes are integers; `--no-config` keeps a ripgrep config
// file (RIPGREP_CONFIG_PATH, which may be relative to the copy the model writes) from adding any.
// The item is a `command_execution` with tool 'grep' (see read-file.ts for the mapping).
import { spawn } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import { rgPath } from '@vscode/ripgrep';
import { z } from 'zod';
import { capOutput } from '../sandbox/output-cap.ts';
import { displayPath, repoRelative, resolveInside } from './paths.ts';
import { quoteArg } from './shell.ts';
import { startedCommandItem } from './items.ts';
import type { CommandItem } from './items.ts';
import type { Tool, ToolContext, ToolOutcome } from './types.ts';
import { isNotFound } from '../fs/not-found.ts';

const MAX_MATCH_LINES = 200;
/** Context lines on each side of a match are at most this many; larger requests are clamped. */
export const MAX_CONTEXT_LINES = 10;
const MAX_MATCH_CHARS = 32 * 1024;
const GREP_TIMEOUT_MS = 60_000;
const MAX_STDERR_CHARS = 4096;

const schema = z.object({
  pattern: z.string().min(1).describe('Regular expression (Rust regex syntax, like rg).'),
  path: z.string().optional().describe('File or directory to search, relative to the root. Default: the root.'),
  glob: z.string().optional().describe('Only files matching this glob, e.g. "*.ts" or "src/**/*.py".'),
  context: contextLines('Lines before and after each match (rg -C)'),
  before: contextLines('Lines before each match (rg -B)'),
  after: contextLines('Lines after each match (rg -A)'),
});

function contextLines(description: string) {
  return z.number().int().min(0).optional().describe(`${description}, max ${MAX_CONTEXT_LINES}.`);
}

export type GrepArgs = z.infer<typeof schema>;

function relativeTarget(args: GrepArgs): string {
  return args.path === undefined || args.path === '' ? '.' : args.path;
}

interface ContextSize {
  before: number;
  after: number;
  /** True when the model asked for more than MAX_CONTEXT_LINES on a side. */
  clamped: boolean;
}

/** The context lines on each side, as rg resolves -C/-B/-A (-B and -A win over -C), clamped. */
export function contextSize(args: Pick<GrepArgs, 'context' | 'before' | 'after'>): ContextSize {
  const before = args.before ?? args.context ?? 0;
  const after = args.after ?? args.context ?? 0;
  return {
    before: Math.min(before, MAX_CONTEXT_LINES),
    after: Math.min(after, MAX_CONTEXT_LINES),
    clamped: before > MAX_CONTEXT_LINES || after > MAX_CONTEXT_LINES,
  };
}

function contextFlags({ before, after }: ContextSize): string[] {
  if (before === after) return before === 0 ? [] : ['-C', String(before)];
  return [...(before > 0 ? ['-B', String(before)] : []), ...(after > 0 ? ['-A', String(after)] : [])];
}

function displayCommand(args: GrepArgs, target: string): string {
  const parts = ['rg', '-n', ...contextFlags(contextSize(args)), quoteArg(args.pattern)];
  if (target !== '.') parts.push(quoteArg(target));
  if (args.glob !== undefined) parts.push('--glob', quoteArg(args.glob));
  return parts.join(' ');
}

function begin(args: GrepArgs, ctx: ToolContext): CommandItem {
  const item = startedCommandItem(displayCommand(args, relativeTarget(args)), ctx.visibleRoot ?? ctx.root, 'grep');
  const shown = repoRelative(relativeTarget(args), ctx.visibleRoot ?? ctx.root);
  if (shown !== null) item.paths = [{ path: shown }];
  return item;
}

interface RgResult {
  code: number | null;
  lines: string[];
  extraLines: number;
  stderr: string;
}

function runRg(argv: string[], cwd: string, signal: AbortSignal): Promise<RgResult> {
  return new Promise((resolve) => {
    const child = spawn(rgPath, argv, { cwd, stdio: ['ignore', 'pipe', 'pipe'], signal, timeout: GREP_TIMEOUT_MS });
    const result: RgResult = { code: null, lines: [], extraLines: 0, stderr: '' };
    const decoder = new StringDecoder('utf8');
    let partial = '';
    let chars = 0;
    const take = (line: string): void => {
      if (result.lines.length < MAX_MATCH_LINES && chars + line.length <= MAX_MATCH_CHARS) {
        result.lines.push(line);
        chars += line.length + 1;
      } else {
        result.extraLines += 1;
      }
    };
    child.stdout.on('data', (chunk: Buffer) => {
      const parts = (partial + decoder.write(chunk)).split('\n');
      partial = parts.pop() ?? '';
      for (const line of parts) take(line);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (result.stderr.length < MAX_STDERR_CHARS) result.stderr += chunk.toString('utf8');
    });
    child.on('error', (err) => {
      if (result.stderr === '') result.stderr = err.message;
    });
    child.on('close', (code) => {
      const last = partial + decoder.end();
      if (last !== '') take(last);
      result.code = code;
      resolve(result);
    });
  });
}

async function run(args: GrepArgs, ctx: ToolContext): Promise<ToolOutcome> {
  const started = performance.now();
  const item = begin(args, ctx);
  const finish = (ok: boolean, output: string, exitCode: number): ToolOutcome => ({
    output,
    item: { ...item, exit_code: exitCode, aggregated_output: capOutput(output), duration_ms: Math.round(performance.now() - started) },
    status: ok ? 'completed' : 'failed',
  });

  let target: string;
  try {
    const abs = resolveInside(ctx.root, relativeTarget(args), ctx.visibleRoot);
    target = displayPath(ctx.root, abs);
    await stat(abs);
  } catch (err) {
    const message = isNotFound(err) ? `${args.path ?? '.'} does not exist.` : (err as Error).message;
    return finish(false, `grep refused: ${message}`, 2);
  }

  const context = contextSize(args);
  const withContext = context.before > 0 || context.after > 0;
  const argv = ['--no-config', '--line-number', withContext ? '--heading' : '--no-heading', '--with-filename',
    '--color', 'never', '--max-columns', '300', '--max-columns-preview', '--hidden', '--no-require-git',
    '--glob', '!.git', '--sort', 'path',
    `--before-context=${context.before}`, `--after-context=${context.after}`];
  if (args.glob !== undefined) argv.push('--glob', args.glob);
  argv.push('--regexp', args.pattern, '--');
  if (target !== '.') argv.push(target);

  const rg = await runRg(argv, ctx.root, ctx.signal);
  const exitCode = rg.code ?? 2;
  const stderr = rg.stderr.trim();
  if (rg.lines.length === 0) {
    if (exitCode === 1 && stderr === '') return finish(true, 'No matches.', 1);
    return finish(false, `grep failed: ${stderr || `rg exited with code ${exitCode}`}`, exitCode);
  }
  let output = rg.lines.join('\n');
  if (rg.extraLines > 0) {
    output += withContext
      ? `\n… ${rg.extraLines} more lines not shown; narrow the pattern, path or glob, or ask for less context.`
      : `\n… ${rg.extraLines} more matching lines not shown; narrow the pattern, path or glob.`;
  }
  if (context.clamped) output += `\n(Context was capped at ${MAX_CONTEXT_LINES} lines a side.)`;
  if (stderr !== '') output += `\n(rg also reported: ${stderr.split('\n')[0]})`;
  return finish(true, output, 0);
}

export const grepTool: Tool<GrepArgs> = {
  name: 'grep',
  description:
    'Search file contents with ripgrep. Returns path:line:text lines (paths relative to the root), ' +
    'skipping .gitignored files. With context: lines grouped under each path, N:match, N-context. ' +
    'Use instead of shell grep/rg.',
  schema,
  begin,
  run,
};
