import { describe, expect, it } from 'vitest';
import { availableCommands } from '../../src/acp/commands.ts';
import { SLASH_COMMANDS } from '../../src/interactive/slash.ts';
import { expectValidAcp } from '../support/acp-schema.ts';

describe('availableCommands', () => {
  const commands = availableCommands();

  it('is a valid available_commands_update', () => {
    expectValidAcp('SessionUpdate', { sessionUpdate: 'available_commands_update', availableCommands: commands });
  });

  const offered: { name: string; hint?: string }[] = [
    { name: 'diff', hint: 'PATH' },
    { name: 'apply' },
    { name: 'discard' },
    { name: 'rewind', hint: 'STEP' },
    { name: 'compact' },
    { name: 'new' },
    { name: 'status' },
    { name: 'plan' },
    { name: 'mcp' },
    { name: 'model', hint: 'NAME' },
    { name: 'remember', hint: 'TEXT' },
    { name: 'memory' },
    { name: 'help' },
  ];
  it.each(offered)('offers $name (hint $hint), described as /help describes it', ({ name, hint }) => {
    const c = commands.find((x) => x.name === name);
    expect(c).toBeDefined();
    expect(c?.input ?? undefined).toEqual(hint ? { hint } : undefined);
    expect(c?.description).toBe(SLASH_COMMANDS.find((s) => s.name === `/${name}`)?.description);
  });

  it.each(['quit', 'exit', 'resume', 'approval', '/diff'])('does not offer %s (the editor or ACP does that)', (name) => {
    expect(commands.map((c) => c.name)).not.toContain(name);
  });

  it('offers exactly those, in /help order', () => {
    const order = SLASH_COMMANDS.map((s) => s.name.slice(1));
    expect(commands.map((c) => c.name)).toEqual(order.filter((n) => offered.some((o) => o.name === n)));
    expect(commands).toHaveLength(offered.length);
  });
});
