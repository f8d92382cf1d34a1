// The run store on a real temp state directory: ids, create/open/list/latest, the event log's
// round trip and tolerance of a torn last line, atomic meta updates, and redaction of secrets.
import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { StampedEvent } from '../../src/protocol/events.ts';
import { isRunId, newRunId } from '../../src/runs/ids.ts';
import { runDir, stateDir } from '../../src/runs/paths.ts';
import { RunStore } from '../../src/runs/store.ts';

const dirs: string[] = [];
function tempState(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hew-runs-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const base = { repo: '/tmp/some-repo', title: 'Fix the parser', model: 'gpt-test', provider: 'openai' };

function event(seq: number, text: string): StampedEvent {
  return {
    type: 'item.completed',
    item: { id: `item_${seq}`, type: 'agent_message', status: 'completed', text },
    seq,
    ts: new Date(Date.UTC(2026, 10, 27, 0, 0, seq)).toISOString(),
  };
}

describe('run ids', () => {
  it('look like 20261127-001530-k3f9 and sort by time', () => {
    const a = newRunId(new Date(Date.UTC(2026, 10, 27, 0, 15, 30)));
    const b = newRunId(new Date(Date.UTC(2026, 10, 27, 0, 15, 31)));
    const c = newRunId(new Date(Date.UTC(2027, 0, 1, 0, 0, 0)));
    expect(a).toMatch(/^20261127-001530-[0-9a-z]{4}$/);
    expect(isRunId(a)).toBe(true);
    expect(isRunId('../etc')).toBe(false);
    expect([c, a, b].sort()).toEqual([a, b, c]);
  });

  it('are unique across 1000 calls in the same second', () => {
    const now = new Date(Date.UTC(2026, 10, 27, 12, 0, 0));
    const ids = new Set(Array.from({ length: 1000 }, () => newRunId(now)));
    expect(ids.size).toBe(1000);
  });
});

describe('state paths', () => {
  it('use XDG_STATE_HOME when absolute, else ~/.local/state', () => {
    expect(stateDir({ XDG_STATE_HOME: '/x/state', HOME: '/home/u' })).toBe('/x/state/hew');
    expect(stateDir({ XDG_STATE_HOME: 'relative', HOME: '/home/u' })).toBe('/home/u/.local/state/hew');
    expect(stateDir({ HOME: '/home/u' })).toBe('/home/u/.local/state/hew');
    expect(runDir('20261127-001530-k3f9', '/x/state/hew')).toBe('/x/state/hew/runs/20261127-001530-k3f9');
  });
});

describe('RunStore', () => {
  it('creates, opens, lists (newest first, per repo) and finds the latest run', () => {
    const store = new RunStore(tempState());
    expect(store.list()).toEqual([]);
    expect(store.latest('/tmp/some-repo')).toBeNull();

    const first = store.create(base, new Date(Date.UTC(2026, 10, 27, 0, 0, 1)));
    const second = store.create({ ...base, title: 'second' }, new Date(Date.UTC(2026, 10, 27, 0, 0, 2)));
    const other = store.create({ ...base, repo: '/tmp/other-repo' }, new Date(Date.UTC(2026, 10, 27, 0, 0, 3)));

    const meta = first.meta();
    expect(meta).toMatchObject({ ...base, id: first.id, status: 'running', ended_at: null, exit_code: null, files_changed: [] });
    expect(meta.working_copy).toBe(path.join(first.dir, 'work'));
    expect(first.workDir).toBe(meta.working_copy);
    expect(meta.started_at).toBe('2026-11-27T00:00:01.000Z');
    expect((statSync(first.dir).mode & 0o777).toString(8)).toBe('700');

    expect(store.open(first.id).meta().title).toBe('Fix the parser');
    expect(() => store.open('20990101-000000-zzzz')).toThrow(/no run/);
    expect(() => store.open('../../etc')).toThrow(/no run/);
    expect(store.list().map((m) => m.id)).toEqual([other.id, second.id, first.id]);
    expect(store.list({ repo: '/tmp/some-repo' }).map((m) => m.id)).toEqual([second.id, first.id]);
    expect(store.latest('/tmp/some-repo')?.id).toBe(second.id);
    expect(store.latest('/tmp/other-repo/')?.id).toBe(other.id);
    expect(store.resolveId(other.id.slice(0, 17))).toBe(other.id);
    expect(() => store.resolveId('2026')).toThrow(/matches 3 runs/);
  });

  it('skips run directories whose meta.json is missing or corrupt', () => {
    const state = tempState();
    const store = new RunStore(state);
    const good = store.create(base);
    mkdirSync(path.join(state, 'runs', '20260101-000000-aaaa'));
    mkdirSync(path.join(state, 'runs', '20260101-000000-bbbb'));
    writeFileSync(path.join(state, 'runs', '20260101-000000-bbbb', 'meta.json'), '{"id": "20260101-0000');
    mkdirSync(path.join(state, 'runs', 'not-a-run'));
    expect(store.list().map((m) => m.id)).toEqual([good.id]);
    expect(store.damaged().map((d) => [d.id, d.damage])).toEqual([
      ['20260101-000000-bbbb', 'meta.json is not valid JSON (truncated or corrupted)'],
      ['20260101-000000-aaaa', 'meta.json is missing'],
    ]);
    expect(() => store.open('20260101-000000-bbbb').meta()).toThrow(/^run 20260101-000000-bbbb is damaged: meta\.json is not valid JSON .*hew discard 20260101-000000-bbbb/);
  });

  it('reports each wrong shape of meta.json as damage, and accepts what it writes', () => {
    const state = tempState();
    const store = new RunStore(state);
    const run = store.create(base);
    const good = JSON.parse(readFileSync(path.join(run.dir, 'meta.json'), 'utf8')) as Record<string, unknown>;
    const cases: Array<[Record<string, unknown> | unknown[] | string, string | null]> = [
      [good, null],
      [{ ...good, base_commit: 'abc' }, null],
      [[good], 'meta.json is not a JSON object'],
      ['"text"', 'meta.json is not a JSON object'],
      [{ ...good, id: '../../elsewhere' }, `meta.json names run "../../elsewhere", not ${run.id}`],
      [{ ...good, repo: 'relative/path' }, 'meta.json has no absolute "repo" path'],
      [{ ...good, status: 'exploded' }, 'meta.json has no known "status"'],
      [{ ...good, kind: 'svn' }, 'meta.json has no "kind" (git or plain)'],
      [{ ...good, title: 7 }, 'meta.json has no string "title"'],
      [{ ...good, base_commit: 1 }, 'meta.json has a "base_commit" that is not a string'],
      [{ ...good, files_changed: 'all' }, 'meta.json has no "files_changed" list'],
    ];
    for (const [value, damage] of cases) {
      writeFileSync(path.join(run.dir, 'meta.json'), typeof value === 'string' ? value : JSON.stringify(value));
      const reading = run.inspectMeta();
      expect(reading.ok ? null : reading.damage).toBe(damage);
    }
  });

  it('reads a transcript strictly for resume: a torn last line is dropped (and cut before the next write), other damage refused', () => {
    const store = new RunStore(tempState());
    const run = store.create(base);
    run.appendEvent(event(1, 'one'));
    run.appendRecord({ type: 'hew.items', items: [{ type: 'message', role: 'user', content: 'hi' }], step: 0 });
    expect(run.readTranscript()).toMatchObject({ tornTail: false, lines: [{ type: 'item.completed' }, { type: 'hew.items' }] });

    appendFileSync(run.eventsPath, '{"type":"hew.items","ite');
    expect(run.readTranscript()).toMatchObject({ tornTail: true, lines: [{ type: 'item.completed' }, { type: 'hew.items' }] });
    const again = store.open(run.id);
    again.appendEvent(event(2, 'two'));
    expect(readFileSync(run.eventsPath, 'utf8')).not.toContain('"ite\n');
    expect(again.readTranscript()).toMatchObject({ tornTail: false, lines: [{}, {}, { seq: 2 }] });

    const whole = readFileSync(run.eventsPath, 'utf8');
    const damaged: Array<[string, RegExp]> = [
      [whole.replace('"type":"hew.items"', '"type":"hew.items" oops'), /events\.jsonl line 2 of 3 is not valid JSON/],
      [`[1,2]\n${whole}`, /events\.jsonl line 1 of 4 is not an event/],
      [whole.replace(/"items":\[[^\]]*\]/, '"items":"nope"'), /line 2 of 3 is a hew\.items record with malformed items/],
    ];
    for (const [text, message] of damaged) {
      writeFileSync(run.eventsPath, text);
      expect(() => run.readTranscript()).toThrow(message);
    }
    rmSync(run.eventsPath);
    expect(() => run.readTranscript()).toThrow(/events\.jsonl is missing/);
  });

  it('runs of one repo made at the same moment get their own directories', () => {
    const state = tempState();
    const now = new Date();
    const runs = Array.from({ length: 50 }, () => new RunStore(state).create(base, now));
    expect(new Set(runs.map((r) => r.dir)).size).toBe(50);
    runs.forEach((r, i) => r.appendEvent(event(1, `run ${i}`)));
    runs.forEach((r, i) => expect(r.readEvents().map((e) => (e.type === 'item.completed' && e.item.type === 'agent_message' ? e.item.text : ''))).toEqual([`run ${i}`]));
  });
});

