// The interactive core's notices (slash-command results, the end-of-turn summary, warnings) → ACP
// updates: messages of their own (a fresh messageId each), a read-only tool call with the diff for
// `/diff`, the command list again after `/new`. Pure; the mapper gives the ids.
import type * as acp from '@agentclientprotocol/sdk';
import type { Notice } from '../protocol/interactive.ts';
import type { FileStat } from '../protocol/files.ts';
import { safeLine, safeText } from '../format/safe-text.ts';
import { plural } from '../format/plural.ts';
import { availableCommands } from './commands.ts';
import { diffContent } from './diff-content.ts';
import { fenced } from './output.ts';
import { repoPath } from './text.ts';
import { textContent } from './tool-calls.ts';

type SessionUpdate = acp.SessionNotification['update'];

/** Characters of one file's diff `/diff` sends; a longer one is a line with its counts. */
export const DIFF_FILE_MAX_CHARS = 256 * 1024;
/** Characters of diff one `/diff` sends in all. */
export const DIFF_TOTAL_MAX_CHARS = 4 * 1024 * 1024;

function message(text: string, messageId: string): SessionUpdate {
  return { sessionUpdate: 'agent_message_chunk', content: { type: 'text', text }, messageId };
}

function statLine(f: FileStat): string {
  const name = f.kind === 'move' && f.move_path !== undefined ? `${safeLine(f.path)} → ${safeLine(f.move_path)}` : safeLine(f.path);
  return f.binary ? `${name} (binary)` : `${name} +${f.added} −${f.removed}`;
}

/** The end-of-turn summary: what changed in hew's copy, and how to review and take it. */
export function summaryText(files: FileStat[]): string {
  return [
    `${plural(files.length, 'file')} changed in hew's copy (your repository is untouched):`,
    ...files.map((f) => `- ${statLine(f)}`),
    '',
    '`/diff` to review, `/apply` to write them into your repository.',
  ].join('\n');
}

/** The updates for one notice. `id` names a new message or tool call (unique in the session). */
export function noticeUpdates(notice: Notice, repo: string, id: string): SessionUpdate[] {
  switch (notice.type) {
    case 'notice.summary':
      return notice.files.length > 0 ? [message(summaryText(notice.files), id)] : [];
    case 'notice.diff': {
      // Bounded: one file's diff, and all of them, stay far below the editor's line limit (32 MiB in
      // the SDK); a file past the bounds is a line with its counts.
      let room = DIFF_TOTAL_MAX_CHARS;
      const content = notice.files.flatMap((f) => {
        const fits = f.diff.length <= DIFF_FILE_MAX_CHARS && f.diff.length <= room;
        if (!fits && !f.stat.binary) {
          const why =
            f.diff.length > DIFF_FILE_MAX_CHARS
              ? `too large to show here (${f.diff.length} characters of diff); \`hew diff\` in a terminal shows it`
              : `not shown: the files before it filled this message; \`/diff ${safeLine(f.stat.move_path ?? f.path)}\` shows it alone`;
          return [textContent(`${statLine(f.stat)}: ${why}`)];
        }
        room -= f.diff.length;
        return diffContent({ path: f.stat.path, kind: f.stat.kind, ...(f.stat.move_path !== undefined ? { move_path: f.stat.move_path } : {}), diff: f.stat.binary ? '' : f.diff }, repo);
      });
      const locations = notice.files.flatMap((f) => {
        const abs = repoPath(repo, f.stat.move_path ?? f.path);
        return abs === null ? [] : [{ path: abs }];
      });
      return [
        {
          sessionUpdate: 'tool_call',
          toolCallId: id,
          title: `Changes in the working copy (${plural(notice.files.length, 'file')})`,
          kind: 'read',
          status: 'completed',
          locations,
          content: content.length > 0 ? content : [textContent('No changes in the working copy.')],
        },
      ];
    }
    case 'notice.apply': {
      if (notice.ok && notice.applied.length === 0) return [message(safeText(notice.message), id)];
      const lines = notice.ok
        ? [`Applied to your repository (${plural(notice.applied.length, 'file')}):`, ...notice.applied.map((a) => `- ${safeLine(a.path)} (${safeLine(a.action)})`)]
        : [`Not applied — ${safeText(notice.message)}:`, ...notice.conflicts.map((c) => `- ${safeLine(c.path)}: ${safeText(c.reason)}`)];
      if (notice.ok && notice.message.trim() !== '') lines.push('', safeText(notice.message));
      return [message(lines.join('\n'), id)];
    }
    case 'notice.info':
      return [message(`**${safeLine(notice.title)}**\n${notice.lines.length > 0 ? fenced(safeText(notice.lines.join('\n'))) : ''}`, id)];
    case 'notice.warning':
      return [message(`Warning: ${safeText(notice.message)}`, id)];
    case 'notice.error':
      return [message(`Error: ${safeText(notice.message)}`, id)];
    case 'notice.reset':
      return [
        message(`New run ${safeLine(notice.info.runId)} on a fresh copy of your repository.`, id),
        { sessionUpdate: 'available_commands_update', availableCommands: availableCommands() },
      ];
    case 'notice.exit':
      return [];
  }
}
