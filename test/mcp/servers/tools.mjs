// The tools every test MCP server offers: echo (text), add (structured content), image, fail
// (isError), slow (sleeps `ms`), crash (the process exits mid-call).
import { z } from 'zod';

export function registerTestTools(server, { label = 'stdio' } = {}) {
  server.registerTool('echo', { description: 'Echoes the text back', inputSchema: { text: z.string() } }, async ({ text }) => ({
    content: [{ type: 'text', text: `${label} echo: ${text}` }],
  }));
  server.registerTool('add', { description: 'Adds two numbers', inputSchema: { a: z.number(), b: z.number() } }, async ({ a, b }) => ({
    content: [{ type: 'text', text: String(a + b) }],
    structuredContent: { sum: a + b },
  }));
  server.registerTool('image', { description: 'Returns a tiny image' }, async () => ({
    content: [{ type: 'image', mimeType: 'image/png', data: Buffer.from('12345678').toString('base64') }],
  }));
  server.registerTool('fail', { description: 'Always reports an error' }, async () => ({
    content: [{ type: 'text', text: 'the widget is broken' }],
    isError: true,
  }));
  server.registerTool('slow', { description: 'Sleeps', inputSchema: { ms: z.number() } }, async ({ ms }) => {
    await new Promise((r) => setTimeout(r, ms));
    return { content: [{ type: 'text', text: 'slept' }] };
  });
  server.registerTool('crash', { description: 'Exits the server process' }, async () => {
    process.stderr.write('test server: crashing on purpose\n');
    process.exit(3);
  });
}
