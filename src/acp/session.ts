// One ACP session over an interactive controller: its events become `session/update` notifications
// (updates.ts), its approval questions `session/request_permission` requests (permission.ts), and a
// `session/prompt` is answered once what the prompt started has ended and every update it caused has
// gone out. The controller is the TUI's core: the same turns, slash commands, rules and runs.
import { methods, RequestError } from '@agentclientprotocol/sdk';
import type * as acp from '@agentclientprotocol/sdk';
import type { Item } from '../protocol/events.ts';
import type { ApprovalPolicy } from '../protocol/approval.ts';
import type { InteractiveController, InteractiveEvent } from '../protocol/interactive.ts';
import { parseSlash } from '../interactive/slash.ts';
import { answerOf, permissionRequest } from './permission.ts';
import { promptText } from './prompt.ts';
import { modeOfPolicy } from './modes.ts';
import { replayUpdates } from './replay.ts';
import { stopReasonOf } from './stop-reason.ts';
import { UpdateMapper } from './updates.ts';

type SessionUpdate = acp.SessionNotification['update'];

/** JSON-RPC code of `$/cancel_request` (RequestError.requestCancelled). */
const REQUEST_CANCELLED = -32800;
type ApprovalItem = Extract<Item, { type: 'approval' }>;

export interface AcpSessionOptions {
  /** The id the editor knows the session by. */
  id: string;
  client: acp.AgentContext;
  controller: InteractiveController;
  repo: string;
  contextWindow?: number;
  /** A resumed run's events.jsonl to replay first. */
  replay?: string;
  log: (line: string) => void;
}

export class AcpSession {
  private readonly opts: AcpSessionOptions;
  private readonly mapper: UpdateMapper;
  /** Every notification and permission request of this session, one after another, in order. */
  private sending: Promise<void> = Promise.resolve();
  /** Permission requests still open, by approval item id: aborted when the question goes away. */
  private readonly asking = new Map<string, AbortController>();
  private readonly decided = new Set<string>();
  private readonly unsubscribe: () => void;
  private closing: Promise<void> | null = null;

  constructor(opts: AcpSessionOptions) {
    this.opts = opts;
    const prices = opts.controller.info().prices;
    const scope = { repo: opts.repo, ...(opts.contextWindow !== undefined ? { contextWindow: opts.contextWindow } : {}), ...(prices ? { prices } : {}) };
    this.mapper = new UpdateMapper(scope);
    // The earlier conversation first; the controller's own events (held by its hub until someone
    // listens) follow it.
    if (opts.replay !== undefined) for (const update of replayUpdates(opts.replay, scope)) this.update(update);
    this.unsubscribe = opts.controller.subscribe((event) => this.observe(event));
  }

  /** The approval policy in force (the session's mode). */
  policy(): ApprovalPolicy {
    return this.opts.controller.info().approval as ApprovalPolicy;
  }

  /** Sends an update after everything sent before it. */
  update(update: SessionUpdate): void {
    const { client, id, log } = this.opts;
    this.sending = this.sending.then(() => client.notify(methods.client.session.update, { sessionId: id, update })).catch((err: unknown) => log(`hew acp: an update was not sent: ${(err as Error).message ?? String(err)}`));
  }

  /** Resolves once every update queued so far has gone out (the replay, before `session/load` answers). */
  replayed(): Promise<void> {
    return this.sending;
  }

