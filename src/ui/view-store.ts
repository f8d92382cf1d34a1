// Holds the view state outside React: the controller's events go through the batcher into the
// reducer, and subscribers (the App, via useSyncExternalStore) hear about it once per flush.
import type { InteractiveController } from '../protocol/interactive.ts';
import { createBatcher } from './batcher.ts';
import type { Batcher, BatcherOptions } from './batcher.ts';
import { initialState } from './state/initial.ts';
import { reduce } from './state/reduce.ts';
import type { ViewAction, ViewState } from './state/types.ts';

export interface ViewStore {
  getState(): ViewState;
  subscribe(listener: () => void): () => void;
  /** Queue an action; it is applied at the next flush. */
  dispatch(action: ViewAction): void;
  /** Apply queued actions and this one now (for the person's own input). */
  dispatchNow(action: ViewAction): void;
  flush(): void;
  /** How many flushes reached subscribers (for tests and the benchmark). */
  flushCount(): number;
  dispose(): void;
}

export function createViewStore(initial: ViewState, opts: BatcherOptions = {}): ViewStore {
  let state = initial;
  let flushes = 0;
  const listeners = new Set<() => void>();
  const notify = (): void => {
    flushes += 1;
    for (const l of [...listeners]) l();
  };
  const batcher: Batcher<ViewAction> = createBatcher((actions) => {
    const before = state;
    for (const a of actions) state = reduce(state, a);
    if (state !== before) notify();
  }, opts);
  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispatch: (action) => batcher.push(action),
    dispatchNow(action) {
      batcher.push(action);
      batcher.flush();
    },
    flush: () => batcher.flush(),
    flushCount: () => flushes,
    dispose: () => batcher.dispose(),
  };
}

export interface ConnectedStore extends ViewStore {
  /** Stops listening to the controller and drops the timer. */
  disconnect(): void;
}

export interface ConnectOptions extends BatcherOptions {
  /** A first prompt to show and submit once listening (the `hew PROMPT` case). */
  initialPrompt?: string;
}

/**
 * A store fed by the controller from this moment on (so nothing is missed before React mounts).
 * The controller emits nothing for the person's own prompt, so the view echoes it: `initialPrompt`
 * is echoed and submitted here; a turn already running (a prompt submitted before the view existed)
 * is echoed from the newest history entry.
 */
export function connectViewStore(controller: InteractiveController, opts: ConnectOptions = {}): ConnectedStore {
  const store = createViewStore(initialState(controller.info()), opts);
  const first = opts.initialPrompt?.trim();
  if (first) store.dispatch({ type: 'ui.prompt', text: first });
  else if (controller.busy()) {
    const last = controller.history().at(-1);
    if (last !== undefined) store.dispatch({ type: 'ui.prompt', text: last });
  }
  const unsubscribe = controller.subscribe((event) => store.dispatch(event));
  if (first) controller.submit(first);
  return {
    ...store,
    disconnect() {
      unsubscribe();
      store.dispose();
    },
  };
}
