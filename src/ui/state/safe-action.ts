// The TUI's one gate for model-controlled text: every event and notice has its strings made safe for
// the terminal (src/terminal/safe-text.ts) before the reducer stores them, so no component prints a
// raw escape whatever field it shows. Command output is the exception: the tail keeps what a terminal
// would show after `\r` and drops colours first (tail.ts), and streamed message text is made safe
// where the reducer knows which it is (items.ts).
import { safeStrings } from '../../terminal/safe-text.ts';
import type { ViewAction } from './types.ts';

export function safeAction(action: ViewAction): ViewAction {
  if (action.type === 'item.delta') return action;
  const safe = safeStrings(action);
  if ('item' in action && action.item.type === 'command_execution' && 'item' in safe && safe.item.type === 'command_execution') {
    return { ...safe, item: { ...safe.item, aggregated_output: action.item.aggregated_output } };
  }
  return safe;
}
