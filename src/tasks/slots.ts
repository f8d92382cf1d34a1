// The batch's `--concurrency` as slots: every run of the batch (a task's one run, or each of its
// best-of-N attempts) takes one while it runs. Slots are handed out first come, first served, so
// tasks start in the order of the list. Once `signal` is aborted nobody waiting gets one (null):
// what had not started never starts.
export class Slots {
  private free: number;
  private readonly waiting: ((release: (() => void) | null) => void)[] = [];
  private readonly signal: AbortSignal;

  constructor(size: number, signal: AbortSignal) {
    this.free = Math.max(1, Math.floor(size));
    this.signal = signal;
    signal.addEventListener('abort', () => {
      for (const wake of this.waiting.splice(0)) wake(null);
    }, { once: true });
  }

  /** A slot's release (call it once the run ended), or null when the batch stopped first. */
  acquire(): Promise<(() => void) | null> {
    if (this.signal.aborted) return Promise.resolve(null);
    if (this.free > 0) {
      this.free -= 1;
      return Promise.resolve(this.releaser());
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next(this.releaser());
      else this.free += 1;
    };
  }
}
