// MCP through the built CLI: `hew exec --json` with servers from config.toml in the test's
// XDG_CONFIG_HOME — calls in the JSONL stream, the headless approver, a crash, a required server.
import { afterEach, describe, expect, it } from 'vitest';
import type { Item, StampedEvent } from '../../src/protocol/events.ts';
import type { ScriptedTurn } from '../support/model-server.ts';
import { toolOutput } from '../support/requests.ts';
import { closeWorlds, hewWorld, type World } from '../support/world.ts';
import { startHttpMcpServer } from './servers/http-server.ts';
import type { HttpMcpServer } from './servers/http-server.ts';
import { STDIO_SERVER } from './support.ts';

/** The world of the test's last run (set by `exec`). */
let world: World;
let http: HttpMcpServer | undefined;
afterEach(async () => {
  await closeWorlds();
  await http?.close();
  http = undefined;
});

const stdioToml = (name: string, extra = ''): string =>
  `[mcp_servers.${name}]\ncommand = ${JSON.stringify(process.execPath)}\nargs = [${JSON.stringify(STDIO_SERVER)}]\n${extra}\n`;

async function exec(script: ScriptedTurn[], toml: string, args: string[]) {
  world = await hewWorld().withConfig(toml).withScript(script).withTimeout(30_000).build();
  return world.hew(['exec', '-s', 'danger-full-access', ...args]);
}

function mcpCalls(events: StampedEvent[]): Extract<Item, { type: 'mcp_tool_call' }>[] {
  return events.flatMap((e) => (e.type === 'item.completed' && e.item.type === 'mcp_tool_call' ? [e.item] : []));
}

describe('hew exec with MCP servers', () => {
  it('calls trusted stdio and HTTP tools; mcp_tool_call items are in the --json stream', async () => {
    http = await startHttpMcpServer();
    const toml = `${stdioToml('local', 'trusted = true')}[mcp_servers.web]\nurl = "${http.url}"\ntrusted = true\n[mcp_servers.web.headers]\nAuthorization = "Bearer web-token"\n`;
    const result = await exec(
      [
        { outputs: [{ tool: 'mcp__local__echo', args: { text: 'one' } }, { tool: 'mcp__web__add', args: { a: 1, b: 2 } }] },
        { outputs: [{ text: 'Both tools answered.' }] },
      ],
      toml,
      ['--json', 'use the tools'],
    );
    expect(result.stderr).not.toMatch(/did not start/);
    expect(result.code).toBe(0);
    const calls = mcpCalls(result.events());
    expect(calls).toHaveLength(2);
    expect(calls.find((c) => c.server === 'local')).toMatchObject({ status: 'completed', tool: 'echo', arguments: { text: 'one' }, error: null });
    expect(calls.find((c) => c.server === 'web')).toMatchObject({ status: 'completed', tool: 'add', result: { structuredContent: { sum: 3 } } });
    expect(http.authHeaders).toContain('Bearer web-token');
    const started = result.events().filter((e) => e.type === 'item.started' && e.item.type === 'mcp_tool_call');
    expect(started).toHaveLength(2);
  });

  it('denies an untrusted server\'s call under the headless approver', async () => {
    const result = await exec(
      [{ outputs: [{ tool: 'mcp__local__echo', args: { text: 'secret' } }] }, { outputs: [{ text: 'It was denied.' }] }],
      stdioToml('local'),
      ['--json', '-a', 'untrusted', 'use the tool'],
    );
    expect(result.code).toBe(0);
    const events = result.events();
    expect(mcpCalls(events)[0]).toMatchObject({ status: 'declined', server: 'local', tool: 'echo' });
    const approval = events.find((e) => e.type === 'item.completed' && e.item.type === 'approval');
    expect(approval).toMatchObject({ item: { decision: 'denied', request: { tool: 'mcp__local__echo', command: 'local.echo({"text":"secret"})' } } });
    expect(toolOutput(world.requests[1])).toMatch(/Not run/);
  });

  it('a denied untrusted call names the fix, trusted = true for that server, to the model and the user', async () => {
    // The default approval policy, in human mode: what a user sees on stderr.
    const result = await exec(
      [{ outputs: [{ tool: 'mcp__local__echo', args: { text: 'hi' } }] }, { outputs: [{ text: 'It was denied.' }] }],
      stdioToml('local'),
      ['use the tool'],
    );
    expect(result.code).toBe(0);
    const fix = 'set `trusted = true` under `[mcp_servers.local]`';
    expect(toolOutput(world.requests[1])).toContain(fix);
    expect(toolOutput(world.requests[1])).toContain('the MCP server "local"');
    // The run already had -s danger-full-access: that flag does not allow an MCP call, so it is not offered.
    expect(toolOutput(world.requests[1])).not.toContain('danger-full-access');
    expect(toolOutput(world.requests[1])).not.toContain('make the sandbox work');
    expect(result.stderr).toContain('✋ denied `local.echo({"text":"hi"})` (MCP tool calls are not sandboxed by hew)\n  to allow it: ' + fix);
    expect(result.stderr).not.toContain('No OS sandbox');
    expect(result.stderr).not.toMatch(/-s danger-full-access`|make the sandbox work/);

    // The `never` policy says the same.
    const never = await exec(
      [{ outputs: [{ tool: 'mcp__local__echo', args: { text: 'hi' } }] }, { outputs: [{ text: 'It was denied.' }] }],
      stdioToml('local'),
      ['-a', 'never', 'use the tool'],
    );
    expect(never.code).toBe(0);
    expect(toolOutput(world.requests[1])).toContain(fix);
    expect(toolOutput(world.requests[1])).toContain('the approval policy is `never`');
  });

  it('a server that crashes mid-run: that call fails, later calls fail fast, the run goes on', async () => {
    const result = await exec(
      [
        { outputs: [{ tool: 'mcp__local__crash', args: {} }] },
        { outputs: [{ tool: 'mcp__local__echo', args: { text: 'still there?' } }] },
        { outputs: [{ text: 'The server is gone.' }] },
      ],
      stdioToml('local', 'trusted = true'),
      ['--json', 'crash it'],
    );
    expect(result.code).toBe(0);
    const calls = mcpCalls(result.events());
    expect(calls.map((c) => c.status)).toEqual(['failed', 'failed']);
    expect(toolOutput(world.requests[1])).toMatch(/MCP server local stopped during the call/);
    expect(toolOutput(world.requests[2])).toMatch(/MCP server local is no longer running/);
  });

  it('a required server that does not start: exit 1 before the first model request, naming it', async () => {
    const result = await exec([{ outputs: [{ text: 'never' }] }], stdioToml('db', 'required = true\nenv = { MCP_TEST_BROKEN = "1" }'), ['do it']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/MCP server db did not start: .*missing database file/);
    expect(world.requests).toHaveLength(0);
  });

  it('an optional server that does not start is a warning on stderr', async () => {
    const result = await exec([{ outputs: [{ text: 'fine' }] }], stdioToml('db', 'env = { MCP_TEST_BROKEN = "1" }'), ['do it']);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/hew: warning: MCP server db did not start and is skipped/);
    expect(result.stdout.trim()).toBe('fine');
  });
});
