// The earlier transcript of a run, in compact form, for `hew resume` and `/resume`: what the user
// asked, what the assistant answered (its first lines), the commands and the edits, in the order they
// happened, read from the run's events.jsonl (its `hew.items` records for the user's messages, its
// completed items for the rest), so a compaction since does not hide what happened before it.
// Pure: records in, lines out. The lines are the model's text: the view makes them safe to print.
import { SUMMARY_MARKER } from '../agent/compaction.ts';
import type { Item } from '../protocol/events.ts';
import type { ConversationItem } from '../model/types.ts';
import type { ResumeState } from '../thread/resume.ts';
import type { Notice } from '../protocol/interactive.ts';

/** How many entries (a prompt, an answer, a command, an edit…) are shown at most: the latest ones. */
const EARLIER_ENTRIES = 40;
/** Lines of an answer shown; the rest is counted. */
const ANSWER_LINES = 3;
/** Characters of one line shown. */
const LINE_CHARS = 160;

const KIND_LETTER: Record<string, string> = { add: 'A', update: 'M', delete: 'D', move: 'R' };

function cut(line: string): string {
  return line.length > LINE_CHARS ? `${line.slice(0, LINE_CHARS - 1)}…` : line;
}

/** The first `max` non-blank lines of `text`, cut, and how many more there were. */
function firstLines(text: string, max: number): { lines: string[]; more: number } {
  const all = text.split('\n').map((l) => l.trimEnd()).filter((l) => l.trim() !== '');
  return { lines: all.slice(0, max).map(cut), more: Math.max(0, all.length - max) };
}

/**
 * What the user asked in a conversation item of a `hew.items` record: a prompt's words, without a
 * piped-in <stdin> block (not the user's words; `piped` says there was one); null for anything else
 * (the model's items, tool output, a compaction summary). Also what an editor's session/load replays.
 */
export function userPrompt(item: ConversationItem): { text: string; piped: boolean } | null {
  if (item.type !== 'message' || item.role !== 'user' || typeof item.content !== 'string') return null;
  if (item.content.startsWith(SUMMARY_MARKER)) return null;
  const [asked = '', ...piped] = item.content.split(/\n+(?=<stdin\b)/);
  return { text: asked, piped: piped.length > 0 };
}

function userEntry(item: ConversationItem): string[] | null {
  const prompt = userPrompt(item);
  if (!prompt) return null;
  const { lines, more } = firstLines(prompt.text, ANSWER_LINES);
  const shown = lines.map((l, i) => (i === 0 ? `› ${l}` : `  ${l}`));
  if (more > 0) shown.push(`  … ${more} more line${more === 1 ? '' : 's'}`);
  if (prompt.piped) shown.push('  (with piped input)');
  return shown.length > 0 ? shown : null;
}

function itemEntry(item: Item): string[] | null {
  switch (item.type) {
    case 'agent_message': {
      if (item.status !== 'completed') return null;
      const { lines, more } = firstLines(item.text, ANSWER_LINES);
      if (lines.length === 0) return null;
      const shown = lines.map((l, i) => (i === 0 ? `● ${l}` : `  ${l}`));
      if (more > 0) shown.push(`  … ${more} more line${more === 1 ? '' : 's'}`);
      return shown;
    }
    case 'command_execution': {
      const command = cut((item.command.split('\n', 1)[0] ?? '') + (item.command.includes('\n') ? ' …' : ''));
      const label = item.tool !== undefined && item.tool !== 'shell' ? '' : '$ ';
      const how = item.status === 'declined' ? 'declined' : item.exit_code !== null ? `exit ${item.exit_code}` : item.status;
      return [`${label}${command} · ${how}`];
    }
    case 'mcp_tool_call':
      return [`${item.server}.${item.tool} · ${item.status}`];
    case 'file_change': {
      if (item.status !== 'completed') return [`✎ edit ${item.status}: ${item.changes.map((c) => c.path).join(', ')}`];
      return item.changes.map((c) => {
        const counts = c.lines_added !== undefined && c.lines_removed !== undefined ? ` +${c.lines_added} -${c.lines_removed}` : '';
        const moved = c.kind === 'move' && c.move_path !== undefined ? ` → ${c.move_path}` : '';
        return `✎ ${KIND_LETTER[c.kind] ?? '?'} ${c.path}${moved}${counts}`;
      });
    }
    default:
      return null;
  }
}

function entryOf(record: Record<string, unknown>): string[][] {
  switch (record.type) {
    case 'hew.items': {
      const items = Array.isArray(record.items) ? (record.items as ConversationItem[]) : [];
      return items.map(userEntry).filter((e): e is string[] => e !== null);
    }
    case 'hew.replaced':
      return [['(the conversation was compacted here: the model sees a summary of what came before)']];
    case 'hew.rewound':
      return [[`↺ rewound to step ${String(record.step)}`]];
    case 'turn.failed': {
      const error = record.error as { message?: unknown } | undefined;
      return [[`✗ turn ${String(record.turn)} ${error?.message === 'interrupted' ? 'interrupted' : `failed: ${cut(String(error?.message ?? ''))}`}`]];
    }
    case 'item.completed': {
      const item = record.item as Item | undefined;
      const entry = item && typeof item === 'object' ? itemEntry(item) : null;
      return entry ? [entry] : [];
    }
    default:
      return [];
  }
}

/** The run's earlier transcript, the latest `max` entries, one string per line; [] when there is nothing. */
export function earlierLines(records: ReadonlyArray<{ type: string }>, max = EARLIER_ENTRIES): string[] {
  const entries: string[][] = [];
  for (const record of records) {
    try {
      entries.push(...entryOf(record as Record<string, unknown>));
    } catch {
      // A record of an unexpected shape is left out; the rest is still worth showing.
    }
  }
  const shown = entries.slice(-max);
  const hidden = entries.length - shown.length;
  return [...(hidden > 0 ? [`… ${hidden} earlier entr${hidden === 1 ? 'y' : 'ies'} (the whole run is in its events.jsonl)`] : []), ...shown.flat()];
}

/** What a resumed session shows first: which run, where it stands, and its earlier transcript. */
export function resumedNotices(state: ResumeState): Notice[] {
  const earlier = earlierLines(state.run.readTranscript().lines);
  return [
    { type: 'notice.info', title: 'Resumed', lines: [`run ${state.run.id}: ${state.meta.title}`, `step ${state.lastStep}; the conversation goes on from here`] },
    ...(earlier.length > 0 ? [{ type: 'notice.info' as const, title: 'Earlier in this run', lines: earlier }] : []),
    ...state.notes.map((message) => ({ type: 'notice.warning' as const, message })),
  ];
}
