// McpManager against real MCP servers (a stdio process and streamable HTTP on 127.0.0.1): listing,
// calls and results, approvals, a crash mid-run, a slow tool, and startup failures.
import { afterEach, describe, expect, it } from 'vitest';
import { McpManager, McpStartupError } from '../../src/mcp/manager.ts';
import { describeMcpStatus } from '../../src/mcp/status.ts';
import { toolParameters, toolSpecs } from '../../src/tools/registry.ts';
import type { AnyTool } from '../../src/tools/types.ts';
import { startHttpMcpServer } from './servers/http-server.ts';
import type { HttpMcpServer } from './servers/http-server.ts';
import { stdioServer, toolContext } from './support.ts';

let manager: McpManager | undefined;
let http: HttpMcpServer | undefined;
afterEach(async () => {
  await manager?.close();
  await http?.close();
  manager = undefined;
  http = undefined;
});

function byName(tools: AnyTool[], name: string): AnyTool {
  const tool = tools.find((t) => t.name === name);
  if (!tool) throw new Error(`no tool ${name} in ${tools.map((t) => t.name).join(', ')}`);
  return tool;
}

describe('McpManager', () => {
  it('lists the tools of a stdio and an HTTP server as mcp__NAME__TOOL with their schemas', async () => {
    http = await startHttpMcpServer();
    manager = new McpManager();
    const tools = await manager.start({
      local: stdioServer(),
      'remote.api': { url: http.url, headers: { Authorization: 'Bearer tok-1' } },
    });
    const names = tools.map((t) => t.name).sort();
    expect(names).toContain('mcp__local__echo');
    expect(names).toContain('mcp__remote_api__add');
    expect(names).toHaveLength(12);
    const add = toolParameters(byName(tools, 'mcp__local__add'));
    expect(add.type).toBe('object');
    expect(add.$schema).toBeUndefined();
    expect(Object.keys(add.properties as object).sort()).toEqual(['a', 'b']);
    expect(add.required).toEqual(['a', 'b']);
    // A tool without an input schema still gets an object schema.
    expect(toolParameters(byName(tools, 'mcp__local__image'))).toMatchObject({ type: 'object', properties: {} });
    expect(toolSpecs(tools).every((s) => /^[A-Za-z0-9_-]{1,64}$/.test(s.name))).toBe(true);
    expect(http.authHeaders).toContain('Bearer tok-1');
    expect(describeMcpStatus(manager.status())).toMatch(/local: running\n {2}mcp__local__echo/);
  });

  it('calls tools: text, structured content, images and isError', async () => {
    http = await startHttpMcpServer();
    manager = new McpManager();
    const tools = await manager.start({ s: stdioServer({ trusted: true }), h: { url: http.url, trusted: true } });
    const ctx = toolContext();
    const echo = await byName(tools, 'mcp__h__echo').run({ text: 'hi' }, ctx);
    expect(echo).toMatchObject({ status: 'completed', output: 'http echo: hi', item: { type: 'mcp_tool_call', server: 'h', tool: 'echo', arguments: { text: 'hi' }, error: null } });
    const add = await byName(tools, 'mcp__s__add').run({ a: 2, b: 3 }, ctx);
    expect(add.output).toBe('5\n{"sum":5}');
    expect(add.item).toMatchObject({ result: { structuredContent: { sum: 5 } } });
    const image = await byName(tools, 'mcp__s__image').run({}, ctx);
    expect(image.output).toBe('[image: image/png, 8 bytes]');
    const fail = await byName(tools, 'mcp__s__fail').run({}, ctx);
    expect(fail).toMatchObject({ status: 'failed', output: 'the widget is broken', item: { error: 'the widget is broken' } });
    // Bad arguments are the server's to reject.
    const bad = await byName(tools, 'mcp__s__add').run({ a: 'x' }, ctx);
    expect(bad.status).toBe('failed');
    expect(bad.output).toMatch(/a|invalid/i);
  });

  it('asks for approval unless the server is trusted; a denial does not call the server', async () => {
    manager = new McpManager();
    const tools = await manager.start({ s: stdioServer() });
    const denied = toolContext('denied');
    const out = await byName(tools, 'mcp__s__echo').run({ text: 'x' }, denied);
    expect(out.status).toBe('declined');
    expect(denied.asked).toEqual(['s.echo({"text":"x"})']);
    const none = await byName(tools, 'mcp__s__echo').run({ text: 'x' }, toolContext());
    expect(none.status).toBe('declined');
    const approved = toolContext('approved');
    const ok = await byName(tools, 'mcp__s__echo').run({ text: 'yes' }, approved);
    expect(ok).toMatchObject({ status: 'completed', output: 'stdio echo: yes' });
  });

  it('a server that crashes mid-call fails that call, and later calls fail fast', async () => {
    manager = new McpManager();
    const tools = await manager.start({ c: stdioServer({ trusted: true }) });
    const ctx = toolContext();
    const crash = await byName(tools, 'mcp__c__crash').run({}, ctx);
    expect(crash.status).toBe('failed');
    expect(crash.output).toMatch(/MCP server c stopped during the call: it exited \(test server: crashing on purpose\)/);
    const later = await byName(tools, 'mcp__c__echo').run({ text: 'again' }, ctx);
    expect(later.status).toBe('failed');
    expect(later.output).toMatch(/MCP server c is no longer running/);
    expect(manager.status()[0]).toMatchObject({ name: 'c', state: 'stopped' });
  });

  it('a slow tool hits tool_timeout_ms', async () => {
    manager = new McpManager();
    const tools = await manager.start({ slow: stdioServer({ trusted: true, tool_timeout_ms: 300 }) });
    const started = Date.now();
    const out = await byName(tools, 'mcp__slow__slow').run({ ms: 10_000 }, toolContext());
    expect(out.status).toBe('failed');
    expect(out.output).toMatch(/slow\.slow timed out after 300 ms/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('skips a broken server with a warning, and fails on a broken required one', async () => {
    const warnings: string[] = [];
    manager = new McpManager();
    const tools = await manager.start({ ok: stdioServer(), broken: stdioServer({}, { MCP_TEST_BROKEN: '1' }), off: stdioServer({ enabled: false }) }, { onWarning: (m) => warnings.push(m) });
    expect(tools.every((t) => t.name.startsWith('mcp__ok__'))).toBe(true);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/MCP server broken did not start and is skipped: .*missing database file/);
    await manager.close();

    manager = new McpManager();
    const failing = manager.start({ ok: stdioServer(), db: stdioServer({ required: true }, { MCP_TEST_BROKEN: '1' }) });
    await expect(failing).rejects.toBeInstanceOf(McpStartupError);
    await expect(failing).rejects.toThrow(/MCP server db did not start: .*missing database file/);
  });

  it('a server slower than startup_timeout_ms is skipped', async () => {
    const warnings: string[] = [];
    manager = new McpManager();
    const tools = await manager.start({ late: stdioServer({ startup_timeout_ms: 300 }, { MCP_TEST_START_DELAY_MS: '5000' }) }, { onWarning: (m) => warnings.push(m) });
    expect(tools).toEqual([]);
    expect(warnings[0]).toMatch(/late did not start .*within 300 ms/);
  });
});
