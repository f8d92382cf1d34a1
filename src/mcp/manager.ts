// All of a run's MCP servers: started in parallel (each with its startup timeout), their tools made
// into hew tools, a status per server for `/mcp`, and closed together when the thread closes.
import type { AnyTool } from '../tools/types.ts';
import { McpConnection } from './connection.ts';
import { mcpTool } from './tool.ts';
import type { McpServerConfig, McpServerStatus } from './types.ts';

export class McpStartupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'McpStartupError';
  }
}

export interface McpStartOptions {
  /** Told about each server that failed to start and is skipped. */
  onWarning?: (message: string) => void;
}

export class McpManager {
  private readonly connections: McpConnection[] = [];
  private readonly statuses = new Map<string, McpServerStatus>();
  private toolList: AnyTool[] = [];

  /** Servers that are configured and not `enabled = false`. */
  static enabledServers(servers: Record<string, McpServerConfig> | undefined): [string, McpServerConfig][] {
    return Object.entries(servers ?? {}).filter(([, config]) => config.enabled !== false);
  }

  /**
   * Starts every enabled server at once. A failed server is reported and skipped, unless it is
   * `required`: then every server is closed and this rejects with McpStartupError naming it and why.
   */
  async start(servers: Record<string, McpServerConfig> | undefined, opts: McpStartOptions = {}): Promise<AnyTool[]> {
    const entries = McpManager.enabledServers(servers);
    const results = await Promise.allSettled(
      entries.map(async ([name, config]) => {
        const conn = new McpConnection(name, config);
        this.connections.push(conn);
        const remote = await conn.start();
        return remote.map((tool) => mcpTool(conn, tool));
      }),
    );
    const tools: AnyTool[] = [];
    const required: string[] = [];
    results.forEach((result, i) => {
      const [name, config] = entries[i]!;
      if (result.status === 'fulfilled') {
        tools.push(...result.value);
        this.statuses.set(name, { name, state: 'running', tools: result.value.map((t) => t.name) });
        return;
      }
      const reason = (result.reason as Error).message ?? String(result.reason);
      this.statuses.set(name, { name, state: 'failed', error: reason, tools: [] });
      if (config.required) required.push(`MCP server ${name} did not start: ${reason}`);
      else opts.onWarning?.(`MCP server ${name} did not start and is skipped: ${reason}`);
    });
    if (required.length > 0) {
      await this.close();
      throw new McpStartupError(required.join('; '));
    }
    const seen = new Set<string>();
    this.toolList = tools.filter((t) => !seen.has(t.name) && seen.add(t.name));
    return this.toolList;
  }

  get tools(): AnyTool[] {
    return this.toolList;
  }

  /** Each server's state now (a running server that exited since shows as stopped). */
  status(): McpServerStatus[] {
    return [...this.statuses.values()].map((s) => {
      const conn = this.connections.find((c) => c.name === s.name);
      if (s.state === 'running' && conn?.gone) return { ...s, state: 'stopped', error: conn.gone };
      return s;
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.connections.map((c) => c.close()));
  }
}
