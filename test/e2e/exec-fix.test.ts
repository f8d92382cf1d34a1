// End to end: the built CLI fixes the date-parser fixture through the scripted model server,
// on both wire APIs, leaving the user's repository byte-for-byte unchanged.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { treeFingerprint } from '../support/fixtures.ts';
import { DATE_FIX_ANSWER, dateFixScript } from '../support/scripts.ts';
import { closeWorlds, hewWorld } from '../support/world.ts';

afterEach(closeWorlds);

const WIRES = [
  { wire: 'responses', provider: 'openai', path: '/v1/responses' },
  { wire: 'chat', provider: 'fake-chat', path: '/v1/chat/completions' },
] as const;

/** The wire's provider: openai with its key, or a chat provider named on the command line whose key is FAKE_KEY (no OPENAI_* at all). */
function providerEnv(wire: (typeof WIRES)[number]): { args: (url: string) => string[]; env: Record<string, string | undefined> } {
  if (wire.wire === 'responses') return { args: () => [], env: { OPENAI_API_KEY: 'sk-test-key-123' } };
  return {
    args: (url) => ['--provider', 'fake-chat', '-c', `providers.fake-chat.base_url="${url}"`, '-c', 'providers.fake-chat.wire_api="chat"', '-c', 'providers.fake-chat.env_key="FAKE_KEY"'],
    env: { OPENAI_API_KEY: undefined, OPENAI_BASE_URL: undefined, FAKE_KEY: 'sk-test-key-123' },
  };
}

describe.each(WIRES)('hew exec fixes the date parser ($wire wire)', (wire) => {
  it('reads, patches, tests and answers in four steps', async () => {
    const { args, env } = providerEnv(wire);
    const world = await hewWorld().withScript(dateFixScript()).withEnv(env).build();
    const { repo } = world;
    const server = world.server!;
    const before = treeFingerprint(repo);
    const result = await world.hew(['exec', '--json', ...args(server.url), 'fix the date parser']);

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const events = result.events();
    expect(events[0]?.type).toBe('thread.started');
    expect(events.at(-1)?.type).toBe('thread.completed');
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    const done = events.at(-1);
    if (done?.type !== 'thread.completed') throw new Error('no thread.completed');
    expect(done.status).toBe('completed');
    expect(done.final_message).toBe(DATE_FIX_ANSWER);
    expect(done.files_changed).toEqual([{ path: 'src/date.js', kind: 'update' }]);

    expect(server.requests).toHaveLength(4);
    expect(server.requests.every((r) => r.path === wire.path)).toBe(true);
    // The test command ran in the copy and passed after the patch.
    const command = events.find((e) => e.type === 'item.completed' && e.item.type === 'command_execution' && !e.item.tool);
    expect(command?.type === 'item.completed' && command.item.type === 'command_execution' && command.item.exit_code).toBe(0);

    const started = events[0];
    if (started?.type !== 'thread.started') throw new Error('no thread.started');
    const fixed = readFileSync(join(started.working_copy, 'src/date.js'), 'utf8');
    expect(fixed).toContain('daysInMonth(year, month)');
    expect(treeFingerprint(repo)).toBe(before);

    // The run is saved: events.jsonl holds the same stream, meta.json the outcome, no API key anywhere.
    const runDir = world.runDir(started.run_id);
    const saved = readFileSync(join(runDir, 'events.jsonl'), 'utf8');
    expect(saved.trim().split('\n').filter((l) => !l.startsWith('{"type":"hew.')).length).toBe(events.length);
    expect(saved).not.toContain('sk-test-key-123');
    const meta = JSON.parse(readFileSync(join(runDir, 'meta.json'), 'utf8'));
    expect(meta.status).toBe('completed');
    expect(existsSync(join(runDir, 'work', '.git'))).toBe(true);
  });
});

describe('hew exec human output', () => {
  it('prints only the final message on stdout and progress on stderr', async () => {
    const world = await hewWorld().withScript(dateFixScript()).build();
    const out = join(world.home.state, 'last.txt');
    const result = await world.hew(['exec', '-o', out, 'fix the date parser']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${DATE_FIX_ANSWER}\n`);
    expect(result.stderr).toContain('node test/date.test.js');
    expect(result.stderr).toContain('src/date.js');
    expect(result.stderr).not.toContain(DATE_FIX_ANSWER);
    expect(result.stderr).not.toContain('\u001b[');
    expect(readFileSync(out, 'utf8')).toBe(`${DATE_FIX_ANSWER}\n`);
  });
});
