// The slash commands' behaviour, over the few things of the controller they need (CommandHost).
// Reading commands answer at once, also during a turn; the others are refused while a turn runs and
// otherwise queued, so they run one after another and never beside a turn.
import { sandboxInForce } from '../sandbox/in-force.ts';
import type { PlanEntry } from '../protocol/events.ts';
import type { ApprovalGate } from '../approvals/gate.ts';
import type { ApprovalPolicy } from '../protocol/approval.ts';
import { isApprovalPolicy } from '../approvals/index.ts';
import { approvalPromptLine } from '../approvals/prompt.ts';
import type { ApprovalRules } from '../approvals/rules.ts';
import { markRun } from '../runs/lifecycle.ts';
import { mcpStatusLines } from '../mcp/start.ts';
import { DamagedRunError } from '../runs/damage.ts';
import { loadResume, ResumeError } from '../thread/resume.ts';
import type { ResumeState } from '../thread/resume.ts';
import { rewindRun, rewindSteps } from '../thread/rewind.ts';
import type { Thread } from '../thread/thread.ts';
import type { InteractiveOptions } from './options.ts';
import type { QueueApprover } from './queue-approver.ts';
import type { RepoWatcher } from './repo-watch.ts';
import { resumedNotices } from './earlier.ts';
import { applyNotices, diffNotice, filesAt } from './review.ts';
import { helpLines, SLASH_COMMANDS } from './slash.ts';
import { memoryCommand, rememberCommand } from './memory.ts';
import type { ParsedCommand } from './slash.ts';
import { planLines, statusLines } from './status.ts';
import type { SwitchableGate, SwitchableModel } from './switchable.ts';
import type { FileStat } from '../protocol/files.ts';
import type { Notice, SessionInfo } from '../protocol/interactive.ts';

export interface CommandHost {
  readonly opts: InteractiveOptions;
  readonly thread: Thread;
  readonly state: 'open' | 'discarded';
  readonly sessionInfo: SessionInfo;
  readonly watcher: RepoWatcher | null;
  readonly plan: { items: PlanEntry[]; explanation?: string } | null;
  readonly gate: SwitchableGate;
  readonly model: SwitchableModel;
  readonly approver: QueueApprover;
  readonly rules: ApprovalRules;
  /** A gate for `policy` over the session's rules (with the approver command first, when configured). */
  newGate(policy: ApprovalPolicy): ApprovalGate;
  busy(): boolean;
  emit(notice: Notice): void;
  warn(message: string): void;
  /** Runs `work` after everything queued before it; resolves when it has run (a failure is a notice.error, never a rejection). */
  enqueue(work: () => Promise<void>): Promise<void>;
  closeThread(): Promise<void>;
  openThread(reset: boolean, resume?: ResumeState): void;
  markDiscarded(): void;
  /** The current run's id and next steps (resume, diff, apply) once closed, or '' when there is no run to come back to. */
  nextSteps(): Promise<string>;
  /** /apply took the run's changes as they are now (`files`). */
  noteApplied(files: FileStat[]): void;
  stats(): Promise<FileStat[]>;
  quit(): Promise<number>;
}

/** Why `cmd` does not run now (it changes things and a turn is running), or null when it may. */
export function waitsForTurn(host: Pick<CommandHost, 'busy'>, cmd: ParsedCommand): string | null {
  if (!cmd.spec || cmd.spec.whileBusy || !host.busy()) return null;
  return `${cmd.spec.name} waits until the turn has finished (press Esc to interrupt it)`;
}

