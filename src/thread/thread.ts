// A thread: one run from thread.started to thread.completed, with as many turns as its front wants.
// `openThread` makes the run, emits thread.started and starts the workspace (copy + sandbox) while
// the first model request can already go out; `turn` runs one user message; `close` reports what
// changed, runs the task's check and emits thread.completed. Every front goes through here.
import { join } from 'node:path';
import { stamper } from './stamper.ts';
import type { CheckResult, EmitFn, StampedEvent, StdinAttached, ThreadStatus } from '../protocol/events.ts';
import type { FileChange } from '../protocol/files.ts';
import type { Usage } from '../protocol/usage.ts';
import type { TurnOutcome } from '../agent/run-turn.ts';
import { BudgetStop } from '../agent/long-run.ts';
import type { LongRunOptions } from '../agent/long-run.ts';
import { orientation } from '../agent/orientation.ts';
import { DEFAULT_PROJECT_DOC_MAX_BYTES, loadProjectDocs } from '../agent/project-docs.ts';
import type { ProjectDocFile } from '../agent/project-docs.ts';
import { Conversation } from '../agent/conversation.ts';
import { Session } from '../agent/session.ts';
import { buildInstructions } from '../agent/system-prompt.ts';
import { createApprovalGate, isApprovalPolicy, policyApprover } from '../approvals/index.ts';
import type { ApprovalGate } from '../approvals/index.ts';
import type { HeadlessFront } from '../approvals/approvers.ts';
import { approvalPromptLine } from '../approvals/prompt.ts';
import { commandApprover } from '../approvals/command-approver.ts';
import type { ApproverCommand } from '../approvals/command-approver.ts';
import { startMcp } from '../mcp/start.ts';
import type { McpStart } from '../mcp/start.ts';
import type { McpServerConfig } from '../mcp/types.ts';
import type { ModelClient, ToolSpec } from '../model/types.ts';
import type { Run } from '../runs/run.ts';
import type { RunStore } from '../runs/store.ts';
import { promptCacheKey } from '../runs/ids.ts';
import type { EnvPolicy } from '../secrets/env-policy.ts';
import { createHookRunner } from '../hooks/runner.ts';
import type { HookRunner, HooksConfig } from '../hooks/runner.ts';
import { runOnFinish } from '../hooks/on-finish.ts';
import { DeferredSandbox } from '../sandbox/deferred.ts';
import { NON_INTERACTIVE_ENV } from '../sandbox/env.ts';
import { COMMAND_GIT_CONFIG } from '../sandbox/git-env.ts';
import { lacksSandbox, sandboxInForce } from '../sandbox/in-force.ts';
import type { SandboxProbe } from '../sandbox/probe.ts';
import type { SandboxMode } from '../protocol/sandbox.ts';
import { builtinTools, toolSpecs } from '../tools/registry.ts';
import { skillTool } from '../tools/skill.ts';
import { userHome } from '../skills/discover.ts';
import type { SkillSet } from '../skills/discover.ts';
import { preloadSkills, skillListing, startSkills } from './skills.ts';
import type { TurnOptions } from './skills.ts';
import type { AnyTool, MemoryContext, ToolContext } from '../tools/types.ts';
import { changedPaths, checkpoint, displayChange } from '../workcopy/changes.ts';
import { quotePath } from '../workcopy/path-bytes.ts';
import { ignoredFiles } from '../workcopy/ignored.ts';
import { ignoredWritten, type IgnoredWritten } from '../workcopy/ignored-groups.ts';
import { outsideSparseCheckout } from '../workcopy/sparse.ts';
import { patchedPaths } from '../runs/patched-paths.ts';
import { runCheck } from './check.ts';
import { EXIT } from '../protocol/exit-codes.ts';
import { outcomeExit } from './exit-codes.ts';
import { repoInfo, requireRepository } from './repo-info.ts';
import type { RepoInfo } from './repo-info.ts';
import { hewDirs } from './hew-dirs.ts';
import { removeTree } from '../fs/remove-tree.ts';
import { isModelFailure, removalReason, type RemovedReason } from './run-kept.ts';
import { recordConversation } from './record-conversation.ts';
import type { ResumeState } from './resume.ts';
import { expectedVisibleRoot, prepareWorkspace } from './workspace.ts';
import { orientationFacts } from './orientation-facts.ts';
import { runSetupStep } from './setup-step.ts';
import type { SetupOutcome } from './setup-step.ts';
import type { Workspace } from './workspace.ts';
import type { SandboxLimits } from '../sandbox/limits.ts';

