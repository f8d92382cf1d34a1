// The slash commands an editor lists (available_commands_update): hew's own (interactive/slash.ts),
// named without the slash, minus those the editor or ACP does instead — not `quit` (the editor owns
// the process), `resume` (that is session/load) or `approval` (that is the mode picker).
import type * as acp from '@agentclientprotocol/sdk';
import { SLASH_COMMANDS } from '../interactive/slash.ts';

/** The commands an ACP session offers, with the input hint an editor shows after the name. */
const ACP_COMMANDS: Readonly<Record<string, { hint?: string }>> = {
  diff: { hint: 'PATH' },
  apply: {},
  discard: {},
  rewind: { hint: 'STEP' },
  compact: {},
  new: {},
  status: {},
  plan: {},
  mcp: {},
  model: { hint: 'NAME' },
  remember: { hint: 'TEXT' },
  memory: {},
  help: {},
};

/** hew's slash commands an editor may offer, in /help's order. */
export function availableCommands(): acp.AvailableCommand[] {
  return SLASH_COMMANDS.flatMap((spec) => {
    const name = spec.name.replace(/^\//, '');
    const acpSpec = ACP_COMMANDS[name];
    if (!acpSpec) return [];
    return [{ name, description: spec.description, ...(acpSpec.hint ? { input: { hint: acpSpec.hint } } : {}) }];
  });
}
