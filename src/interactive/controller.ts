// The interactive core: one long-lived session over a Thread (many turns), slash commands, approvals
// asked of a person, completion and history. It knows nothing of Ink or React; a view subscribes to
// its events and notices and calls its methods (the contract is types.ts).
//
// Decisions:
// - One turn at a time: a prompt submitted while a turn runs is refused with a warning (the view
//   keeps the text); slash commands that only read (/diff, /plan, /status, /help) run at once, the
//   others wait for the turn (Esc interrupts it). Commands that change things run one after another.
// - The thread is opened when the controller is made, so the copy is made while the person types.
// - quit: the thread is closed as `interrupted` (exit code 130) when quitting cut a turn that was
//   running (Ctrl-C twice, /quit or a signal mid-turn), else as `completed` (0): a deliberate quit
//   while idle is a success, even after an earlier turn was interrupted with Esc (the conversation
//   already says so). `/new` closes the thread the same way and opens a new one on a fresh copy.
//   After quitting, `leaving()` has the run's next steps (resume, diff, apply) for the terminal.
// - Remembered "always" rules (allow and deny) belong to the session: they survive `/approval` and `/new` (which says so).
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { AgentEvent, PlanEntry, StampedEvent } from '../protocol/events.ts';
import type { TurnOutcome } from '../agent/run-turn.ts';
import { createApprovalGate } from '../approvals/gate.ts';
import type { ApprovalGate } from '../approvals/gate.ts';
import { commandFirst } from '../approvals/command-approver.ts';
import { ApprovalRules } from '../approvals/rules.ts';
import type { ApprovalAnswer, ApprovalPolicy } from '../protocol/approval.ts';
import { nextStepLines } from '../runs/next-steps.ts';
import { EXIT } from '../protocol/exit-codes.ts';
import { repoInfo } from '../thread/repo-info.ts';
import type { ResumeState } from '../thread/resume.ts';
import { Thread, titleOf } from '../thread/thread.ts';
import { diffStat } from '../workcopy/stat.ts';
import { runSlash, setApprovalPolicy, waitsForTurn } from './commands.ts';
import type { CommandHost } from './commands.ts';
import { FileIndex, matchPaths } from './completion.ts';
import { PromptHistory } from './history.ts';
import { EventHub } from './hub.ts';
import { QueueApprover } from './queue-approver.ts';
import { SessionNotify } from './session-notify.ts';
import { RepoWatcher } from './repo-watch.ts';
import { completeSlash, parseSlash, SLASH_COMMANDS } from './slash.ts';
import type { ParsedCommand } from './slash.ts';
import type { InteractiveOptions } from './options.ts';
import { sandboxInForce, sandboxLabel } from '../sandbox/in-force.ts';
import { SwitchableGate, SwitchableModel } from './switchable.ts';
import type { FileStat } from '../protocol/files.ts';
import type { InteractiveController, InteractiveEvent, Notice, SessionInfo, Settled, SlashCommand } from '../protocol/interactive.ts';

export type { InteractiveOptions } from './options.ts';

export function createInteractiveController(opts: InteractiveOptions): InteractiveController {
  return new SessionController(opts);
}

type ThreadState = 'open' | 'discarded';

