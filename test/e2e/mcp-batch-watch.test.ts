// End to end: `hew batch` and `hew watch --once` start the MCP servers of config.toml as `hew exec`
// does — a real stdio test server, the scripted model calls its tool and the tool's output comes back
// in the next request — and a `required` server that does not start fails each task as it fails exec
// (exit 1, status failed, no model request).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BatchResultLine, WatchResult } from '../../src/protocol/run-result.ts';
import { git } from '../support/fixtures.ts';
import type { HewResult } from '../support/hew-cli.ts';
import type { RecordedRequest, ScriptedTurn } from '../support/model-server.ts';
import { outputsIn } from '../support/requests.ts';
import { closeWorlds, hewWorld, type World } from '../support/world.ts';
import { STDIO_SERVER } from '../mcp/support.ts';

afterEach(closeWorlds);

const stdioToml = (extra: string): string =>
  `[mcp_servers.local]\ncommand = ${JSON.stringify(process.execPath)}\nargs = [${JSON.stringify(STDIO_SERVER)}]\n${extra}\n`;

/** Each task's prompt names `@@jobN@@`: the model calls the MCP echo tool with it, then answers. */
const echoThenAnswer = (req: RecordedRequest): ScriptedTurn => {
  const job = /@@(job\d+)@@/.exec(JSON.stringify(req.body?.input ?? ''))?.[1] ?? 'unknown';
  return outputsIn(req).length === 0 ? { outputs: [{ tool: 'mcp__local__echo', args: { text: job } }] } : { outputs: [{ text: `${job} answered` }] };
};

/** The date-parser repository, `toml` as the user's config.toml, and the echo-then-answer model. */
function setUp(toml: string): Promise<World> {
  return hewWorld().withConfig(toml).withScript(echoThenAnswer).withTimeout(90_000).build();
}

function addTasks(repo: string, dir: string, n: number): string[] {
  mkdirSync(join(repo, dir), { recursive: true });
  const files: string[] = [];
  for (let i = 1; i <= n; i++) {
    files.push(`${dir}/job${i}.md`);
    writeFileSync(join(repo, dir, `job${i}.md`), `---\ntitle: Job ${i}\n---\nAsk the echo tool about @@job${i}@@.\n`);
  }
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', 'tasks');
  return files;
}

const lines = (result: HewResult): BatchResultLine[] => result.stdout.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as BatchResultLine);
const echoed = (world: World, job: string): boolean => world.requests.some((r) => outputsIn(r).some((o) => o.includes(`stdio echo: ${job}`)));

describe('MCP servers in hew batch and hew watch', { timeout: 180_000 }, () => {
  it('batch: each task gets the servers; the tool output reaches the model', async () => {
    const world = await setUp(stdioToml('trusted = true'));
    const { repo } = world;
    const files = addTasks(repo, 'tasks', 2);
    const result = await world.hew(['batch', '--json', '--concurrency', '2', ...files]);
    expect(result.stderr).not.toMatch(/did not start/);
    expect(result.code).toBe(0);
    expect(lines(result).map((l) => [l.task, l.status, l.exit_code]).sort()).toEqual([
      ['tasks/job1.md', 'completed', 0],
      ['tasks/job2.md', 'completed', 0],
    ]);
    expect(echoed(world, 'job1')).toBe(true);
    expect(echoed(world, 'job2')).toBe(true);
    // The tool was offered in the first request, as in exec.
    expect(JSON.stringify(world.requests[0]!.body?.tools)).toContain('mcp__local__echo');
  });

  it('batch: a required server that does not start fails every task (exit 1) before any model request', async () => {
    const world = await setUp(stdioToml('required = true\nenv = { MCP_TEST_BROKEN = "1" }'));
    const { repo } = world;
    const files = addTasks(repo, 'tasks', 2);
    const result = await world.hew(['batch', '--json', ...files]);
    expect(result.code).toBe(1);
    expect(lines(result)).toHaveLength(2);
    for (const line of lines(result)) {
      expect(line).toMatchObject({ status: 'failed', exit_code: 1 });
      expect(line.error).toMatch(/MCP server local did not start: .*missing database file/);
    }
    expect(world.requests).toHaveLength(0);
  });

  it('watch --once: the task gets the servers; a required one that does not start fails it as exec does', async () => {
    const world = await setUp(stdioToml('trusted = true'));
    const { repo, home } = world;
    addTasks(repo, '.hew/tasks', 1);
    const resultFile = join(repo, '.hew', 'tasks', 'job1.result.json');
    const ok = await world.hew(['watch', '--once']);
    expect(ok.stderr).not.toMatch(/did not start/);
    expect(ok.code).toBe(0);
    expect(JSON.parse(readFileSync(resultFile, 'utf8'))).toMatchObject({ status: 'completed', exit_code: 0, final_message: 'job1 answered' });
    expect(echoed(world, 'job1')).toBe(true);

    writeFileSync(join(home.config, 'hew', 'config.toml'), stdioToml('required = true\nenv = { MCP_TEST_BROKEN = "1" }'));
    writeFileSync(join(repo, '.hew', 'tasks', 'job2.md'), 'Ask the echo tool about @@job2@@.\n');
    const asked = world.requests.length;
    const broken = await world.hew(['watch', '--once']);
    expect(broken.code).toBe(1);
    const failed = JSON.parse(readFileSync(join(repo, '.hew', 'tasks', 'job2.result.json'), 'utf8')) as WatchResult;
    expect(failed).toMatchObject({ status: 'failed', exit_code: 1 });
    expect(failed.error).toMatch(/MCP server local did not start: .*missing database file/);
    expect(broken.stderr).toMatch(/MCP server local did not start: .*missing database file/);
    expect(world.requests).toHaveLength(asked);
    expect(existsSync(resultFile)).toBe(true);
  });
});
