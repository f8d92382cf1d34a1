// Keeps a run's events.jsonl able to rebuild the model's conversation exactly: a `hew.session`
// record with the system prompt, then one `hew.items` record per addition and a `hew.replaced` record
// per wholesale replacement (compaction). These records never reach a front's sink.
import type { Session } from '../agent/session.ts';
import type { Run } from '../runs/run.ts';

export function recordConversation(run: Run, session: Session, opened: { instructions: string; model: string; provider: string }): void {
  run.appendRecord({ type: 'hew.session', ...opened });
  session.conversation.listener = {
    added: (items) => run.appendRecord({ type: 'hew.items', items, step: session.steps }),
    replaced: (items) => run.appendRecord({ type: 'hew.replaced', items }),
  };
}
