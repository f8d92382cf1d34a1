// The MCP servers an editor passes with session/new or session/load → hew's `[mcp_servers]` entries
// (src/config/schema.ts mcpServerSchema). stdio → {command, args, env}; http → {url, headers}; sse is
// not supported (hew advertises `mcpCapabilities.sse: false`) and is skipped with a line saying so.
// The session merges these over the user's config, the editor's entry winning on a name clash. An
// editor's server is never `trusted`: its calls ask, as any server's do unless the user's own config
// trusts it.
import type * as acp from '@agentclientprotocol/sdk';
import type { McpServerConfig } from '../mcp/types.ts';
import { safeLine } from '../format/safe-text.ts';

export interface EditorMcpServers {
  servers: Record<string, McpServerConfig>;
  /** One line per server left out: which, and why. */
  skipped: string[];
}

function pairs(list: ReadonlyArray<{ name: string; value: string }>): Record<string, string> {
  return Object.fromEntries(list.map((p) => [p.name, p.value]));
}

function validUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

/** hew's entries for the editor's MCP servers, and a line for each one hew cannot use. */
export function editorMcpServers(servers: acp.McpServer[]): EditorMcpServers {
  const out: Record<string, McpServerConfig> = {};
  const skipped: string[] = [];
  for (const server of servers) {
    const name = server.name;
    const shown = safeLine(name);
    if (name.trim() === '') {
      skipped.push('an MCP server without a name: skipped');
      continue;
    }
    if (Object.hasOwn(out, name)) skipped.push(`MCP server ${shown}: named twice by the editor; the last one is used`);
    if ('type' in server && server.type === 'sse') {
      skipped.push(`MCP server ${shown}: SSE transport is not supported by hew; use stdio or HTTP (streamable)`);
      continue;
    }
    if ('type' in server && server.type === 'http') {
      if (!validUrl(server.url)) {
        skipped.push(`MCP server ${shown}: not an http(s) URL: ${safeLine(server.url)}`);
        continue;
      }
      out[name] = { url: server.url, ...(server.headers.length > 0 ? { headers: pairs(server.headers) } : {}) };
      continue;
    }
    const stdio = server as acp.McpServerStdio;
    if (stdio.command.trim() === '') {
      skipped.push(`MCP server ${shown}: no command to start`);
      continue;
    }
    out[name] = { command: stdio.command, args: [...stdio.args], ...(stdio.env.length > 0 ? { env: pairs(stdio.env) } : {}) };
  }
  return { servers: out, skipped };
}
