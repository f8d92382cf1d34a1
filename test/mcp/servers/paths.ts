// Where the test MCP servers live (for tests and the benchmark).
import { fileURLToPath } from 'node:url';

export const STDIO_SERVER = fileURLToPath(new URL('./stdio-server.mjs', import.meta.url));