class SessionController implements InteractiveController, CommandHost {
  readonly opts: InteractiveOptions;
  readonly hub = new EventHub();
  readonly approver = new QueueApprover({ onWaiting: (request) => this.notifications.approvalWaiting(this.thread, request) });
  readonly rules = new ApprovalRules();
  readonly gate: SwitchableGate;
  readonly model: SwitchableModel;
  readonly files: FileIndex;
  private readonly prompts: PromptHistory;
  private readonly notifications: SessionNotify;
  /** The session has ended (notice.exit): the view is gone or going. */
  private exited = false;
  thread!: Thread;
  /** The thread's skill names once found (for `$NAME` completion). */
  private skillNames: string[] = [];
  state: ThreadState = 'open';
  sessionInfo!: SessionInfo;
  watcher: RepoWatcher | null = null;
  plan: { items: PlanEntry[]; explanation?: string } | null = null;
  private threadClosed = false;
  private turnNo = 0;
  private lastOutcome: TurnOutcome | null = null;
  private lastFinal: string | null = null;
  private pendingTurn: AbortController | null = null;
  /** The turn whose answer is in (its summary may still be being made). */
  private settled: AbortController | null = null;
  /** The turn runTurn is running now (a prompt taken while it finishes is pendingTurn, not yet this). */
  private running: AbortController | null = null;
  private chain: Promise<void> = Promise.resolve();
  private quitting: Promise<number> | null = null;
  /** Quitting cut a turn that was running: the thread closes as interrupted. */
  private cutByQuit = false;
  /** What to print once the view is gone (set by quit). */
  private farewell = '';
  /** The run's changes when /apply last took them all (to tell "applied" from "not yet applied"). */
  private appliedAs: string | null = null;
  private shownNextSteps = false;
  /** The first thread continues `opts.resume` (it keeps its title). */
  private resuming = false;

  constructor(opts: InteractiveOptions) {
    this.opts = opts;
    // A failed notification is a warning in the session while it is open, then the front's (stderr).
    this.notifications = new SessionNotify({ notifier: opts.notifier, redactor: opts.store.redactor, warn: (message) => !this.exited && (this.warn(message), true) });
    this.model = new SwitchableModel(opts.model);
    this.gate = new SwitchableGate(this.newGate(opts.approval));
    const top = (opts.located ?? repoInfo(resolve(opts.source))).top;
    this.prompts = new PromptHistory(opts.historyFile ?? join(opts.store.stateDir, 'history.jsonl'), top);
    this.files = new FileIndex(() => {
      const copy = this.thread.workspace?.copy.root;
      if (copy !== undefined) return { dir: copy, userRepo: false };
      return this.thread.info.isGit ? { dir: this.thread.info.top, userRepo: true } : null;
    });
    this.openThread(false);
    for (const notice of opts.notices ?? []) this.hub.emit(notice);
  }

  /** A gate for `policy` over the session's rules: the approver command (when configured) first, then the person. */
  newGate(policy: ApprovalPolicy): ApprovalGate {
    const cmd = this.opts.approverCommand;
    const first = cmd
      ? commandFirst(cmd, {
          redactor: this.opts.store.redactor,
          where: () => ({ run_id: this.thread.run.id, repo: this.thread.info.top }),
          log: (text) => this.thread.run.appendLog(text),
        })
      : undefined;
    return createApprovalGate({ policy, approver: this.approver, rules: this.rules, ...(first ? { first } : {}) });
  }

  // ---- the contract ----

  info(): SessionInfo {
    return { ...this.sessionInfo };
  }

  subscribe(listener: (event: InteractiveEvent) => void): () => void {
    return this.hub.subscribe(listener);
  }

  submit(text: string): void {
    void this.send(text);
  }

  async send(text: string): Promise<Settled> {
    if (this.quitting) return { kind: 'refused', message: 'the session is ending' };
    const trimmed = text.trim();
    if (trimmed === '') return { kind: 'refused', message: 'nothing to send' };
    const command = parseSlash(trimmed);
    if (command) return this.command(command);
    const prompt = trimmed.startsWith('//') ? trimmed.slice(1) : trimmed;
    const refuse = (message: string): Settled => (this.warn(message), { kind: 'refused', message });
    if (!this.takesPrompt()) return refuse('a turn is running: wait for it to finish, or press Esc to interrupt it');
    if (this.state === 'discarded') return refuse('the working copy was discarded: type /new to start a new session');
    this.prompts.add(prompt);
    const abort = new AbortController();
    this.pendingTurn = abort;
    let outcome: TurnOutcome | null = null;
    await this.enqueue(async () => {
      outcome = await this.runTurn(prompt, abort);
    });
    return settledTurn(outcome);
  }

