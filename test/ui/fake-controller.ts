// A test double of the InteractiveController contract (the real controller is another unit): the
// test pushes events into it and reads back what the view called.
import type { StampedEvent } from '../../src/protocol/events.ts';
import type { ApprovalAnswer, ApprovalPolicy } from '../../src/protocol/approval.ts';
import type { InteractiveController, InteractiveEvent, SessionInfo, Settled, SlashCommand } from '../../src/protocol/interactive.ts';

export function sessionInfo(over: Partial<SessionInfo> = {}): SessionInfo {
  return {
    runId: 'r-test',
    repo: '/home/dev/project',
    workingCopy: '/home/dev/.local/state/hew/runs/r-test/work',
    model: 'gpt-test',
    provider: 'openai',
    sandbox: 'workspace-write',
    approval: 'on-request',
    network: false,
    projectDocs: ['AGENTS.md'],
    ...over,
  };
}

export class FakeController implements InteractiveController {
  readonly submitted: string[] = [];
  readonly answers: { itemId: string; answer: ApprovalAnswer }[] = [];
  readonly completions: string[] = [];
  interrupts = 0;
  quits = 0;
  isBusy = false;
  /** Busy, but the turn is only finishing (interrupted, or its answer is in): a prompt is taken. */
  finishing = false;
  sessionInfo: SessionInfo;
  prompts: string[];
  completer: (word: string) => string[] = () => [];
  private listeners = new Set<(e: InteractiveEvent) => void>();
  private seq = 0;

  constructor(info: Partial<SessionInfo> = {}, history: string[] = []) {
    this.sessionInfo = sessionInfo(info);
    this.prompts = history;
  }

  info(): SessionInfo {
    return this.sessionInfo;
  }
  subscribe(listener: (event: InteractiveEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  submit(text: string): void {
    this.submitted.push(text);
  }
  send(text: string): Promise<Settled> {
    this.submitted.push(text);
    return Promise.resolve({ kind: 'turn', status: 'completed', message: '' });
  }
  setApproval(policy: ApprovalPolicy): void {
    this.sessionInfo = { ...this.sessionInfo, approval: policy };
  }
  interrupt(): void {
    this.interrupts += 1;
  }
  busy(): boolean {
    return this.isBusy;
  }
  takesPrompt(): boolean {
    return !this.isBusy || this.finishing;
  }
  answerApproval(itemId: string, answer: ApprovalAnswer): void {
    this.answers.push({ itemId, answer });
  }
  complete(word: string): string[] {
    this.completions.push(word);
    return this.completer(word);
  }
  history(): string[] {
    return this.prompts;
  }
  slashCommands(): SlashCommand[] {
    return [
      { name: '/diff', description: "show the run's changes" },
      { name: '/apply', description: 'write the changes into your repository' },
      { name: '/quit', description: 'end the session' },
    ];
  }
  keptRun(): string | null {
    return this.sessionInfo.runId;
  }

  leaving(): string {
    return '';
  }
  quit(): Promise<number> {
    this.quits += 1;
    this.push({ type: 'notice.exit', code: 0 });
    return Promise.resolve(0);
  }

  /** Delivers an event or notice to the view; agent events get `seq` and `ts`. */
  push(event: InteractiveEvent | Omit<StampedEvent, 'seq' | 'ts'>, ts = new Date().toISOString()): void {
    const e = (event.type.startsWith('notice.') ? event : { ...event, seq: ++this.seq, ts }) as InteractiveEvent;
    for (const l of [...this.listeners]) l(e);
  }
}