/** Runs a slash command; resolves when its work has ended (a failure is a notice, never a rejection). */
export function runSlash(host: CommandHost, cmd: ParsedCommand): Promise<void> {
  const { spec } = cmd;
  if (!spec) {
    host.emit({ type: 'notice.error', message: `unknown command ${cmd.name}; the commands are ${SLASH_COMMANDS.map((c) => c.name).join(', ')}` });
    return Promise.resolve();
  }
  if (spec.name === '/quit') return host.quit().then(() => undefined);
  const waits = waitsForTurn(host, cmd);
  if (waits !== null) {
    host.warn(waits);
    return Promise.resolve();
  }
  const report = (err: unknown): void => host.emit({ type: 'notice.error', message: `${spec.name}: ${(err as Error).message ?? String(err)}` });
  const now = (work: () => void): Promise<void> => {
    work();
    return Promise.resolve();
  };
  switch (spec.name) {
    case '/help':
      return now(() => host.emit({ type: 'notice.info', title: 'Commands', lines: helpLines() }));
    case '/mcp':
      return mcpStatusLines(host.thread.mcp).then((lines) => host.emit({ type: 'notice.info', title: 'MCP servers', lines })).catch(report);
    case '/plan':
      return now(() => host.emit({ type: 'notice.info', title: 'Plan', lines: planLines(host.plan) }));
    case '/status':
      return status(host).catch(report);
    case '/diff':
      return diff(host, cmd.arg).catch(report);
    case '/apply':
      return host.enqueue(() => apply(host).catch(report));
    case '/discard':
      return host.enqueue(() => discard(host).catch(report));
    case '/new':
      return host.enqueue(() => startNew(host).catch(report));
    case '/model':
      return now(() => switchModel(host, cmd.arg));
    case '/approval':
      return now(() => switchApproval(host, cmd.arg));
    case '/rewind':
      return host.enqueue(() => rewind(host, cmd.arg).catch(report));
    case '/resume':
      return host.enqueue(() => resume(host, cmd.arg).catch(report));
    case '/compact':
      return host.enqueue(() => compact(host).catch(report));
    case '/remember':
      return host.enqueue(() => rememberCommand(host, cmd.arg).catch(report));
    case '/memory':
      return now(() => memoryCommand(host));
  }
  return Promise.resolve();
}

/** The copy to review, or null with a warning saying why there is none. */
function reviewCopy(host: CommandHost) {
  if (host.state === 'discarded') {
    host.warn('the working copy was discarded: type /new to start a new session');
    return null;
  }
  const ws = host.thread.workspace;
  if (!ws) host.warn('the working copy is not ready yet');
  return ws?.copy ?? null;
}

async function status(host: CommandHost): Promise<void> {
  const { thread } = host;
  const lines = statusLines({
    info: host.sessionInfo,
    sandbox: thread.workspace?.sandbox ?? null,
    usage: thread.session.usage,
    steps: thread.session.steps,
    maxSteps: host.opts.maxSteps,
    filesChanged: (await host.stats()).length,
    rules: host.rules.list().map((r) => r.prefix.join(' ')),
    denied: host.rules.listDenied().map((p) => p.join(' ')),
    state: host.state === 'discarded' ? 'discarded' : host.busy() ? 'running' : 'idle',
  });
  host.emit({ type: 'notice.info', title: 'Status', lines });
}

/** `/diff` opens the run's whole diff; `/diff PATH` (or `@PATH`, as completed) that file's, or a folder's. */
async function diff(host: CommandHost, arg: string): Promise<void> {
  const copy = reviewCopy(host);
  if (!copy) return;
  const notice = await diffNotice(copy);
  if (arg === '' || notice.type !== 'notice.diff') return host.emit(notice);
  const files = filesAt(notice.files, arg.replace(/^@/, ''));
  if (files.length > 0) return host.emit({ ...notice, files });
  const changed = notice.files.map((f) => f.path);
  host.warn(`the run has not changed ${arg}; ${changed.length === 0 ? 'it changed no files' : `the files it changed: ${changed.join(', ')}`}`);
}