  /** A slash command, with the notices it emitted (a turn's events running beside it are not its own). */
  private async command(command: ParsedCommand): Promise<Settled> {
    // A command that waits for the turn does not run while one does: refused (with runSlash's warning), not ok.
    const waits = waitsForTurn(this, command);
    if (waits !== null) return (this.warn(waits), { kind: 'refused', message: waits });
    const notices: Notice[] = [];
    const off = this.hub.subscribe((event) => {
      if (event.type.startsWith('notice.')) notices.push(event as Notice);
    });
    try {
      await runSlash(this, command);
    } finally {
      off();
    }
    const ok = !notices.some((n) => n.type === 'notice.error' || (n.type === 'notice.apply' && !n.ok));
    return { kind: 'command', name: command.spec?.name ?? command.name, ok, notices };
  }

  setApproval(policy: ApprovalPolicy): void {
    setApprovalPolicy(this, policy);
  }

  interrupt(): void {
    this.pendingTurn?.abort('interrupt');
  }

  /**
   * A turn is running. One that was interrupted, or whose answer is in and only its summary is being
   * made, is not: the view already shows "ready", and a prompt or command then runs as soon as the
   * chain is free.
   */
  busy(): boolean {
    const turn = this.pendingTurn;
    return turn !== null && !turn.signal.aborted && this.settled !== turn;
  }

  /** A prompt is taken whenever no turn is busy (see busy()): it runs as soon as the chain is free. */
  takesPrompt(): boolean {
    return !this.busy();
  }

  answerApproval(itemId: string, answer: ApprovalAnswer): void {
    if (!this.approver.answer(itemId, answer)) this.warn(`no approval is waiting under ${itemId}`);
  }

  complete(word: string): string[] {
    if (word.startsWith('/')) return completeSlash(word);
    if (word.startsWith('@')) return matchPaths(this.files.list(), word.slice(1)).map((p) => `@${p}`);
    if (word.startsWith('$')) return this.skillNames.filter((n) => n.startsWith(word.slice(1))).map((n) => `$${n}`);
    return [];
  }

  history(): string[] {
    return this.prompts.list();
  }

  slashCommands(): SlashCommand[] {
    return SLASH_COMMANDS.map((c) => ({ name: c.name, description: c.args ? `${c.args}: ${c.description}` : c.description }));
  }

  quit(): Promise<number> {
    this.quitting ??= this.shutdown();
    return this.quitting;
  }

  keptRun(): string | null {
    return this.thread.removed === null ? this.thread.run.id : null;
  }

  leaving(): string {
    return this.farewell;
  }

  // ---- for the slash commands ----

  emit(notice: Notice): void {
    this.hub.emit(notice);
  }

  warn(message: string): void {
    this.hub.emit({ type: 'notice.warning', message });
  }

  /** Runs `work` after everything queued before it; a failure becomes a notice.error. */
  enqueue(work: () => Promise<void>): Promise<void> {
    this.chain = this.chain.then(work).catch((err: unknown) => this.hub.emit({ type: 'notice.error', message: (err as Error).message ?? String(err) }));
    return this.chain;
  }

  /** Closes the current thread once: thread.completed, meta.json (status from its last turn). */
  async closeThread(): Promise<void> {
    if (this.threadClosed) return;
    this.threadClosed = true;
    const thread = this.thread;
    await thread.ready.catch(() => undefined);
    const cut = this.cutByQuit && this.lastOutcome?.status === 'interrupted';
    const outcome: TurnOutcome = cut ? { status: 'interrupted' } : { status: 'completed', finalMessage: this.lastFinal ?? '' };
    await thread.close(outcome);
  }

