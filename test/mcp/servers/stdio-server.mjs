// A real MCP server over stdio for tests. MCP_TEST_BROKEN=1: exits at once with a message on stderr;
// MCP_TEST_START_DELAY_MS: waits that long before serving (a slow start).
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { registerTestTools } from './tools.mjs';

if (process.env.MCP_TEST_BROKEN === '1') {
  process.stderr.write('test server: missing database file\n');
  process.exit(2);
}
const delay = Number(process.env.MCP_TEST_START_DELAY_MS ?? 0);
if (delay > 0) await new Promise((r) => setTimeout(r, delay));
const server = new McpServer({ name: 'hew-test-stdio', version: '1.0.0' });
registerTestTools(server, { label: process.env.MCP_TEST_LABEL ?? 'stdio' });
await server.connect(new StdioServerTransport());
