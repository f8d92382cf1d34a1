import { describe, expect, it } from 'vitest';
import type * as acp from '@agentclientprotocol/sdk';
import { editorMcpServers } from '../../src/acp/mcp-servers.ts';
import { mcpServerSchema } from '../../src/config/schema.ts';
import { acpSchemaErrors } from '../support/acp-schema.ts';

describe('editorMcpServers', () => {
  const rows: { what: string; servers: acp.McpServer[]; want: Record<string, unknown>; skipped: RegExp[] }[] = [
    { what: 'none', servers: [], want: {}, skipped: [] },
    {
      what: 'stdio with env',
      servers: [{ name: 'files', command: '/usr/bin/mcp-files', args: ['--root', '.'], env: [{ name: 'TOKEN', value: 't' }] }],
      want: { files: { command: '/usr/bin/mcp-files', args: ['--root', '.'], env: { TOKEN: 't' } } },
      skipped: [],
    },
    { what: 'stdio without env', servers: [{ name: 'x', command: 'x', args: [], env: [] }], want: { x: { command: 'x', args: [] } }, skipped: [] },
    {
      what: 'http with headers',
      servers: [{ type: 'http', name: 'gh', url: 'https://api.example.com/mcp', headers: [{ name: 'Authorization', value: 'Bearer t' }] }],
      want: { gh: { url: 'https://api.example.com/mcp', headers: { Authorization: 'Bearer t' } } },
      skipped: [],
    },
    { what: 'http without headers', servers: [{ type: 'http', name: 'h', url: 'http://localhost:3000/mcp', headers: [] }], want: { h: { url: 'http://localhost:3000/mcp' } }, skipped: [] },
    { what: 'sse is skipped', servers: [{ type: 'sse', name: 'old', url: 'https://x/sse', headers: [] }], want: {}, skipped: [/^MCP server old: SSE transport is not supported by hew; use stdio or HTTP/] },
    { what: 'an http URL that is not http(s)', servers: [{ type: 'http', name: 'f', url: 'file:///etc/passwd', headers: [] }], want: {}, skipped: [/^MCP server f: not an http\(s\) URL/] },
    { what: 'an empty command', servers: [{ name: 'e', command: ' ', args: [], env: [] }], want: {}, skipped: [/^MCP server e: no command to start$/] },
    { what: 'a server without a name', servers: [{ name: '', command: 'x', args: [], env: [] }], want: {}, skipped: [/without a name/] },
    {
      what: 'a name twice: the last wins, and it is said',
      servers: [
        { name: 'd', command: 'one', args: [], env: [] },
        { name: 'd', command: 'two', args: [], env: [] },
      ],
      want: { d: { command: 'two', args: [] } },
      skipped: [/^MCP server d: named twice/],
    },
    { what: 'a hostile name is shown safely', servers: [{ type: 'sse', name: 'a\u001b[2Jb', url: 'https://x', headers: [] }], want: {}, skipped: [/^MCP server a␛\[2Jb: SSE/] },
  ];
  it.each(rows)('$what', ({ servers, want, skipped }) => {
    for (const s of servers) expect(acpSchemaErrors('McpServer', s)).toEqual([]);
    const out = editorMcpServers(servers);
    expect(out.servers).toEqual(want);
    expect(out.skipped).toHaveLength(skipped.length);
    skipped.forEach((re, i) => expect(out.skipped[i]).toMatch(re));
    // Every entry is one hew's config takes, and none is trusted.
    for (const entry of Object.values(out.servers)) {
      expect(mcpServerSchema.safeParse(entry).success).toBe(true);
      expect(entry.trusted).toBeUndefined();
    }
  });
});
