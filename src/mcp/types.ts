// The MCP server settings hew reads (`[mcp_servers.NAME]` in config.toml).
import type { z } from 'zod';
import type { mcpServerSchema } from '../config/schema.ts';

export type McpServerConfig = z.infer<typeof mcpServerSchema>;

export interface McpServerStatus {
  name: string;
  state: 'running' | 'failed' | 'stopped';
  /** Why it failed or stopped. */
  error?: string;
  /** Tool names as the model sees them. */
  tools: string[];
}
