// Helpers for the MCP tests: the stdio test server's command line, and a ToolContext for direct calls.
import type { McpServerConfig } from '../../src/mcp/types.ts';
import type { ToolContext } from '../../src/tools/types.ts';

import { STDIO_SERVER } from './servers/paths.ts';

export { STDIO_SERVER };

export function stdioServer(extra: Partial<McpServerConfig> = {}, env: Record<string, string> = {}): McpServerConfig {
  return { command: process.execPath, args: [STDIO_SERVER], env, ...extra };
}

/** A context with an approver that answers `decision` (or none at all). */
export function toolContext(decision?: 'approved' | 'denied'): ToolContext & { asked: string[] } {
  const asked: string[] = [];
  const ctx: ToolContext & { asked: string[] } = {
    root: '/tmp',
    sandbox: undefined as never,
    signal: new AbortController().signal,
    asked,
  };
  if (decision) {
    ctx.requestApproval = async (req) => {
      asked.push(req.command);
      return { decision };
    };
  }
  return ctx;
}
