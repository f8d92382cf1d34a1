// End to end: the first request carries the project's instructions (AGENTS.md, root-first, override
// winning, the global file first, capped with a plain note) and an orientation under its budget.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { git } from '../support/fixtures.ts';
import type { ModelServer } from '../support/model-server.ts';
import { closeWorlds, hewWorld } from '../support/world.ts';

afterEach(closeWorlds);

function contextOf(server: ModelServer): string {
  const input = server.requests[0]?.body.input as { type: string; role?: string; content?: string }[];
  return input.find((i) => i.type === 'message' && i.role === 'developer')?.content ?? '';
}

describe('project instructions and orientation', () => {
  it('joins AGENTS.md files root-first with the override and the global file, and orients', async () => {
    const world = await hewWorld().withScript([{ outputs: [{ text: 'ok' }] }]).build();
    const { repo, home } = world;
    const server = world.server!;
    writeFileSync(join(repo, 'AGENTS.md'), 'ROOT: run node test/date.test.js before answering.\n');
    mkdirSync(join(repo, 'src', 'deep'), { recursive: true });
    writeFileSync(join(repo, 'src', 'AGENTS.md'), 'SRC: plain (overridden).\n');
    writeFileSync(join(repo, 'src', 'AGENTS.override.md'), 'SRC-OVERRIDE: keep functions small.\n');
    writeFileSync(join(repo, 'src', 'deep', 'AGENTS.md'), 'DEEP: not on the path.\n');
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'docs');
    mkdirSync(join(home.config, 'hew'), { recursive: true });
    writeFileSync(join(home.config, 'hew', 'AGENTS.md'), 'GLOBAL: answer in English.\n');
    const result = await world.hew(['exec', '--json', '-C', join(repo, 'src'), 'hello']);
    expect(result.code).toBe(0);
    const context = contextOf(server);
    const order = ['GLOBAL:', 'ROOT:', 'SRC-OVERRIDE:'].map((s) => context.indexOf(s));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(context).not.toContain('SRC: plain');
    expect(context).not.toContain('DEEP:');

    const orientation = /<orientation>\n([\s\S]*)\n<\/orientation>/.exec(context)?.[1] ?? '';
    expect(orientation).toContain('npm test  (node test/date.test.js)');
    expect(orientation).toContain('Branch: main');
    expect(Buffer.byteLength(orientation)).toBeLessThanOrEqual(4000);

    const started = result.events()[0];
    expect(started?.type === 'thread.started' && started.project_docs?.map((d) => d.included)).toEqual(['full', 'full', 'full']);
    // The user's message follows the context.
    const input = server.requests[0]?.body.input as { role?: string; content?: string }[];
    expect(input.at(-1)).toMatchObject({ role: 'user', content: 'hello' });
  });

  it('caps the instructions at project_doc_max_bytes and says what was cut', async () => {
    const world = await hewWorld().withScript([{ outputs: [{ text: 'ok' }] }]).build();
    const { repo } = world;
    const server = world.server!;
    writeFileSync(join(repo, 'AGENTS.md'), `${'x'.repeat(400)}\n`);
    mkdirSync(join(repo, 'src'), { recursive: true });
    writeFileSync(join(repo, 'src', 'AGENTS.md'), `${'y'.repeat(400)}\n`);
    const result = await world.hew(['exec', '--json', '-c', 'project_doc_max_bytes=600', '-C', join(repo, 'src'), 'hello']);
    expect(result.code).toBe(0);
    const context = contextOf(server);
    expect(context).toContain('x'.repeat(400));
    expect(context).not.toContain('y'.repeat(400));
    expect(context).toMatch(/capped at 600 bytes \(project_doc_max_bytes\); not all shown: src\/AGENTS\.md \(cut short\)/);
    const started = result.events()[0];
    expect(started?.type === 'thread.started' && started.project_docs?.map((d) => d.included)).toEqual(['full', 'partial']);
  });
});
