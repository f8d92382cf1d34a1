// `notify` in the interactive session (docs/background.md): `turn.completed` when a turn ends, and
// `approval.waiting` when a request waits for the person (a request the policy, a remembered rule or
// an earlier answer decided never waits, so it sends nothing). Nothing here waits: the command runs
// beside the session, and the front awaits the notifier before hew exits.
import type { TurnOutcome } from '../agent/run-turn.ts';
import type { Notifier } from '../hooks/notify.ts';
import type { ApprovalRequest } from '../protocol/approval.ts';
import type { FileStat } from '../protocol/files.ts';
import type { Thread } from '../thread/thread.ts';
import type { Redactor } from '../secrets/redact.ts';

export interface SessionNotifyOptions {
  notifier: Notifier | undefined;
  redactor: Redactor;
  /** Says a failed notification in the session; false once the view is gone (then the notifier's own warning). */
  warn: (message: string) => boolean;
}

export class SessionNotify {
  private readonly opts: SessionNotifyOptions;

  constructor(opts: SessionNotifyOptions) {
    this.opts = opts;
  }

  turnEnded(thread: Thread, turn: number, outcome: TurnOutcome, files: readonly FileStat[]): void {
    this.send(thread, {
      type: 'turn.completed',
      turn,
      status: outcome.status,
      finalMessage: outcome.status === 'completed' ? outcome.finalMessage : null,
      files: files.map((f) => f.path),
      ...(outcome.status === 'failed' ? { error: outcome.error.message } : outcome.status === 'budget_exceeded' ? { error: outcome.reason } : {}),
    });
  }

  approvalWaiting(thread: Thread, request: ApprovalRequest): void {
    this.send(thread, { type: 'approval.waiting', status: 'awaiting_approval', finalMessage: null, files: [], approval: request });
  }

  private send(thread: Thread, facts: Omit<Parameters<Notifier['notify']>[0], 'runId' | 'repository' | 'exitCode'>): void {
    const notifier = this.opts.notifier;
    if (!notifier?.enabled) return;
    const costUsd = thread.session.costUsd;
    notifier.notify(
      { ...facts, runId: thread.run.id, repository: thread.info.top, exitCode: null, ...(costUsd !== undefined ? { costUsd } : {}) },
      { redactor: this.opts.redactor, log: (text) => thread.run.appendLog(text), warn: this.opts.warn },
    );
  }
}
