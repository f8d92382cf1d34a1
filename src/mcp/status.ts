// What `/mcp` shows: each server, its state, and its tools (no SDK, no manager loaded).
import type { McpServerStatus } from './types.ts';

/** Lines for `/mcp`: each server, its state, and its tools. */
export function describeMcpStatus(statuses: McpServerStatus[]): string {
  if (statuses.length === 0) return 'No MCP servers are configured (add [mcp_servers.NAME] to config.toml).';
  return statuses
    .map((s) => {
      const head = `${s.name}: ${s.state}${s.error ? ` (${s.error})` : ''}`;
      return s.tools.length ? `${head}\n${s.tools.map((t) => `  ${t}`).join('\n')}` : head;
    })
    .join('\n');
}