export interface ThreadSetup {
  /** The user's directory. */
  source: string;
  /** Where `source` sits, as git says, asked by the front before the run (asked here, blocking, when absent). */
  located?: RepoInfo;
  /** `--skip-git-repo-check`: a directory outside git is copied plainly instead of refused. */
  skipGitRepoCheck?: boolean;
  title: string;
  model: ModelClient;
  sandboxMode: SandboxMode;
  /**
   * The sandbox probe's answer, awaited by the front before the thread opens, so thread.started and
   * the system prompt say what is really in force (null: not probed, which only danger-full-access may).
   */
  sandboxProbe: SandboxProbe | null;
  approval: string;
  network: boolean;
  store: RunStore;
  /** Receives every stamped event (already appended to the run's events.jsonl). */
  sink: (event: StampedEvent) => void;
  maxSteps?: number;
  commandTimeoutMs?: number;
  /** Process and memory limits inside the sandbox (`sandbox_max_processes`, `sandbox_max_memory_mb`). */
  sandboxLimits?: SandboxLimits;
  deltas?: boolean;
  /** Told when there is no usable sandbox (why, and how to fix it). */
  onWarning?: (message: string) => void;
  /**
   * The approval gate; default: the `approval` policy with the headless approver — the approver
   * command when `approverCommand` is set, else one that denies and never waits.
   */
  approvals?: ApprovalGate;
  /** Config `approver` (docs/background.md): decides what the policy leaves open, in a headless front. */
  approverCommand?: ApproverCommand;
  /** The headless front this run belongs to, named in denial notes (default `exec`). */
  headlessFront?: HeadlessFront;
  /** $XDG_CONFIG_HOME/hew, where the global AGENTS.md lives (null: none). */
  configDir?: string | null;
  projectDocMaxBytes?: number;
  /** Set when the prompt carries piped stdin (cli/stdin-block.ts); reported on thread.started. */
  stdin?: StdinAttached;
  /** Skip orientation (tests that count request bytes exactly may). Default: on. */
  orientation?: boolean;
  /** Context window, compaction, prices and the cost budget. */
  longRun?: LongRunOptions;
  /** Continue this existing run (its copy, its conversation) instead of making a new one. */
  resume?: ResumeState;
  /** `[mcp_servers.NAME]`: started with the workspace; their tools join the first model request. */
  mcpServers?: Record<string, McpServerConfig>;
  /** The user's `[hooks]` (docs/hooks.md). */
  hooks?: HooksConfig;
  /** Which environment variables commands get (default: the built-in secret rules); `store.redactor` hides their values. */
  envPolicy?: EnvPolicy;
  /**
   * A command run once in the copy, with network, before the first model request (config `setup`,
   * task front matter `setup:`; src/thread/setup-step.ts). Not run again when the run is resumed.
   */
  setup?: string;
  /** Default SETUP_TIMEOUT_MS (tests). */
  setupTimeoutMs?: number;
  /** Where the user's skills are (`HOME/.agents/skills`); default HOME; null: no user skills. */
  skillsHome?: string | null;
  /** This run is one attempt of a best-of-N group (src/attempts/): recorded in meta.json; `group` absent: this run's id (the first attempt). */
  attempt?: { group?: string; index: number; of: number };
}

export interface ThreadResult {
  runId: string;
  status: ThreadStatus;
  exitCode: number;
  finalMessage: string | null;
  filesChanged: FileChange[];
  usage: Usage;
  /** USD, when every model's price was known. */
  costUsd?: number;
  check?: CheckResult;
  /** The run's directory was removed, and why (run-kept.ts): nothing of it is kept. */
  removed?: RemovedReason;
}

