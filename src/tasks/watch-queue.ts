// The order `hew watch` works in: task paths wait in arrival order and up to `concurrency` are worked
// on at once. A path is never queued twice nor worked on twice at the same time; one that changes
// while it is being worked on is looked at again once that work ends.
export class TaskQueue {
  private readonly waiting: string[] = [];
  private readonly running = new Set<string>();
  private readonly again = new Set<string>();
  private readonly concurrency: number;
  private readonly work: (path: string) => Promise<void>;
  private stopped = false;
  private idleWaiters: (() => void)[] = [];

  constructor(opts: { concurrency: number; work: (path: string) => Promise<void> }) {
    this.concurrency = Math.max(1, opts.concurrency);
    this.work = opts.work;
  }

  /** 'queued', 'again' (busy now: looked at again after) or 'already' (waiting already). */
  push(path: string): 'queued' | 'again' | 'already' {
    if (this.stopped) return 'already';
    if (this.running.has(path)) {
      this.again.add(path);
      return 'again';
    }
    if (this.waiting.includes(path)) return 'already';
    this.waiting.push(path);
    this.pump();
    return 'queued';
  }

  /** Drops what is waiting; work under way goes on to its end. */
  stop(): void {
    this.stopped = true;
    this.waiting.length = 0;
    this.again.clear();
    this.settle();
  }

  get busy(): boolean {
    return this.running.size > 0 || this.waiting.length > 0;
  }

  /** Resolves once nothing is waiting or running. */
  idle(): Promise<void> {
    if (!this.busy) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private pump(): void {
    while (!this.stopped && this.running.size < this.concurrency && this.waiting.length > 0) {
      const path = this.waiting.shift()!;
      this.running.add(path);
      void this.work(path)
        .catch(() => undefined) // the worker reports its own failures
        .finally(() => {
          this.running.delete(path);
          if (this.again.delete(path)) this.push(path);
          this.pump();
          this.settle();
        });
    }
  }

  private settle(): void {
    if (this.busy) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
