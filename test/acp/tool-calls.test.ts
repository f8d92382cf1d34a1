import { describe, expect, it } from 'vitest';
import { RAW_MAX_CHARS, rawOutput, toolCallHead } from '../../src/acp/tool-calls.ts';
import type { CommandItem, McpItem } from '../../src/acp/tool-calls.ts';

const REPO = '/home/me/proj';

function mcp(result: unknown, args: Record<string, unknown> = { q: 'x' }): McpItem {
  return { id: 'item_1', type: 'mcp_tool_call', server: 'web', tool: 'fetch', arguments: args, result, error: null, status: 'completed' } as McpItem;
}

describe('raw input and output of a tool call stay bounded', () => {
  const huge = 'y'.repeat(RAW_MAX_CHARS + 1);
  const rows: { what: string; raw: () => unknown; kept: boolean }[] = [
    { what: 'a small MCP result is sent as it is', raw: () => rawOutput(mcp({ content: [{ type: 'text', text: 'ok' }] })), kept: true },
    { what: 'a huge MCP result is a note', raw: () => rawOutput(mcp({ content: [{ type: 'text', text: huge }] })), kept: false },
    { what: "a huge MCP call's arguments are a note", raw: () => toolCallHead(mcp(null, { body: huge }), REPO).rawInput, kept: false },
    {
      what: 'a huge command is a note in rawInput',
      raw: () => toolCallHead({ id: 'item_2', type: 'command_execution', command: `cat <<EOF\n${huge}\nEOF`, cwd: '/w', aggregated_output: '', exit_code: null, duration_ms: null, status: 'in_progress' } as CommandItem, REPO).rawInput,
      kept: false,
    },
  ];
  it.each(rows)('$what', ({ raw, kept }) => {
    const json = JSON.stringify(raw());
    expect(json.length).toBeLessThanOrEqual(RAW_MAX_CHARS);
    if (kept) expect(json).not.toContain('omitted');
    else expect(json).toMatch(/"omitted":"\d+ characters of JSON, too large to send/);
  });
});

describe("the kind of hew's own tools that are not commands", () => {
  const command = (tool: string, text: string): CommandItem =>
    ({ id: 'item_2', type: 'command_execution', command: text, cwd: '/w', exit_code: 0, aggregated_output: '', duration_ms: 1, tool, status: 'completed' }) as CommandItem;
  it.each([
    ['skill', 'skill pdf', 'read'],
    ['remember', 'remember --user "small commits"', 'edit'],
    ['grep', 'rg -n x', 'search'],
  ])('%s (%s) is a card of kind %s', (tool, text, kind) => {
    expect(toolCallHead(command(tool, text), REPO).kind).toBe(kind);
  });
});