export class Thread {
  readonly run: Run;
  readonly info: RepoInfo;
  readonly session: Session;
  readonly ready: Promise<void>;
  private readonly setup: ThreadSetup;
  private readonly emit: EmitFn;
  private readonly started = Date.now();
  private workspaceValue: Workspace | null = null;
  /** Why the workspace could not be made (then the turn stops and a new run leaves nothing behind). */
  private workspaceError: Error | null = null;
  private turnAbort: AbortController | null = null;
  private readonly hooks: HookRunner | undefined;
  /** Project instruction files in use (AGENTS.md), for headers and thread.started. */
  readonly projectDocs: ProjectDocFile[];
  /** What remembering needs in this run (the caps, the secret rules, the global file's place); null when project_doc_max_bytes is 0. */
  readonly memory: MemoryContext | null;
  /** Project instructions and orientation, put before the first prompt (once). */
  /** Builds the context on the first turn (its git processes would otherwise delay the TUI's first frame). */
  private context: (() => Promise<string>) | null;
  /** The run's MCP servers (null: none configured); `mcpPending` until their tools joined the list. */
  readonly mcp: McpStart | null;
  private mcpPending: Promise<AnyTool[]> | null;
  private readonly tools: AnyTool[];
  private readonly specs: ToolSpec[];
  /** The skills (src/skills/), found while the run starts; awaited by the first turn (listing, tool). */
  private readonly skillsPending: Promise<SkillSet>;
  /** Whether the skill tool has yet to join the tools (at the first turn, when there are skills). */
  private skillToolPending = true;
  /** What the tools get (shared with the session; the skills join it at the first turn). */
  private readonly toolContext: Omit<ToolContext, 'signal' | 'onOutput'>;
  /** Set when a setup command runs in this thread: the first turn waits for it (and its outcome). */
  private setupPending: boolean;
  private setupOutcome: SetupOutcome | null = null;
  private readonly setupAbort = new AbortController();
  /** Prompts given to `turn`, and whether one failed on its model request (for removalReason). */
  private prompts = 0;
  private modelFailed = false;
  private removedReason: RemovedReason | null = null;

