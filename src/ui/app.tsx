// The TUI: a view over an InteractiveController. It renders the store's state and forwards keys —
// nothing here decides anything about the agent (retries, approval policy, checkpoints and
// cancellation are the controller's). Keys: Esc interrupts the running turn (or closes the diff
// view / the completion menu); Ctrl-C once shows a hint, twice quits (the run is saved).
import { Box, useApp, useInput, useWindowSize } from 'ink';
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { InteractiveController, TuiNotifications } from '../protocol/interactive.ts';
import { ApprovalPrompt } from './components/approval-prompt.tsx';
import { DiffView } from './components/diff-view.tsx';
import { InputBox } from './components/input-box.tsx';
import { LiveRegion } from './components/live-region.tsx';
import { StatusLine } from './components/status-line.tsx';
import { Transcript } from './components/transcript.tsx';
import { activityOf, costOf, pendingApproval } from './state/status.ts';
import type { TerminalFacts } from './terminal/signal.ts';
import { useTerminalNotifications } from './terminal/use-terminal-notifications.ts';
import type { ViewStore } from './view-store.ts';

export interface AppProps {
  controller: InteractiveController;
  store: ViewStore;
  /** Epoch ms now, for the status line's elapsed time; injectable for tests. */
  now?: () => number;
  /** `tui_notifications`: the bell or OSC 9 when a turn ends or an approval waits unfocused (default off here; renderTui passes the user's setting). */
  notifications?: TuiNotifications;
  /** The terminal hew runs in (src/ui/terminal/signal.ts terminalOf); must keep its identity across renders. */
  terminal?: TerminalFacts;
}

const PLAIN_TERMINAL: TerminalFacts = { osc9: null, multiplexer: null };

export const CTRL_C_HINT = 'press Ctrl-C again to exit (the run is saved)';
const CTRL_C_WINDOW_MS = 3000;
/** `/quit` and its alias `/exit` (src/interactive/slash.ts). */
const QUIT = /^\/(quit|exit)(\s|$)/;

/** The last part of a path: the repository's folder name. */
function folderName(path: string): string {
  return path.split(/[\\/]/).filter(Boolean).at(-1) ?? '';
}

function isSlashCommand(text: string): boolean {
  const t = text.trim();
  return t.startsWith('/') && !t.startsWith('//');
}

export function App({ controller, store, now, notifications = 'off', terminal = PLAIN_TERMINAL }: AppProps) {
  const state = useSyncExternalStore(store.subscribe, store.getState);
  const { exit } = useApp();
  const { columns, rows } = useWindowSize();
  // Mirrored in a ref: two Ctrl-C bytes can arrive before a render.
  const [ctrlCArmed, setArmedState] = useState(false);
  const armed = useRef(false);
  /** The person interrupted the running turn (Esc, Ctrl-C or /quit to leave): its end rings nothing. */
  const interruptedByUser = useRef(false);
  const setCtrlCArmed = useCallback((on: boolean) => {
    armed.current = on;
    setArmedState(on);
  }, []);

  useEffect(() => {
    if (state.exitCode !== null) exit(state.exitCode);
  }, [state.exitCode, exit]);

  useEffect(() => {
    if (!ctrlCArmed) return;
    const timer = setTimeout(() => setCtrlCArmed(false), CTRL_C_WINDOW_MS);
    return () => clearTimeout(timer);
  }, [ctrlCArmed, setCtrlCArmed]);

  useInput((input, key) => {
    if (key.ctrl && input === 'c') {
      if (!armed.current) return setCtrlCArmed(true);
      setCtrlCArmed(false);
      interruptedByUser.current = true;
      void controller.quit().then((code) => store.dispatchNow({ type: 'notice.exit', code }));
      return;
    }
    if (armed.current) setCtrlCArmed(false);
  });

  // After the App's own useInput, so its focus listener joins Ink's input reading (see the hook).
  useTerminalNotifications({ controller, setting: notifications, terminal, label: folderName(state.info.repo), interruptedByUser });

  const onSubmit = useCallback(
    (text: string): boolean => {
      // The controller's own rule: a turn that is only finishing takes the prompt, so the view must
      // echo it and clear the box (asking busy() here kept a taken prompt in the box, unechoed).
      if (!isSlashCommand(text) && !controller.takesPrompt()) {
        controller.submit(text); // refused with a warning; the text stays in the box
        return false;
      }
      store.dispatchNow({ type: 'ui.prompt', text });
      // Quitting cuts a running turn: the person did that, so it rings nothing.
      if (QUIT.test(text.trim())) interruptedByUser.current = true;
      controller.submit(text);
      return true;
    },
    [controller, store],
  );
  const onEscape = useCallback(() => {
    if (!controller.busy()) return;
    interruptedByUser.current = true;
    controller.interrupt();
  }, [controller]);
  const closeDiff = useCallback(() => store.dispatchNow({ type: 'ui.closeDiff' }), [store]);
  const complete = useCallback((word: string) => controller.complete(word), [controller]);
  const [history] = useState(() => controller.history());
  const [slashCommands] = useState(() => controller.slashCommands());

  const approval = pendingApproval(state);
  const diffOpen = state.diff !== null;
  const height = Math.max(10, rows);
  const info = controller.info();
  const roots = [state.info.repo, state.info.workingCopy];
  if (state.exitCode !== null) {
    // Leaving: only the transcript stays on the screen.
    return <Transcript entries={state.transcript} epoch={state.epoch} roots={roots} width={columns} />;
  }
  return (
    <>
      <Transcript entries={state.transcript} epoch={state.epoch} roots={roots} width={columns} />
      {state.diff ? (
        <DiffView files={state.diff} height={height - 2} onClose={closeDiff} />
      ) : (
        <Box flexDirection="column">
          <LiveRegion live={state.live} plan={state.plan} roots={roots} maxMessageLines={Math.max(6, height - 16)} />
          {approval ? (
            <Box marginTop={1}>
              <ApprovalPrompt key={approval.id} request={approval} onAnswer={(id, a) => controller.answerApproval(id, a)} onEscape={onEscape} />
            </Box>
          ) : null}
        </Box>
      )}
      <Box flexDirection="column" marginTop={1} display={diffOpen ? 'none' : 'flex'}>
        <InputBox
          onSubmit={onSubmit}
          onEscape={onEscape}
          complete={complete}
          history={history}
          slashCommands={slashCommands}
          isActive={!diffOpen && approval === null}
        />
        <StatusLine
          activity={activityOf(state)}
          busy={state.status.busy}
          turn={state.status.turn}
          turnStartedAt={state.status.turnStartedAt}
          lastTurnMs={state.status.lastTurnMs}
          usage={state.status.usage}
          cost={costOf(state.status.usage, info.prices)}
          model={info.model}
          notice={ctrlCArmed ? CTRL_C_HINT : null}
          {...(now ? { now } : {})}
        />
      </Box>
    </>
  );
}