async function apply(host: CommandHost): Promise<void> {
  const copy = reviewCopy(host);
  if (!copy) return;
  const notices = await applyNotices({ copy, repo: host.thread.info.top, run: host.thread.run, watcher: host.watcher });
  for (const notice of notices) host.emit(notice);
  if (notices.some((n) => n.type === 'notice.apply' && n.ok && n.applied.length > 0)) host.noteApplied(await host.stats());
}

async function discard(host: CommandHost): Promise<void> {
  if (host.state === 'discarded') return host.warn('the working copy was already discarded: type /new to start a new session');
  const { run } = host.thread;
  await host.closeThread();
  run.discardWork();
  markRun(run, { discarded_at: new Date().toISOString() });
  host.markDiscarded();
  host.emit({ type: 'notice.info', title: 'Discarded', lines: [`removed the working copy ${run.workDir}`, `kept the transcript ${run.eventsPath}`, 'type /new to start a new session'] });
}

/**
 * `/new`: a fresh run on a fresh copy. The "always" rules (allow and deny) stay (they belong to the session, as in
 * Codex and Claude Code, until hew exits), and the new conversation says so, with the rules. It also
 * names the run just left and how to come back to it (the transcript is cleared).
 */
async function startNew(host: CommandHost): Promise<void> {
  await host.closeThread();
  const previous = await host.nextSteps().catch(() => '');
  host.openThread(true);
  if (previous !== '') host.emit({ type: 'notice.info', title: 'Previous run', lines: previous.trimEnd().split('\n') });
  const rules = host.rules.list().map((r) => `\`${r.prefix.join(' ')}\``);
  if (rules.length > 0) {
    host.emit({ type: 'notice.info', title: 'Still always allowed', lines: [`${rules.join(', ')}: your "always" answers last for this hew session, /new included; quit hew to forget them`] });
  }
  const denied = host.rules.listDenied().map((p) => `\`${p.join(' ')}\``);
  if (denied.length > 0) {
    host.emit({ type: 'notice.info', title: 'Still always denied', lines: [`${denied.join(', ')}: your "never" answers last for this hew session, /new included; quit hew to forget them`] });
  }
}

async function compact(host: CommandHost): Promise<void> {
  if (host.state === 'discarded') return host.warn('the working copy was discarded: type /new to start a new session');
  const before = host.thread.session.conversation.items.length;
  const result = await host.thread.session.compact(new AbortController().signal);
  const after = host.thread.session.conversation.items.length;
  const lines = result.compacted ? [`${before} conversation items → ${after}: the earlier part is now a summary`] : [];
  if (result.note) lines.push(result.note);
  host.emit({ type: 'notice.info', title: 'Compact', lines });
}

function switchModel(host: CommandHost, name: string): void {
  if (name === '') {
    host.emit({ type: 'notice.info', title: 'Model', lines: [`${host.sessionInfo.model} (${host.sessionInfo.provider}); /model NAME switches`] });
    return;
  }
  if (!host.opts.modelFor) {
    host.emit({ type: 'notice.error', message: 'this session cannot switch models' });
    return;
  }
  let client;
  try {
    client = host.opts.modelFor(name);
  } catch (err) {
    host.emit({ type: 'notice.error', message: `/model: ${(err as Error).message}` });
    return;
  }
  host.model.set(client);
  Object.assign(host.sessionInfo, { model: client.model, provider: client.provider, prices: host.thread.session.prices });
  host.emit({ type: 'notice.info', title: 'Model', lines: [`${client.model} (${client.provider}) from the next turn`] });
}

function switchApproval(host: CommandHost, policy: string): void {
  if (policy === '') {
    host.emit({ type: 'notice.info', title: 'Approval', lines: [`${host.gate.policy}; /approval untrusted|on-request|never switches`] });
    return;
  }
  if (!isApprovalPolicy(policy)) {
    host.emit({ type: 'notice.error', message: `/approval: expected untrusted, on-request or never, not "${policy}"` });
    return;
  }
  setApprovalPolicy(host, policy);
  host.emit({ type: 'notice.info', title: 'Approval', lines: [`${policy} from now on`] });
}

