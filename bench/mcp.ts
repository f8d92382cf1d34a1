// MCP startup cost: `hew exec` launch to first model request with 0 and with 3 stdio MCP servers
// configured (the test server, which starts quickly). With 0 nothing MCP is loaded; with 3 the
// servers start in parallel, so the cost is about one server's start, not three.
// Run directly: node bench/mcp.ts
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixtureRepo, tempDir } from '../test/support/fixtures.ts';
import { startModelServer } from '../test/support/model-server.ts';
import { STDIO_SERVER } from '../test/mcp/servers/paths.ts';
import { fmtMs, median, runCli } from './measure.ts';

const RUNS = 5;

/** Median launch-to-first-request time of `hew exec` with `servers` stdio MCP servers. */
export async function firstRequestMs(servers: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const home = tempDir('hew-bench-mcp-');
    mkdirSync(join(home, 'config', 'hew'), { recursive: true });
    const toml = Array.from({ length: servers }, (_, n) =>
      `[mcp_servers.s${n}]\ncommand = ${JSON.stringify(process.execPath)}\nargs = [${JSON.stringify(STDIO_SERVER)}]\ntrusted = true\n`).join('\n');
    writeFileSync(join(home, 'config', 'hew', 'config.toml'), toml);
    const server = await startModelServer([{ outputs: [{ text: 'done' }] }]);
    const env = { XDG_STATE_HOME: join(home, 'state'), XDG_CONFIG_HOME: join(home, 'config'), HOME: home, OPENAI_API_KEY: 'sk-bench', OPENAI_BASE_URL: server.url, NO_COLOR: '1' };
    const result = await runCli(['exec', '-s', 'danger-full-access', 'say done'], fixtureRepo('date-parser'), env);
    await server.close();
    if (result.code !== 0) throw new Error(`exec failed (exit ${result.code}):\n${result.stderr}`);
    const first = server.requests[0];
    if (!first) throw new Error('no model request');
    const tools = (first.body.tools ?? []) as { name: string }[];
    if (tools.filter((t) => t.name.startsWith('mcp__')).length !== servers * 6) throw new Error(`expected ${servers * 6} MCP tools in the first request`);
    times.push(first.at - result.startedAt);
  }
  return median(times);
}

/** Median launch-to-first-request time of `hew exec` with 0 and with 3 stdio MCP servers. */
export async function measureMcpStartup(): Promise<{ zeroMs: number; threeMs: number }> {
  const zeroMs = await firstRequestMs(0);
  const threeMs = await firstRequestMs(3);
  return { zeroMs, threeMs };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { zeroMs, threeMs } = await measureMcpStartup();
  process.stdout.write(`launch to first request, 0 MCP servers: ${fmtMs(zeroMs)}\nlaunch to first request, 3 MCP servers: ${fmtMs(threeMs)}\n`);
}
