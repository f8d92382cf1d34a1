// Human progress for `exec` without --json, on stderr: a line when a command starts and when it ends,
// one calm line per other finished thing. No ANSI when stderr is not a TTY or NO_COLOR is set; the
// streamed text and the elapsed-time line are for a terminal only (exec-progress.ts). Every string of an event is
// made safe for the terminal first (src/format/safe-text.ts): the model writes most of them.
import type { Item, StampedEvent } from '../protocol/events.ts';
import { costText } from '../format/cost.ts';
import { mcpUserFix } from '../approvals/notes.ts';
import { safeLine, safeStrings, safeText } from '../format/safe-text.ts';
import { ignoredLines, outsideSparseLines } from './ignored-lines.ts';
import { notCopiedLines } from './left-out-lines.ts';
import { commandEndLine, commandStartLine, hasStartLine } from './progress-lines.ts';

export interface Style {
  dim(s: string): string;
  bold(s: string): string;
  red(s: string): string;
  green(s: string): string;
}

export function makeStyle(enabled: boolean): Style {
  const wrap = (open: number, close: number) => (s: string) => (enabled ? `\u001b[${open}m${s}\u001b[${close}m` : s);
  return { dim: wrap(2, 22), bold: wrap(1, 22), red: wrap(31, 39), green: wrap(32, 39) };
}

/**
 * A product printed on stdout (the final message, a patch, a report): byte-exact for a pipe or a file,
 * made safe when stdout is a terminal. Human lines on stderr are always made safe.
 */
export function forStdout(text: string, stream: { isTTY?: boolean } = process.stdout): string {
  return stream.isTTY ? safeText(text) : text;
}

/** How much the printer shows: everything, everything with the assistant's text as it streams (a terminal), or errors only. */
export interface PrinterOptions {
  /** Write the assistant's text as its item.delta events arrive (only on a terminal). */
  stream?: boolean;
  /** `--quiet`: nothing but errors. */
  quiet?: boolean;
}

/**
 * The last agent message is held back until something follows it: the final answer goes to stdout
 * only, so it is not printed twice on a terminal (a streamed message was already shown as it came).
 * A shell or setup command gets a line when it starts and one when it ends (progress-lines.ts).
 */
export function humanPrinter(write: (line: string) => void, style: Style, opts: PrinterOptions = {}): (e: StampedEvent) => void {
  let pending: string | null = null;
  let roots: string[] = [];
  const started = new Set<string>();
  /** The agent message being streamed, and whether its text so far ends a line. */
  let streaming: { id: string; wrote: boolean; atLineStart: boolean } | null = null;
  return (raw) => {
    const event = safeStrings(raw);
    if (opts.quiet) {
      if (isError(event)) write(`${describe(event, style)}\n`);
      return;
    }
    if (event.type === 'thread.started') roots = [event.repo, event.working_copy];
    if (opts.stream && event.type === 'item.started' && event.item.type === 'agent_message') {
      streaming = { id: event.item.id, wrote: false, atLineStart: true };
      return;
    }
    if (event.type === 'item.delta') {
      if (streaming && event.id === streaming.id && event.text !== '') {
        if (pending !== null) write(`${pending}\n`);
        pending = null;
        write(event.text);
        streaming.wrote = true;
        streaming.atLineStart = event.text.endsWith('\n');
      }
      return;
    }
    if (event.type === 'item.completed' && event.item.type === 'agent_message') {
      const shown = streaming?.id === event.item.id && streaming.wrote;
      if (shown && !streaming?.atLineStart) write('\n');
      if (streaming?.id === event.item.id) streaming = null;
      if (!shown && event.item.status === 'completed') pending = event.item.text;
      return;
    }
    let line: string | null;
    if (event.type === 'item.started') {
      line = hasStartLine(event.item) ? commandStartLine(event.item, roots, style) : null;
      if (line !== null) started.add(event.item.id);
    } else if (event.type === 'item.completed' && hasStartLine(event.item) && started.delete(event.item.id)) {
      line = commandEndLine(event.item, style);
    } else line = describe(event, style);
    if (line === null) return;
    if (pending !== null && !(event.type === 'thread.completed' && event.final_message === pending)) write(`${pending}\n`);
    pending = null;
    write(`${line}\n`);
  };
}

/** What `--quiet` still shows. */
function isError(event: StampedEvent): boolean {
  return (event.type === 'error' && !event.will_retry) || event.type === 'turn.failed';
}

