// A real MCP server over streamable HTTP on 127.0.0.1 (stateless: a server per request).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
// @ts-expect-error -- a plain .mjs module without types, shared with the stdio server
import { registerTestTools } from './tools.mjs';

export interface HttpMcpServer {
  url: string;
  /** Authorization headers seen, in order. */
  authHeaders: (string | undefined)[];
  close(): Promise<void>;
}

export async function startHttpMcpServer(): Promise<HttpMcpServer> {
  const authHeaders: (string | undefined)[] = [];
  const http = createServer((req, res) => {
    authHeaders.push(req.headers.authorization);
    const server = new McpServer({ name: 'hew-test-http', version: '1.0.0' });
    (registerTestTools as (s: McpServer, o: { label: string }) => void)(server, { label: 'http' });
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    res.on('close', () => {
      void transport.close();
      void server.close();
    });
    void server.connect(transport).then(() => transport.handleRequest(req, res));
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/mcp`,
    authHeaders,
    close: () => new Promise((resolve) => {
      http.closeAllConnections();
      http.close(() => resolve());
    }),
  };
}