  /** Opens a thread (a run, its copy, thread.started); with `reset`, the view is told to start over first. */
  openThread(reset: boolean, resume?: ResumeState): void {
    const held: StampedEvent[] = [];
    let holding = true;
    this.threadClosed = false;
    this.turnNo = 0;
    this.lastOutcome = null;
    this.lastFinal = null;
    this.plan = null;
    this.appliedAs = null;
    this.state = 'open';
    const { opts } = this;
    this.resuming = resume !== undefined || (!reset && opts.resume !== undefined);
    const thread = new Thread({
      resume: resume ?? (this.resuming ? opts.resume : undefined),
      source: opts.source,
      ...(opts.located && !reset ? { located: opts.located } : {}),
      skipGitRepoCheck: opts.skipGitRepoCheck === true,
      title: opts.title ?? 'interactive session',
      model: this.model,
      sandboxMode: opts.sandboxMode,
      sandboxProbe: opts.sandboxProbe,
      approval: this.gate.policy,
      network: opts.network,
      store: opts.store,
      maxSteps: opts.maxSteps,
      commandTimeoutMs: opts.commandTimeoutMs,
      ...(opts.sandboxLimits ? { sandboxLimits: opts.sandboxLimits } : {}),
      deltas: opts.deltas ?? true,
      approvals: this.gate,
      configDir: opts.configDir ?? null,
      mcpServers: opts.mcpServers,
      projectDocMaxBytes: opts.projectDocMaxBytes,
      longRun: opts.longRun,
      hooks: opts.hooks,
      ...(opts.setup !== undefined ? { setup: opts.setup } : {}),
      envPolicy: opts.envPolicy,
      ...(opts.skillsHome !== undefined ? { skillsHome: opts.skillsHome } : {}),
      onWarning: (message) => this.warn(message),
      sink: (event) => {
        this.observe(event);
        if (holding) held.push(event);
        else this.hub.emit(event);
      },
    });
    this.thread = thread;
    void thread.skillNames().then((names) => {
      if (this.thread === thread) this.skillNames = names;
    });
    this.sessionInfo = {
      runId: thread.run.id,
      repo: thread.info.top,
      workingCopy: join(thread.run.workDir, thread.info.subdir),
      model: this.model.model,
      provider: this.model.provider,
      sandbox: sandboxLabel(sandboxInForce(opts.sandboxMode, opts.network, opts.sandboxProbe)),
      approval: this.gate.policy,
      network: opts.network,
      ...(thread.session.prices ? { prices: thread.session.prices } : {}),
      projectDocs: thread.projectDocs.map((f) => `${relativeDoc(thread.info.top, f.path)}${f.included === 'full' ? '' : ` (${f.included === 'partial' ? 'cut' : 'left out'})`}`),
    };
    if (reset) this.hub.emit({ type: 'notice.reset', info: this.info() });
    holding = false;
    for (const event of held) this.hub.emit(event);
    this.files.invalidate();
    this.watcher?.reset();
    thread.ready.then(
      () => {
        if (this.thread === thread) this.workspaceReady();
      },
      () => undefined,
    );
  }

  noteApplied(files: FileStat[]): void {
    this.appliedAs = JSON.stringify(files);
  }

  markDiscarded(): void {
    this.state = 'discarded';
  }

  /** The run's changes so far, per file; empty before the copy exists. */
  async stats(): Promise<FileStat[]> {
    const ws = this.thread.workspace;
    if (!ws || this.state === 'discarded') return [];
    return diffStat(ws.copy).catch(() => []);
  }

  // ---- internals ----

  private observe(event: AgentEvent): void {
    this.approver.observe(event);
    // The answer is in once the agent's turn ends, though thread.turn may still wait (the working copy
    // being made, the summary): from here the view shows "ready" and a prompt is taken (takesPrompt).
    if ((event.type === 'turn.completed' || event.type === 'turn.failed') && this.running) this.settled = this.running;
    if ('item' in event && event.item.type === 'todo_list') {
      this.plan = { items: event.item.items, ...(event.item.explanation ? { explanation: event.item.explanation } : {}) };
    }
  }

  private workspaceReady(): void {
    this.files.invalidate();
    const leftOut = this.thread.workspace?.copy.skipped ?? [];
    // What the copy left out, in one line (the TUI makes every notice's text safe: safe-action.ts).
    if (leftOut.length > 0) this.warn(`${leftOut.length} path(s) not in the working copy: ${leftOut.map((e) => `${e.path} (${e.reason})`).join('; ')}`);
    if (this.opts.watchRepo === false) return;
    void this.files.load().then((files) => {
      if (this.watcher || this.quitting) return;
      this.watcher = new RepoWatcher(this.thread.info.top, files);
    });
  }