  constructor(setup: ThreadSetup) {
    this.setup = setup;
    const resume = setup.resume;
    // Refused before the run exists: outside git without --skip-git-repo-check nothing is made.
    const info = resume ? resume.info : requireRepository(setup.located ?? repoInfo(setup.source), setup.skipGitRepoCheck === true);
    this.info = info;
    const run = resume
      ? resume.run
      : setup.store.create({
          repo: info.top,
          subdir: info.subdir,
          kind: info.isGit ? 'git' : 'plain',
          base_commit: info.headCommit,
          title: setup.title,
          model: setup.model.model,
          provider: setup.model.provider,
        });
    if (setup.attempt && !resume) run.updateMeta({ attempt: { group: setup.attempt.group ?? run.id, index: setup.attempt.index, of: setup.attempt.of } });
    if (resume) run.updateMeta({ status: 'running', ended_at: null, exit_code: null, pid: process.pid, model: setup.model.model, provider: setup.model.provider });
    this.run = run;
    const docs = loadProjectDocs({ top: info.top, subdir: info.subdir, configDir: setup.configDir ?? null, maxBytes: setup.projectDocMaxBytes });
    this.projectDocs = docs.files;
    for (const line of docs.skipped) setup.onWarning?.(line);
    this.skillsPending = startSkills(info.top, setup.skillsHome === undefined ? userHome() : setup.skillsHome, (line) => setup.onWarning?.(line));
    // Setup runs once per run: a resumed run's copy already has what it installed.
    const setupCommand = resume ? undefined : setup.setup;
    this.setupPending = setupCommand !== undefined;
    // A resumed conversation already holds its context message.
    this.context = resume
      ? null
      : () => {
          const facts = orientationFacts({ top: info.top, workDir: run.workDir, mode: setup.sandboxMode, network: inForce.network, setup: this.setupOutcome });
          return buildContext(docs.text, this.skillsPending.then((set) => skillListing(set, (line) => setup.onWarning?.(line))), setup.orientation === false ? null : orientation({ top: info.top, isGit: info.isGit, onSkip: setup.onWarning, ...facts }));
        };
    // Every event is redacted before any front sees it (stdout's JSONL, the TUI) or it is written.
    const redactor = setup.store.redactor;
    this.emit = stamper((raw) => {
      const event = redactor.value(raw);
      if (event.type !== 'item.delta') run.appendEvent(event);
      setup.sink(event);
    });
    const inForce = sandboxInForce(setup.sandboxMode, setup.network, setup.sandboxProbe);
    this.emit({
      type: 'thread.started',
      thread_id: run.id,
      run_id: run.id,
      repo: info.top,
      working_copy: join(run.workDir, info.subdir),
      base_commit: info.headCommit,
      model: setup.model.model,
      provider: setup.model.provider,
      sandbox: inForce,
      approval: setup.approval,
      project_docs: docs.files.map((f) => ({ path: f.path, bytes: f.bytes, included: f.included })),
      ...(setup.stdin ? { stdin: setup.stdin } : {}),
    });

    // The copy and its sandbox are made while the first model request is in flight; tools wait.
    // A model that cannot be asked at all (no API key) makes no copy: its first request fails at once.
    const refused = !resume && setup.model.refusal !== undefined;
    const sandbox = new DeferredSandbox(setup.sandboxMode);
    const toolContext: Omit<ToolContext, 'signal' | 'onOutput'> = (this.toolContext = {
      root: run.workDir,
      visibleRoot: expectedVisibleRoot({ top: info.top, workDir: run.workDir, kind: inForce.kind }),
      sandbox,
      defaultTimeoutMs: setup.commandTimeoutMs,
      log: (text) => run.appendLog(text),
    });
    this.hooks = createHookRunner(setup.hooks, { runId: run.id, log: (text) => run.appendLog(text) });
    if (this.hooks) toolContext.hooks = this.hooks;
    // The user's skill folders are bound into the sandbox, so discovery comes first (it is quick).
    this.ready = refused ? Promise.resolve() : this.skillsPending.then((set) => prepareWorkspace({
      top: info.top,
      workDir: run.workDir,
      mode: setup.sandboxMode,
      network: setup.network,
      envPolicy: setup.envPolicy,
      existing: resume?.copy,
      ...(info.lookup ? { lookup: info.lookup } : {}),
      ownDirs: hewDirs(setup.store.stateDir),
      probe: setup.sandboxProbe,
      ...(setup.sandboxLimits ? { limits: setup.sandboxLimits } : {}),
      // With a setup command the setup provides the dependencies: the user's are not bound in.
      dependencyMounts: setupCommand === undefined,
      skillMounts: set.skills.filter((s) => s.scope === 'user').map((s) => ({ source: s.realDir, target: s.folder })),
    })).then(async (ws) => {
      this.workspaceValue = ws;
      sandbox.set(ws.sandbox);
      toolContext.unsandboxed = ws.unsandboxed;
      toolContext.visibleRoot = ws.visibleRoot;
      if (ws.warning) setup.onWarning?.(ws.warning);
      for (const note of ws.dependencyNotes) setup.onWarning?.(note);
      run.updateMeta({ base_snapshot: ws.copy.baseSnapshot, base_commit: ws.copy.baseCommit, ...(ws.copy.skipped.length > 0 ? { left_out: ws.copy.skipped } : {}) });
      if (setupCommand === undefined) return;
      this.setupOutcome = await runSetupStep({
        command: setupCommand,
        copy: ws.copy,
        sandbox: ws.sandbox,
        visibleRoot: ws.visibleRoot,
        emit: this.emit,
        log: (text) => run.appendLog(text),
        onRebased: (commit) => run.updateMeta({ base_snapshot: commit }),
        signal: this.setupAbort.signal,
        ...(setup.setupTimeoutMs !== undefined ? { timeoutMs: setup.setupTimeoutMs } : {}),
      });
    }, (err: unknown) => {
      // The first model request may be in flight: it is stopped, and the turn fails with this error.
      const error = new Error(`the working copy could not be made: ${(err as Error).message}${resume ? '' : '; the run is removed'}`);
      this.workspaceError = error;
      // A turn under way reports it as its turn.failed; otherwise (a TUI waiting for input) it is said now.
      if (this.turnAbort) this.turnAbort.abort(error);
      else this.emit({ type: 'error', message: error.message, will_retry: false });
      throw error;
    });
    this.ready.catch(() => undefined);
    this.mcp = startMcp(setup.mcpServers, setup.onWarning);
    this.mcpPending = this.mcp?.tools ?? null;

    const policy = isApprovalPolicy(setup.approval) ? setup.approval : 'on-request';
    // Whether anyone can answer an escalation decides what the prompt and the shell tool offer.
    const approver = setup.approverCommand
      ? commandApprover(setup.approverCommand, { redactor, where: () => ({ run_id: run.id, repo: info.top }), log: (text) => run.appendLog(text) }, setup.headlessFront)
      : policyApprover(setup.headlessFront);
    const approvals = setup.approvals ?? createApprovalGate({ policy, approver });
    // Memory is offered only when project instructions are read at all: with a cap of 0 a fact would never be read.
    const projectDocMaxBytes = setup.projectDocMaxBytes ?? DEFAULT_PROJECT_DOC_MAX_BYTES;
    const remember = projectDocMaxBytes > 0;
    this.memory = remember
      ? { limits: { looksSecret: (text) => redactor.finds(text), projectDocMaxBytes, globalUsed: docs.globalUsed }, configDir: setup.configDir ?? null }
      : null;
    if (this.memory) toolContext.memory = this.memory;
    const tools = builtinTools({ escalation: approvals.canApprove, remember });
    this.tools = tools;
    this.specs = toolSpecs(tools);
    const instructions =
      resume?.instructions ??
      buildInstructions({
        root: toolContext.visibleRoot ?? run.workDir,
        subdir: info.subdir,
        sandbox: lacksSandbox(inForce) ? `none (${setup.sandboxMode} was asked for, but no OS sandbox is usable here)` : setup.sandboxMode,
        network: inForce.network,
        approvals: approvalPromptLine(policy, inForce, approvals.canApprove, approvals.decider),
        commandEnv: { variables: NON_INTERACTIVE_ENV, gitConfig: COMMAND_GIT_CONFIG },
        git: { isGit: info.isGit, branch: info.branch ?? null, commit: info.headCommit, readOnly: inForce.kind !== 'none' },
        remember,
      });
    const stepsDone = resume?.lastStep ?? 0;
    this.session = new Session({
      model: setup.model,
      tools,
      toolSpecs: this.specs,
      instructions,
      toolContext,
      emit: this.emit,
      maxSteps: setup.maxSteps === undefined ? undefined : setup.maxSteps + stepsDone,
      stepsDone,
      conversation: new Conversation(resume?.items ?? [], redactor.text),
      redactStream: redactor.stream,
      deltas: setup.deltas,
      longRun: setup.longRun,
      approvals,
      promptCacheKey: promptCacheKey(run.id),
      ready: this.ready,
      afterFileChange: async () => {
        const ws = this.workspaceValue;
        if (!ws) return;
        const step = this.session.steps;
        const commit = await checkpoint(ws.copy, step);
        if (commit) run.appendRecord({ type: 'hew.checkpoint', step, commit, items: this.session.conversation.items.length });
      },
    });
    recordConversation(run, this.session, { instructions, model: setup.model.model, provider: setup.model.provider });
    if (resume?.pending.length) this.session.conversation.add(...resume.pending);
  }

