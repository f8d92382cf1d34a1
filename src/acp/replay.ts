// session/load replays a hew run to the editor before answering: its history from events.jsonl, as
// the updates a live session would have sent. The user's prompts come from the `hew.items` records
// (interactive/earlier.ts userPrompt: what `hew resume` shows too) as user_message_chunk; everything
// else goes through an UpdateMapper. events.jsonl has no deltas, so only completed items are fed:
// each message arrives whole, each tool call once with its final status. A pending approval, a
// command that never ended (the run was cut off) and hew's other records send nothing, except a
// rewind, a compaction and a failed or interrupted turn, which are said as a line, as `hew resume` does.
import type * as acp from '@agentclientprotocol/sdk';
import type { ConversationItem } from '../model/types.ts';
import type { InteractiveEvent } from '../protocol/interactive.ts';
import { safeText } from '../format/safe-text.ts';
import { userPrompt } from '../interactive/earlier.ts';
import { readEventLines } from '../runs/run.ts';
import { UpdateMapper } from './updates.ts';
import type { UpdateScope } from './updates.ts';

type SessionUpdate = acp.SessionNotification['update'];

/** Put before the ids of replayed items, so the live session's items (whose ids start again) are other cards. */
export const REPLAY_ID_PREFIX = 'earlier/';

function message(text: string, messageId: string): SessionUpdate {
  return { sessionUpdate: 'agent_message_chunk', content: { type: 'text', text }, messageId };
}

/** The updates `session/load` sends for the run whose events are at `eventsPath`, in order. */
export function replayUpdates(eventsPath: string, scope: UpdateScope): SessionUpdate[] {
  const mapper = new UpdateMapper({ ...scope, idPrefix: scope.idPrefix ?? REPLAY_ID_PREFIX });
  const out: SessionUpdate[] = [];
  let n = 0;
  const id = (what: string): string => `${REPLAY_ID_PREFIX}${what}_${++n}`;
  for (const line of readEventLines(eventsPath)) {
    const record = line as Record<string, unknown>;
    try {
      switch (line.type) {
        case 'hew.items': {
          const items = Array.isArray(record.items) ? (record.items as ConversationItem[]) : [];
          for (const item of items) {
            const prompt = userPrompt(item);
            if (!prompt || prompt.text.trim() === '') continue;
            const text = safeText(prompt.text) + (prompt.piped ? '\n\n(with piped input)' : '');
            out.push({ sessionUpdate: 'user_message_chunk', content: { type: 'text', text }, messageId: id('prompt') });
          }
          break;
        }
        case 'hew.rewound':
          out.push(message(`↺ Rewound to step ${safeText(String(record.step))}.`, id('rewound')));
          break;
        case 'hew.replaced':
          out.push(message('(The conversation was compacted here: the model sees a summary of what came before.)', id('compacted')));
          break;
        case 'turn.failed': {
          const error = record.error as { message?: unknown } | undefined;
          const why = error?.message === 'interrupted' ? 'was interrupted' : `failed: ${safeText(String(error?.message ?? ''))}`;
          out.push(message(`Turn ${safeText(String(record.turn))} ${why}`, id('turn')));
          break;
        }
        case 'item.completed':
        case 'turn.completed':
          out.push(...mapper.map(line as InteractiveEvent));
          break;
        default:
          break;
      }
    } catch {
      // A record of an unexpected shape is left out; the rest is still worth showing.
    }
  }
  return out;
}
