// An MCP server's tool as a hew Tool: arguments pass through (the server validates them), the JSON
// schema for the model comes from the server, and every call goes to the approval gate unless the
// server is trusted (hew does not sandbox what an MCP server does).
import { z } from 'zod';
import type { ItemBody } from '../protocol/events.ts';
import type { AnyTool, ToolContext, ToolOutcome } from '../tools/types.ts';
import type { McpConnection, RemoteTool } from './connection.ts';
import { mcpToolName, normaliseInputSchema } from './names.ts';
import { formatToolResult } from './result.ts';
import { isDenial } from '../approvals/decision.ts';

type Args = Record<string, unknown>;

/** `server.tool({"a":1})`, cut to a readable length. */
function callLine(server: string, tool: string, args: Args): string {
  const json = JSON.stringify(args);
  return `${server}.${tool}(${json.length > 400 ? `${json.slice(0, 399)}…` : json})`;
}

export function mcpTool(conn: McpConnection, remote: RemoteTool): AnyTool {
  const name = mcpToolName(conn.name, remote.name);
  const item = (args: Args, result: unknown, error: string | null): ItemBody => ({
    type: 'mcp_tool_call',
    server: conn.name,
    tool: remote.name,
    arguments: args,
    result,
    error,
  });
  const failed = (args: Args, error: string): ToolOutcome => ({ output: error, item: item(args, null, error), status: 'failed' });

  async function approve(args: Args, ctx: ToolContext): Promise<string | null> {
    if (conn.config.trusted) return null;
    if (!ctx.requestApproval) return 'Not run: this call needs an approval and nobody can give one in this run.';
    const answer = await ctx.requestApproval({
      tool: name,
      command: callLine(conn.name, remote.name, args),
      argv: [name],
      cwd: ctx.visibleRoot ?? ctx.root,
      sandboxed: false,
      network: true,
      reason: 'MCP tool calls are not sandboxed by hew',
      mcp_server: conn.name,
      // Not sandboxed: the gate asks (untrusted, on-request) or denies (never).
      sandbox: { kind: 'none', mode: 'workspace-write', network: true },
    });
    if (!isDenial(answer.decision)) return null;
    // A note that already says why (a headless front, the `never` policy) is the whole answer.
    if (answer.note?.startsWith('Not run:')) return answer.note;
    return `Not run: the user denied ${name}.${answer.note ? ` ${answer.note}` : ''}`;
  }

  return {
    name,
    description: remote.description ?? `${remote.name} (MCP server ${conn.name})`,
    schema: z.record(z.string(), z.unknown()),
    parameters: normaliseInputSchema(remote.inputSchema),
    begin: (args: Args) => item(args, null, null),
    async run(args: Args, ctx: ToolContext): Promise<ToolOutcome> {
      const denied = await approve(args, ctx);
      if (denied) return { output: denied, item: item(args, null, denied), status: 'declined' };
      let result;
      try {
        result = await conn.call(remote.name, args, ctx.signal);
      } catch (err) {
        if (ctx.signal.aborted) throw err;
        return failed(args, (err as Error).message);
      }
      const output = formatToolResult(result);
      ctx.log?.(`$ ${callLine(conn.name, remote.name, args)}\n${output}\n`);
      if (result.isError) return { output: output || 'The tool reported an error.', item: item(args, result, output || 'error'), status: 'failed' };
      return { output, item: item(args, result, null), status: 'completed' };
    },
  };
}
