// One MCP server: connects over stdio (`command`) or streamable HTTP (`url`), lists its tools, calls
// them with a timeout, and remembers when the server went away so later calls fail fast.
// The SDK is imported here dynamically, so a run with no servers never loads it.
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { McpServerConfig } from './types.ts';

export interface RemoteTool {
  name: string;
  description?: string;
  inputSchema: unknown;
}

export interface CallResult {
  content?: unknown;
  structuredContent?: unknown;
  isError?: boolean;
  toolResult?: unknown;
}

const DEFAULT_STARTUP_TIMEOUT_MS = 10_000;
const DEFAULT_TOOL_TIMEOUT_MS = 60_000;

export class McpConnection {
  readonly name: string;
  readonly config: McpServerConfig;
  private client: Client | null = null;
  private closedReason: string | null = null;
  private closing = false;

  constructor(name: string, config: McpServerConfig) {
    this.name = name;
    this.config = config;
  }

  /** Null while the server runs; otherwise why it is gone. */
  get gone(): string | null {
    return this.closedReason;
  }

  /** Connects and lists the tools; rejects with a readable reason (including a timeout). */
  async start(): Promise<RemoteTool[]> {
    const timeoutMs = this.config.startup_timeout_ms ?? DEFAULT_STARTUP_TIMEOUT_MS;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`did not start within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      return await Promise.race([this.connect(), timeout]);
    } catch (err) {
      void this.close();
      throw err;
    } finally {
      clearTimeout(timer);
    }
  }

  private async connect(): Promise<RemoteTool[]> {
    const { Client } = await import('@modelcontextprotocol/sdk/client/index.js');
    const client = new Client({ name: 'hew', version: '1.0.0' });
    this.client = client;
    const { config } = this;
    let stderrTail = '';
    if (config.command) {
      const { StdioClientTransport, getDefaultEnvironment } = await import('@modelcontextprotocol/sdk/client/stdio.js');
      const transport = new StdioClientTransport({
        command: config.command,
        args: config.args ?? [],
        env: { ...getDefaultEnvironment(), ...config.env },
        stderr: 'pipe',
      });
      transport.stderr?.on('data', (chunk: Buffer) => {
        stderrTail = (stderrTail + chunk.toString('utf8')).slice(-2000);
      });
      client.onclose = () => this.markGone(stderrTail);
      try {
        await client.connect(transport);
      } catch (err) {
        const detail = stderrTail.trim() ? `: ${stderrTail.trim().split('\n').slice(-3).join(' | ')}` : '';
        throw new Error(`${(err as Error).message}${detail}`, { cause: err });
      }
    } else if (config.url) {
      const { StreamableHTTPClientTransport } = await import('@modelcontextprotocol/sdk/client/streamableHttp.js');
      const transport = new StreamableHTTPClientTransport(new URL(config.url), { requestInit: { headers: config.headers ?? {} } });
      client.onclose = () => this.markGone('');
      await client.connect(transport);
    } else {
      throw new Error('neither `command` nor `url` is set');
    }
    const tools: RemoteTool[] = [];
    let cursor: string | undefined;
    do {
      const page = await client.listTools(cursor ? { cursor } : undefined);
      tools.push(...page.tools);
      cursor = page.nextCursor;
    } while (cursor);
    return tools;
  }

  private markGone(stderrTail: string): void {
    if (this.closing || this.closedReason) return;
    const tail = stderrTail.trim().split('\n').slice(-3).join(' | ');
    this.closedReason = tail ? `it exited (${tail})` : 'it exited';
  }

  /** Calls one tool; throws when the server is gone, the call times out or the transport fails. */
  async call(tool: string, args: Record<string, unknown>, signal: AbortSignal): Promise<CallResult> {
    if (this.closedReason || !this.client) throw new Error(`MCP server ${this.name} is no longer running (${this.closedReason ?? 'not started'})`);
    const timeout = this.config.tool_timeout_ms ?? DEFAULT_TOOL_TIMEOUT_MS;
    try {
      return (await this.client.callTool({ name: tool, arguments: args }, undefined, { timeout, signal })) as CallResult;
    } catch (err) {
      // The transport may report the closed connection just before the process exit is seen.
      if (!this.closedReason && /closed/i.test((err as Error).message)) await new Promise((r) => setTimeout(r, 100));
      if (this.closedReason) throw new Error(`MCP server ${this.name} stopped during the call: ${this.closedReason}`, { cause: err });
      const message = (err as Error).message;
      if (/timed out|timeout/i.test(message)) throw new Error(`${this.name}.${tool} timed out after ${timeout} ms`, { cause: err });
      throw err;
    }
  }

  async close(): Promise<void> {
    this.closing = true;
    const client = this.client;
    this.client = null;
    if (!this.closedReason) this.closedReason = 'closed';
    await client?.close().catch(() => undefined);
  }
}