  /** Reports an error on the event stream (e.g. a final answer that failed --output-schema). */
  reportError(message: string, willRetry = false): void {
    this.emit({ type: 'error', message, will_retry: willRetry, ...(willRetry ? { attempt: 2, delay_ms: 0 } : {}) });
  }

  /** Why the run's directory was removed when the thread closed; null while open or when the run was kept. */
  get removed(): RemovedReason | null {
    return this.removedReason;
  }

  /** The workspace once it is ready (null before, or when making it failed). */
  get workspace(): Workspace | null {
    return this.workspaceValue;
  }

  /** The names of the run's skills (for `$NAME` completion); waits for discovery. */
  async skillNames(): Promise<string[]> {
    return (await this.skillsPending).skills.map((s) => s.name);
  }

  /** One turn; never throws (a failure is an outcome). */
  async turn(prompt: string, signal: AbortSignal, opts: TurnOptions = {}): Promise<TurnOutcome> {
    this.prompts += 1;
    const outcome = await this.turnOnce(prompt, signal, opts);
    if (outcome.status === 'failed' && isModelFailure(outcome.error)) this.modelFailed = true;
    return outcome;
  }

  private async turnOnce(prompt: string, signal: AbortSignal, opts: TurnOptions): Promise<TurnOutcome> {
    try {
      if (this.setupPending) {
        // The setup finishes (with its item) before the first model request; its failure ends the turn.
        this.setupPending = false;
        const stop = (): void => this.setupAbort.abort();
        signal.addEventListener('abort', stop, { once: true });
        try {
          await this.ready;
        } finally {
          signal.removeEventListener('abort', stop);
        }
      }
      if (this.context) {
        const build = this.context;
        this.context = null;
        const context = await build();
        if (context) this.session.conversation.add({ type: 'message', role: 'developer', content: context });
      }
      if (this.skillToolPending) {
        // The skill tool is offered only when there are skills (a resumed run finds them again).
        this.skillToolPending = false;
        const { skills } = await this.skillsPending;
        if (skills.length > 0) {
          this.toolContext.skills = skills;
          this.tools.push(skillTool);
          this.specs.push(...toolSpecs([skillTool]));
        }
      }
      await preloadSkills({
        set: await this.skillsPending,
        prompt,
        opts,
        // A repository skill is read from the copy once it exists (it may have been edited there).
        root: this.workspaceValue ? this.run.workDir : this.info.top,
        cwd: this.workspaceValue?.visibleRoot ?? this.run.workDir,
        turn: this.prompts,
        addMessage: (content) => this.session.conversation.add({ type: 'message', role: 'developer', content }),
        emit: this.emit,
        warn: (message) => this.setup.onWarning?.(message),
      });
      if (this.mcpPending) {
        // The first request must offer the MCP tools (Session reads these arrays each turn).
        const pending = this.mcpPending;
        this.mcpPending = null;
        const extra = await pending;
        this.tools.push(...extra);
        this.specs.push(...toolSpecs(extra));
      }
      const turnAbort = new AbortController();
      const onAbort = (): void => turnAbort.abort(signal.reason);
      signal.addEventListener('abort', onAbort, { once: true });
      if (signal.aborted) onAbort();
      this.turnAbort = turnAbort;
      if (this.workspaceError) turnAbort.abort(this.workspaceError);
      try {
        const outcome = await this.session.turn(prompt, turnAbort.signal);
        if (this.workspaceError) return { status: 'failed', error: this.workspaceError };
        await this.ready;
        return outcome;
      } finally {
        signal.removeEventListener('abort', onAbort);
        this.turnAbort = null;
      }
    } catch (err) {
      if (signal.aborted) {
        if (signal.reason instanceof BudgetStop) return { status: 'budget_exceeded', reason: signal.reason.reason, budget: 'cost' };
        return signal.reason === 'timeout' ? { status: 'budget_exceeded', reason: 'the time budget (--timeout) ran out', budget: 'time' } : { status: 'interrupted' };
      }
      const error = err as Error;
      this.emit({ type: 'error', message: error.message, will_retry: false });
      return { status: 'failed', error };
    }
  }