  async prompt(blocks: acp.ContentBlock[], signal: AbortSignal): Promise<acp.PromptResponse> {
    const text = promptText(blocks, this.opts.repo);
    const command = parseSlash(text);
    // The editor owns the session's life and its history: it closes the session, and opens a run with session/load.
    if (command?.spec?.name === '/quit' || command?.spec?.name === '/resume') {
      throw RequestError.invalidParams(undefined, `${command.spec.name} is not for an editor: close the session in the editor${command.spec.name === '/resume' ? ', and open the run from its session history (session/load)' : ''}`);
    }
    const controller = this.opts.controller;
    if (!controller.takesPrompt()) throw RequestError.invalidRequest(undefined, 'a prompt is already running in this session: wait for its answer, or cancel it');
    // `$/cancel_request` for the prompt itself means the same as session/cancel. The signal also aborts
    // when the connection closes (the editor went away): then close() stops the turn through the
    // controller's quit, which saves the run as interrupted (as the terminal UI's quit does).
    const onAbort = (): void => {
      if (signal.reason instanceof RequestError && signal.reason.code === REQUEST_CANCELLED) controller.interrupt();
    };
    signal.addEventListener('abort', onAbort, { once: true });
    // `/approval POLICY` typed as a prompt changes the mode too: the editor's mode picker must follow it.
    const modeBefore = modeOfPolicy(this.policy());
    let settled;
    try {
      settled = await controller.send(text);
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
    for (const update of this.mapper.flush()) this.update(update);
    const modeAfter = modeOfPolicy(this.policy());
    if (modeAfter !== modeBefore) this.update({ sessionUpdate: 'current_mode_update', currentModeId: modeAfter });
    await this.sending;
    const verdict = stopReasonOf(settled);
    if ('error' in verdict) throw new RequestError(verdict.error.code, verdict.error.message, verdict.error.data);
    return { stopReason: verdict.stopReason };
  }

  /** `session/cancel`: interrupts the turn (the model stream, a running command, a question waiting for an answer). */
  cancel(): void {
    this.opts.controller.interrupt();
    for (const pending of this.asking.values()) pending.abort();
  }

  async setPolicy(policy: ApprovalPolicy, modeId: string): Promise<void> {
    this.opts.controller.setApproval(policy);
    this.update({ sessionUpdate: 'current_mode_update', currentModeId: modeId });
    await this.sending;
  }

  /** Quits the controller (the run is saved, or removed when it never got a prompt). */
  close(): Promise<void> {
    this.closing ??= (async () => {
      // quit() interrupts a running turn itself and then saves the run as interrupted; interrupting
      // here first would make the cut turn look finished.
      for (const pending of this.asking.values()) pending.abort();
      await this.opts.controller.quit();
      this.unsubscribe();
      await this.sending;
    })();
    return this.closing;
  }

  private observe(event: InteractiveEvent): void {
    for (const update of this.mapper.map(event)) this.update(update);
    if (!('item' in event) || event.item.type !== 'approval') return;
    const item = event.item;
    if (event.type === 'item.completed') {
      this.decided.add(item.id);
      this.asking.get(item.id)?.abort();
      return;
    }
    // The gate shows a request just before it asks; one a rule or the policy decides is completed
    // in the same tick and never reaches the editor.
    if (event.type === 'item.started' && item.decision === null) setImmediate(() => this.ask(item));
  }

  private ask(item: ApprovalItem): void {
    if (this.decided.has(item.id) || this.closing) return;
    const { client, id, controller, repo, log } = this.opts;
    const abort = new AbortController();
    this.asking.set(item.id, abort);
    const request = permissionRequest(id, item, repo, item.request.item_id !== undefined ? this.mapper.toolCallId(item.request.item_id) : undefined);
    // In line with the updates: the tool call the question belongs to has reached the editor first.
    this.sending = this.sending.then(() => {
      void client
        .request(methods.client.session.requestPermission, request, { cancellationSignal: abort.signal, stopWaitingOnCancel: true })
        .then(
          (response) => answerOf(response),
          (err: unknown) => {
            if (!abort.signal.aborted) log(`hew acp: the permission request failed: ${(err as Error).message ?? String(err)}`);
            return answerOf(null);
          },
        )
        .then((answer) => {
          this.asking.delete(item.id);
          if (!this.decided.has(item.id)) controller.answerApproval(item.id, answer);
        });
    });
  }
}
