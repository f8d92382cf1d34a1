// The Approver of the interactive front: each request waits for the person's answer. The gate shows a
// request as an `approval` item (item.started, with the very request object it then passes to
// `decide`) just before it asks, so `observe` maps each request to its item id, and the view answers by
// that id. Interrupting the turn (its AbortSignal) withdraws the question. `onWaiting` hears of each
// request that really waits for the person (not one answered in the same tick it was shown).
import type { AgentEvent } from '../protocol/events.ts';
import type { ApprovalAnswer, ApprovalRequest } from '../protocol/approval.ts';
import type { Approver } from '../approvals/types.ts';
import { isDenial } from '../approvals/decision.ts';

interface Pending {
  request: ApprovalRequest;
  settle: (answer: ApprovalAnswer) => void;
}

export class QueueApprover implements Approver {
  /** A person answers. */
  readonly canApprove = true;
  private readonly ids = new WeakMap<object, string>();
  private readonly pending = new Map<string, Pending>();
  /** Shown, not yet asked: an answer given in the same tick as the item appeared waits here. */
  private readonly early = new Map<string, ApprovalAnswer | null>();
  private readonly onWaiting: ((request: ApprovalRequest) => void) | undefined;

  constructor(opts: { onWaiting?: (request: ApprovalRequest) => void } = {}) {
    this.onWaiting = opts.onWaiting;
  }

  /** Feed every agent event, synchronously as it is emitted: remembers which item shows which request. */
  observe(event: AgentEvent): void {
    if (event.type === 'item.completed' && event.item.type === 'approval') this.early.delete(event.item.id);
    if (event.type !== 'item.started' || event.item.type !== 'approval') return;
    const request = event.item.request;
    if (typeof request !== 'object' || request === null) return;
    this.ids.set(request, event.item.id);
    this.early.set(event.item.id, null);
  }

  decide(req: ApprovalRequest, signal: AbortSignal): Promise<ApprovalAnswer> {
    const id = this.ids.get(req);
    if (id === undefined) {
      return Promise.resolve({ decision: 'denied', note: 'Not run: hew could not show this request to the user.' });
    }
    const given = this.early.get(id);
    this.early.delete(id);
    if (signal.aborted) return Promise.reject(new Error('interrupted by the user'));
    if (given) return Promise.resolve(given);
    return new Promise((resolve, reject) => {
      const onAbort = (): void => {
        this.pending.delete(id);
        reject(new Error('interrupted by the user'));
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.pending.set(id, {
        request: req,
        settle: (answer) => {
          signal.removeEventListener('abort', onAbort);
          this.pending.delete(id);
          resolve(answer);
        },
      });
      this.onWaiting?.(req);
    });
  }

  /** Answers the request shown as approval item `id`; false when nothing waits under that id. */
  answer(id: string, answer: ApprovalAnswer): boolean {
    const waiting = this.pending.get(id);
    if (waiting) {
      waiting.settle(forModel(answer));
      return true;
    }
    if (this.early.get(id) !== null) return false;
    this.early.set(id, forModel(answer));
    return true;
  }

  /** Ids of the approval items still waiting for an answer, oldest first. */
  waiting(): string[] {
    return [...this.pending.keys()];
  }
}

/** The model reads a denial's note as the tool's output: say it was the user, and pass on what they said. */
function forModel(answer: ApprovalAnswer): ApprovalAnswer {
  if (!isDenial(answer.decision)) return { decision: answer.decision, ...(answer.note ? { note: answer.note } : {}) };
  const said = answer.note?.trim();
  return { decision: answer.decision, note: said ? `Not run: the user denied this command and said: ${said}` : 'Not run: the user denied this command.' };
}