function describe(event: StampedEvent, s: Style): string | null {
  switch (event.type) {
    case 'thread.started':
      return s.dim(`hew ${event.run_id} · ${event.model} via ${event.provider} · sandbox ${event.sandbox.mode}${event.sandbox.kind === 'none' ? '' : ` (${event.sandbox.kind})`}\n  working copy ${event.working_copy}`);
    case 'item.completed':
      return describeItem(event.item, s);
    case 'error':
      return event.will_retry
        ? s.dim(`retrying (attempt ${event.attempt ?? '?'}, in ${((event.delay_ms ?? 0) / 1000).toFixed(1)}s): ${event.message}`)
        : s.red(`error: ${event.message}`);
    case 'turn.failed':
      return s.red(`turn failed: ${event.error.message}`);
    case 'thread.completed': {
      const files = event.files_changed.map((f) => `  ${f.kind.padEnd(6)} ${f.path}${f.move_path ? ` → ${f.move_path}` : ''}`);
      const changed = files.length ? `${files.length} file(s) changed:\n${files.join('\n')}` : 'no files changed';
      const ignored = { edited: event.ignored_files ?? [], byCommands: event.ignored_by_commands ?? [] };
      const head = [changed, ...outsideSparseLines(event.outside_sparse ?? []), ...ignoredLines(ignored), ...notCopiedLines(event.left_out ?? [])].join('\n');
      const check = event.check ? `\ncheck \`${event.check.command}\`: ${event.check.passed ? s.green('passed') : s.red(`failed (exit ${event.check.exit_code})`)}` : '';
      const cost = ` · ${costText(event.total_cost_usd)}`;
      const usage = `${event.total_usage.input_tokens} in / ${event.total_usage.output_tokens} out tokens${cost}`;
      return `${s.dim('─'.repeat(40))}\n${head}${check}\n${s.dim(`${event.status} in ${(event.duration_ms / 1000).toFixed(1)}s · ${usage}`)}`;
    }
    default:
      return null;
  }
}

function describeItem(item: Item, s: Style): string | null {
  switch (item.type) {
    case 'command_execution': {
      const took = item.duration_ms !== null ? ` ${(item.duration_ms / 1000).toFixed(1)}s` : '';
      const code = item.status === 'declined' ? s.red('declined') : item.exit_code === 0 ? s.green('ok') : s.red(`exit ${item.exit_code ?? '?'}`);
      const label = item.tool ? safeLine(item.command) : `$ ${safeLine(item.command)}`;
      return `${s.bold('›')} ${label} ${s.dim(`(${code}${took})`)}`;
    }
    case 'file_change': {
      const counts = (c: (typeof item.changes)[number]): string =>
        c.lines_added !== undefined && c.lines_removed !== undefined ? ` ${s.dim(`+${c.lines_added} -${c.lines_removed}`)}` : '';
      const paths = item.changes.map((c) => `${c.kind} ${c.path}${counts(c)}`).join(', ');
      return item.status === 'completed' ? `${s.bold('✎')} ${paths}` : s.red(`✎ patch failed${paths ? ` (${paths})` : ''}`);
    }
    case 'todo_list':
      return item.items.map((p) => `  ${p.status === 'completed' ? '☑' : p.status === 'in_progress' ? '▸' : '☐'} ${p.text}`).join('\n');
    case 'error':
      return s.red(`tool error: ${item.message}`);
    case 'approval': {
      const req = item.request as { command?: string; reason?: string; mcp_server?: string } | null;
      const what = req?.command ? `\`${safeLine(req.command)}\`` : 'an action';
      const why = req?.reason ? ` (${req.reason})` : '';
      const fix = typeof req?.mcp_server === 'string' ? `\n  to allow it: ${safeLine(mcpUserFix(req.mcp_server))}` : '';
      // The approver command's reason is its own text (it may quote the model's): one safe line.
      const by = item.decided_by === 'approver_command' ? `\n  by your approver${item.reason ? `: ${safeLine(item.reason)}` : ''}` : '';
      const always = item.decision === 'denied_always' ? ' — always, for this prefix' : item.decision === 'denied' && item.decided_by === 'rule' ? ' — by an earlier "always deny"' : '';
      return item.decision === 'denied' || item.decision === 'denied_always' || item.status === 'declined'
        ? s.red(`✋ denied ${what}${why}${always}${by}${fix}`)
        : s.dim(`✓ approved ${what}${why}${item.decision === 'approved_always' ? ' — always, for this prefix' : ''}${by}`);
    }
    default:
      return null;
  }
}