describe('Run', () => {
  it('round-trips events through events.jsonl, one line each', () => {
    const run = new RunStore(tempState()).create(base);
    const events = [event(1, 'hello'), event(2, 'line\nbreak "quoted"'), event(3, 'ünïcødé ✓')];
    for (const e of events) run.appendEvent(e);
    expect(run.readEvents()).toEqual(events);
    expect(readFileSync(run.eventsPath, 'utf8').split('\n')).toHaveLength(4);
    expect(new RunStore(path.dirname(path.dirname(run.dir))).open(run.id).readEvents()).toEqual(events);
  });

  it('tolerates a truncated last line and does not glue the next event onto it', () => {
    const state = tempState();
    const run = new RunStore(state).create(base);
    run.appendEvent(event(1, 'complete'));
    appendFileSync(run.eventsPath, '{"type":"item.completed","item":{"id":"item_2","ty');
    expect(run.readEvents()).toEqual([event(1, 'complete')]);

    const reopened = new RunStore(state).open(run.id); // e.g. `hew resume` after a crash
    reopened.appendEvent(event(3, 'after resume'));
    expect(reopened.readEvents()).toEqual([event(1, 'complete'), event(3, 'after resume')]);
  });

  it('leaves a readable log when the writing process is killed', () => {
    const state = tempState();
    const run = new RunStore(state).create(base);
    const script = `
      import { RunStore } from ${JSON.stringify(path.resolve('src/runs/store.ts'))};
      const run = new RunStore(${JSON.stringify(state)}).open(${JSON.stringify(run.id)});
      for (let i = 1; i <= 200; i++) run.appendEvent({ type: 'turn.started', turn: i, seq: i, ts: new Date().toISOString() });
      process.kill(process.pid, 'SIGKILL');
    `;
    try {
      execFileSync(process.execPath, ['--input-type=module', '-e', script], { stdio: 'pipe' });
    } catch {
      // killed, as intended
    }
    const events = run.readEvents();
    expect(events).toHaveLength(200);
    expect(events.at(-1)).toMatchObject({ type: 'turn.started', turn: 200 });
  });

  it('updates meta atomically (no temp files left, readers always see whole JSON)', () => {
    const run = new RunStore(tempState()).create(base);
    for (let i = 0; i < 50; i++) {
      run.updateMeta({ files_changed: Array.from({ length: i }, (_, k) => ({ path: `f${k}.ts`, kind: 'update' as const })) });
      expect(JSON.parse(readFileSync(path.join(run.dir, 'meta.json'), 'utf8')).files_changed).toHaveLength(i);
    }
    const done = run.updateMeta({ status: 'completed', exit_code: 0, ended_at: '2026-11-27T00:10:00.000Z', id: 'hijack' });
    expect(done.id).toBe(run.id);
    expect(run.meta()).toMatchObject({ status: 'completed', exit_code: 0, title: 'Fix the parser' });
    expect(readdirSync(run.dir).sort()).toEqual(['meta.json']);
  });

  it('redacts secrets from events, meta and the command log', () => {
    const envKey = 'hunter2-super-secret-value';
    const run = new RunStore(tempState(), { env: { MY_SERVICE_API_KEY: envKey } }).create({
      ...base,
      title: 'use key sk-abc123def456ghi789jkl012mno',
    });
    run.appendEvent(event(1, 'export OPENAI_API_KEY=sk-abc123def456ghi789jkl012mno'));
    run.appendEvent(event(2, `curl -H "Authorization: Bearer abc123def456ghi789" and ${envKey}`));
    run.appendEvent({
      type: 'item.completed',
      seq: 3,
      ts: new Date().toISOString(),
      item: { id: 'm', type: 'mcp_tool_call', status: 'completed', server: 's', tool: 't', arguments: { api_key: 'plain-looking' }, result: null, error: null },
    });
    run.appendLog(`$ env\nGITHUB_TOKEN=ghp_${'a'.repeat(36)}\nok\n`);

    const raw = readFileSync(run.eventsPath, 'utf8') + readFileSync(path.join(run.dir, 'meta.json'), 'utf8') + readFileSync(run.commandsLogPath, 'utf8');
    for (const secret of ['sk-abc123def456ghi789jkl012mno', 'abc123def456ghi789', envKey, 'plain-looking', 'ghp_aaaa']) {
      expect(raw).not.toContain(secret);
    }
    expect(raw).toContain('export OPENAI_API_KEY=[REDACTED]');
    expect(raw).toContain('Bearer [REDACTED]');
    expect(run.meta().title).toBe('use key [REDACTED]');
    expect(readFileSync(run.commandsLogPath, 'utf8')).toBe('$ env\nGITHUB_TOKEN=[REDACTED]\nok\n');
    // Ordinary text is left alone.
    run.appendEvent(event(4, 'Use a token bucket; max_tokens=4096; the sk-learn docs; Bearer auth'));
    expect(run.readEvents().at(-1)).toEqual(event(4, 'Use a token bucket; max_tokens=4096; the sk-learn docs; Bearer auth'));
  });

  it('discardWork removes only the working copy', () => {
    const run = new RunStore(tempState()).create(base);
    mkdirSync(run.workDir);
    writeFileSync(path.join(run.workDir, 'f'), 'x');
    run.appendEvent(event(1, 'kept'));
    run.discardWork();
    expect(existsSync(run.workDir)).toBe(false);
    expect(run.readEvents()).toHaveLength(1);
    expect(run.meta().id).toBe(run.id);
  });
});
