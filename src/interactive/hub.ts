// The controller's event fan-out: every agent event and notice goes to each listener, in order, also
// when a listener causes new events while it is being called (they are queued, not nested).
// Events emitted before anyone listens (thread.started is emitted while the controller is being built;
// a first prompt may already be running) are held and handed to the first listener when it subscribes.
import type { InteractiveEvent } from '../protocol/interactive.ts';

export type Listener = (event: InteractiveEvent) => void;

export class EventHub {
  private readonly listeners = new Set<Listener>();
  private readonly queue: InteractiveEvent[] = [];
  private subscribed = false;
  private draining = false;

  emit(event: InteractiveEvent): void {
    this.queue.push(event);
    this.drain();
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    this.subscribed = true;
    this.drain();
    return () => {
      this.listeners.delete(listener);
    };
  }

  private drain(): void {
    if (this.draining || !this.subscribed) return;
    this.draining = true;
    try {
      for (let event = this.queue.shift(); event !== undefined; event = this.queue.shift()) {
        for (const listener of [...this.listeners]) deliver(listener, event);
      }
    } finally {
      this.draining = false;
    }
  }
}

/** A view's listener that throws must not break the core; the error is reported, not swallowed. */
function deliver(listener: Listener, event: InteractiveEvent): void {
  try {
    listener(event);
  } catch (err) {
    process.emitWarning(err instanceof Error ? err : new Error(String(err)), 'HewListenerError');
  }
}