  /** What the run changed so far, relative to its base. */
  async filesChanged(): Promise<FileChange[]> {
    return (await this.changedPaths().catch((): FileChange[] => [])).map(displayChange);
  }

  /** filesChanged with lossless paths (workcopy/path-bytes.ts); rejects when git cannot list them. */
  private async changedPaths(): Promise<FileChange[]> {
    const ws = this.workspaceValue;
    return ws ? changedPaths(ws.copy) : [];
  }

  /** The ignored files the run wrote, by who wrote them (apply_patch's from the transcript); none when they cannot be listed. */
  private async ignoredWritten(root: string): Promise<IgnoredWritten> {
    try {
      const paths = await ignoredFiles(root);
      return paths.length === 0 ? { edited: [], byCommands: [] } : await ignoredWritten(root, paths, patchedPaths(this.run.readEvents()));
    } catch {
      return { edited: [], byCommands: [] };
    }
  }

  /** Ends the thread: files changed, the check (if any), thread.completed, meta.json. */
  async close(outcome: TurnOutcome, opts: { check?: string; signal?: AbortSignal } = {}): Promise<ThreadResult> {
    let { status, exitCode } = outcomeExit(outcome);
    if (this.mcp) await this.mcp.manager.then((m) => m.close()).catch(() => undefined);
    // A run whose changes cannot be listed (hew diff and hew apply would fail the same way) never
    // reports success with "no changes": it failed, and says why.
    const changed = await this.changedPaths().catch((err: unknown): FileChange[] => {
      this.emit({ type: 'error', message: `the run's changes could not be listed: ${(err as Error).message}`, will_retry: false });
      if (status === 'completed') {
        status = 'failed';
        exitCode = EXIT.failed;
      }
      return [];
    });
    const filesChanged = changed.map(displayChange);
    const ws = this.workspaceValue;
    // Files the run wrote that the user's ignore rules hide: named, never silently dropped (ignored.ts),
    // apply_patch's one by one, the commands' summarised (ignored-groups.ts); and its edits outside the
    // user's sparse checkout, which no apply takes (sparse.ts).
    const ignored = ws && ws.copy.kind === 'git' ? await this.ignoredWritten(ws.copy.root) : { edited: [], byCommands: [] };
    const outsideSparse = ws && ws.copy.kind === 'git' ? (await outsideSparseCheckout(this.info.top, changed)).map(quotePath) : [];
    let check: CheckResult | undefined;
    if (opts.check && ws && status === 'completed') {
      const unconfined = ws.sandbox.kind === 'none' && ws.sandbox.mode !== 'danger-full-access';
      if (unconfined) this.setup.onWarning?.('the check was not run: no usable sandbox (run `hew doctor`, or use -s danger-full-access)');
      check = unconfined
        ? { command: opts.check, exit_code: 126, passed: false }
        : await runCheck(opts.check, ws.copy, ws.sandbox, (t) => this.run.appendLog(t), opts.signal ?? new AbortController().signal);
      if (!check.passed) {
        status = 'failed';
        exitCode = EXIT.failed;
      }
    }
    const finalMessage = outcome.status === 'completed' ? this.setup.store.redactor.text(outcome.finalMessage) : null;
    if (this.hooks && ws) {
      const summary = { status, exit_code: exitCode, files_changed: filesChanged, final_message: finalMessage };
      await runOnFinish(this.hooks, summary, { sandbox: ws.sandbox, cwd: this.run.workDir }, this.setup.onWarning);
    }
    const costUsd = this.session.costUsd;
    this.emit({
      type: 'thread.completed',
      status,
      exit_code: exitCode,
      final_message: finalMessage,
      files_changed: filesChanged,
      ...(ignored.edited.length > 0 ? { ignored_files: ignored.edited } : {}),
      ...(ignored.byCommands.length > 0 ? { ignored_by_commands: ignored.byCommands } : {}),
      ...(outsideSparse.length > 0 ? { outside_sparse: outsideSparse } : {}),
      ...(ws && ws.copy.skipped.length > 0 ? { left_out: ws.copy.skipped } : {}),
      total_usage: this.session.usage,
      ...(costUsd !== undefined ? { total_cost_usd: costUsd } : {}),
      duration_ms: Date.now() - this.started,
      ...(check ? { check } : {}),
    });
    const spent = { total_usage: this.session.usage, ...(costUsd !== undefined ? { total_cost_usd: costUsd } : {}) };
    this.run.updateMeta({ status, ended_at: new Date().toISOString(), files_changed: filesChanged, exit_code: exitCode, ...spent });
    // A new run whose copy could not be made, or that the model never answered, did nothing: it
    // leaves nothing behind (docs/runs.md).
    const removed = removalReason({
      resumed: this.setup.resume !== undefined,
      copyFailed: this.workspaceError !== null,
      prompts: this.prompts,
      responses: this.session.responses,
      modelFailed: this.modelFailed,
    });
    this.removedReason = removed;
    if (removed) removeTree(this.run.dir);
    return { runId: this.run.id, status, exitCode, finalMessage, filesChanged, usage: this.session.usage, costUsd, check, ...(removed ? { removed } : {}) };
  }
}

export function titleOf(prompt: string): string {
  const line = prompt.trim().split('\n')[0] ?? '';
  return line.length > 72 ? `${line.slice(0, 71)}…` : line;
}

/** The context message: project instructions, the skills, then the orientation (a failure there costs only it). */
async function buildContext(docs: string, skills: Promise<string>, orienting: Promise<string> | null): Promise<string> {
  const parts: string[] = [];
  if (docs) parts.push(`<project_instructions>\n${docs}\n</project_instructions>`);
  const listing = await skills;
  if (listing) parts.push(listing);
  const tree = orienting ? await orienting.catch(() => '') : '';
  if (tree) parts.push(`<orientation>\n${tree}\n</orientation>`);
  return parts.join('\n');
}
