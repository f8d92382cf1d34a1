// The idle-stream watchdog: fires once when no SSE event arrived for `ms` while armed.

export interface IdleWatchdog {
  /** An event arrived (or the consumer handed control back): restart the countdown. */
  touch(): void;
  /** Stop counting while control is with the consumer, not the network. */
  pause(): void;
  stop(): void;
  readonly fired: boolean;
}

export function startIdleWatchdog(ms: number, onIdle: () => void): IdleWatchdog {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let fired = false;
  let stopped = false;
  const clear = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };
  const arm = (): void => {
    clear();
    if (stopped || fired || !(ms > 0) || !Number.isFinite(ms)) return;
    timer = setTimeout(() => {
      timer = undefined;
      fired = true;
      onIdle();
    }, ms);
  };
  arm();
  return {
    touch: arm,
    pause: clear,
    stop: () => {
      stopped = true;
      clear();
    },
    get fired() {
      return fired;
    },
  };
}
