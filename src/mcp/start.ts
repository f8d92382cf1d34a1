// The thread's entry to MCP: cheap to import (no SDK); the manager and the SDK load only when at
// least one server is configured and enabled.
import type { AnyTool } from '../tools/types.ts';
import type { McpManager } from './manager.ts';
import type { McpServerConfig } from './types.ts';

export interface McpStart {
  /** Resolves once every server started or failed (rejects when a `required` one failed). */
  tools: Promise<AnyTool[]>;
  /** The manager, once loaded (for `/mcp` and closing). */
  manager: Promise<McpManager>;
}

function hasMcpServers(servers: Record<string, McpServerConfig> | undefined): boolean {
  return Object.values(servers ?? {}).some((s) => s.enabled !== false);
}

/** Starts the servers (null when none is configured, so nothing is loaded). */
export function startMcp(servers: Record<string, McpServerConfig> | undefined, onWarning?: (message: string) => void): McpStart | null {
  if (!hasMcpServers(servers)) return null;
  const manager = import('./manager.ts').then(({ McpManager }) => new McpManager());
  const tools = manager.then((m) => m.start(servers, { onWarning }));
  tools.catch(() => undefined);
  return { tools, manager };
}

/** The `/mcp` listing of a thread's servers. */
export async function mcpStatusLines(start: McpStart | null): Promise<string[]> {
  const { describeMcpStatus } = await import('./status.ts');
  if (!start) return describeMcpStatus([]).split('\n');
  await start.tools.catch(() => undefined);
  return describeMcpStatus((await start.manager).status()).split('\n');
}
