// The TUI's one gate for model-controlled text: every event and notice has its strings made safe for
// the terminal (src/format/safe-text.ts) before the reducer stores them, so no component prints a
// raw escape whatever field it shows. Command output is the exception: the tail keeps what a terminal
// would show after `\r` and drops escape sequences first (tail.ts), and streamed message text is made safe
// where the reducer knows which it is (items.ts).
import { safeStrings } from '../../format/safe-text.ts';
import type { ViewAction } from './types.ts';

export function safeAction(action: ViewAction): ViewAction {
  if (action.type === 'item.delta') return action;
  if ('item' in action && action.item.type === 'command_execution') {
    // The output (up to the output cap) is not walked here: its tail is made safe line by line.
    const { aggregated_output: output, ...rest } = action.item;
    return { ...action, item: { ...safeStrings(rest), aggregated_output: output } };
  }
  return safeStrings(action);
}