/**
 * Switches the session's approval policy (`/approval`, an editor's mode). The system prompt described
 * the old policy and stays as it is (the request prefix stays cached); the model is told what holds
 * from now on in a developer message of the conversation.
 */
export function setApprovalPolicy(host: CommandHost, policy: ApprovalPolicy): void {
  host.gate.set(host.newGate(policy));
  Object.assign(host.sessionInfo, { approval: policy });
  // The model is told once nothing else runs: an editor switches the mode while a turn runs (a
  // question waiting for an answer), and a message between a tool call and its output would make
  // the conversation one no provider takes. The gate above decides with the new policy at once.
  void host.enqueue(async () => {
    const { opts, thread } = host;
    const sandbox = thread.workspace?.sandbox;
    const facts = sandbox
      ? { kind: sandbox.kind, mode: sandbox.mode, network: sandbox.network }
      : sandboxInForce(opts.sandboxMode, opts.network, opts.sandboxProbe);
    thread.session.conversation.add({ type: 'message', role: 'developer', content: `The user changed the approval policy to ${policy}. ${approvalPromptLine(policy, facts, host.gate.canApprove)}` });
  });
}

/** `/rewind STEP`: the copy's files and the conversation go back to that step; the session goes on from there. */
async function rewind(host: CommandHost, arg: string): Promise<void> {
  if (host.state === 'discarded') return host.warn('the working copy was discarded: type /new to start a new session');
  const { run } = host.thread;
  if (!/^\d+$/.test(arg)) {
    const { steps, lastStep } = rewindSteps(run);
    host.emit({ type: 'notice.info', title: 'Rewind', lines: [`/rewind STEP goes back to a step; this run took ${lastStep} step(s)`, `steps with files to restore: ${steps.map((s) => (s === 0 ? '0 (the start)' : String(s))).join(', ') || 'none yet'}`] });
    return;
  }
  await host.closeThread();
  let restored;
  try {
    restored = await rewindRun(run, Number(arg));
  } catch (err) {
    if (!(err instanceof ResumeError)) throw err;
    host.openThread(true, loadResume(run, { lastStatus: 'completed', killed: false }));
    host.emit({ type: 'notice.error', message: err.message });
    return;
  }
  host.openThread(true, loadResume(run, { lastStatus: 'completed', killed: false }));
  const note = restored.restored.step === restored.step ? '' : ` (the files of step ${restored.restored.step}: later steps changed none)`;
  host.emit({ type: 'notice.info', title: 'Rewound', lines: [`back to step ${restored.step}${note}`, `the working copy's files are restored; ${restored.droppedItems} later conversation item(s) dropped`] });
}

/** `/resume [RUN]`: save this session and continue another run of this repository (default: the latest other one). */
async function resume(host: CommandHost, arg: string): Promise<void> {
  const store = host.opts.store;
  const current = host.thread.run.id;
  let id: string | undefined;
  try {
    id = arg ? store.resolveId(arg) : store.list({ repo: host.thread.info.top }).find((m) => m.id !== current)?.id;
  } catch (err) {
    host.emit({ type: 'notice.error', message: `/resume: ${(err as Error).message}` });
    return;
  }
  if (!id) return host.warn('no other run of this repository to resume; `hew runs` lists them');
  let state: ResumeState;
  try {
    const run = store.open(id);
    const meta = run.meta();
    state = loadResume(run, { lastStatus: meta.status, killed: meta.status === 'running' });
  } catch (err) {
    if (!(err instanceof ResumeError || err instanceof DamagedRunError)) throw err;
    host.emit({ type: 'notice.error', message: `/resume: ${err.message}` });
    return;
  }
  await host.closeThread();
  host.openThread(true, state);
  for (const notice of resumedNotices(state)) host.emit(notice);
}
