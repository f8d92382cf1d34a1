// Mounts the App over a FakeController for tests, with the store's batching on a chosen scheduler.
import { render } from 'ink-testing-library';
import { App } from '../../src/ui/app.tsx';
import type { TuiNotifications } from '../../src/protocol/interactive.ts';
import type { Scheduler } from '../../src/ui/scheduler.ts';
import type { TerminalFacts } from '../../src/ui/terminal/signal.ts';
import { connectViewStore } from '../../src/ui/view-store.ts';
import { FakeController } from './fake-controller.ts';
import { plain } from './frames.ts';

export function mountApp(
  opts: { controller?: FakeController; scheduler?: Scheduler; now?: () => number; notifications?: TuiNotifications; terminal?: TerminalFacts } = {},
) {
  const controller = opts.controller ?? new FakeController();
  const store = connectViewStore(controller, opts.scheduler ? { scheduler: opts.scheduler } : {});
  const extra = {
    ...(opts.now ? { now: opts.now } : {}),
    ...(opts.notifications ? { notifications: opts.notifications } : {}),
    ...(opts.terminal ? { terminal: opts.terminal } : {}),
  };
  const r = render(<App controller={controller} store={store} {...extra} />);
  const type = (s: string): void => {
    for (const ch of s) r.stdin.write(ch);
  };
  return { ...r, controller, store, type, frame: () => plain(r.lastFrame()) };
}