  private async runTurn(prompt: string, abort: AbortController): Promise<TurnOutcome> {
    const thread = this.thread;
    // Session numbers turns 1, 2, … as they start; so do we, per thread.
    const turn = ++this.turnNo;
    this.running = abort;
    try {
      if (turn === 1 && !this.resuming) thread.run.updateMeta({ title: titleOf(prompt) });
      // `$NAME` of a known skill puts its body into the request up front (docs/skills.md).
      const outcome = await thread.turn(prompt, abort.signal, { mentions: true });
      this.settled = abort;
      this.lastOutcome = outcome;
      if (outcome.status === 'completed') this.lastFinal = outcome.finalMessage;
      this.files.invalidate();
      const files = await this.stats();
      this.notifications.turnEnded(thread, turn, outcome, files);
      this.hub.emit({ type: 'notice.summary', turn, files });
      if (outcome.status === 'budget_exceeded') this.warn(`${outcome.reason}; type /new to start a new session`);
      if (outcome.status === 'completed' && this.opts.nextSteps && !this.shownNextSteps) {
        this.shownNextSteps = true;
        this.hub.emit({ type: 'notice.info', title: 'Next', lines: this.opts.nextSteps });
      }
      return outcome;
    } finally {
      this.running = null;
      if (this.pendingTurn === abort) this.pendingTurn = null;
    }
  }

  private async shutdown(): Promise<number> {
    this.cutByQuit = this.busy();
    this.interrupt();
    await this.chain;
    let saved = true;
    try {
      await this.closeThread();
    } catch (err) {
      saved = false;
      this.hub.emit({ type: 'notice.error', message: `could not save the session: ${(err as Error).message}` });
    }
    this.watcher?.close();
    if (saved) this.farewell = await this.nextSteps().catch(() => '');
    const code = this.cutByQuit && this.lastOutcome?.status === 'interrupted' ? EXIT.interrupted : EXIT.ok;
    this.hub.emit({ type: 'notice.exit', code });
    this.exited = true;
    return code;
  }

  /**
   * The run's next steps (runs/next-steps.ts, as exec prints them, plus `hew resume`), when the run
   * is there to come back to: it reached the model (a session that sent no prompt leaves none) and
   * its copy was not discarded.
   */
  async nextSteps(): Promise<string> {
    const run = this.thread.run;
    if (this.state === 'discarded' || (this.turnNo === 0 && !this.resuming) || this.keptRun() === null || !existsSync(run.dir)) return '';
    const files = await this.stats();
    return nextStepLines(run.id, files.length, { resume: true, applied: files.length > 0 && this.appliedAs === JSON.stringify(files) });
  }
}

/** A turn's outcome as `send` reports it; null when the turn threw (already reported as a notice.error). */
function settledTurn(outcome: TurnOutcome | null): Settled {
  if (outcome === null) return { kind: 'turn', status: 'failed', message: 'the turn failed (see the error above)' };
  switch (outcome.status) {
    case 'completed':
      return { kind: 'turn', status: 'completed', message: outcome.finalMessage };
    case 'failed':
      return { kind: 'turn', status: 'failed', message: outcome.error.message };
    case 'budget_exceeded':
      return { kind: 'turn', status: 'budget_exceeded', budget: outcome.budget, message: outcome.reason };
    case 'interrupted':
      return { kind: 'turn', status: 'interrupted' };
  }
}

/** An AGENTS.md path as the header shows it: relative inside the repository, else with ~. */
function relativeDoc(top: string, path: string): string {
  if (path.startsWith(`${top}/`)) return path.slice(top.length + 1);
  const home = process.env.HOME;
  return home && path.startsWith(`${home}/`) ? `~/${path.slice(home.length + 1)}` : path;
}
