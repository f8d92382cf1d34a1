// planMemory's checks in order, as a table of refusals, and the caps per scope and project_doc_max_bytes.
import { describe, expect, it } from 'vitest';
import { planMemory } from '../../src/memory/check.ts';
import type { MemoryLimits } from '../../src/memory/check.ts';
import { sectionCap } from '../../src/memory/target.ts';
import type { MemoryTarget } from '../../src/memory/target.ts';
import { redactorFor } from '../../src/secrets/redact.ts';

const redactor = redactorFor(['hunter2-very-secret']);
const limits = (over: Partial<MemoryLimits> = {}): MemoryLimits => ({ looksSecret: (t) => redactor.finds(t), projectDocMaxBytes: 32 * 1024, globalUsed: 0, ...over });
const project = (content: string): MemoryTarget => ({ scope: 'project', path: '/r/AGENTS.md', shown: 'AGENTS.md', content, exists: content !== '' });
const user = (content: string): MemoryTarget => ({ scope: 'user', path: '/c/hew/AGENTS.md', shown: '/c/hew/AGENTS.md', content, exists: content !== '' });
const section = (n: number, width = 60): string => `## Remembered by hew\n\n${Array.from({ length: n }, (_, i) => `- ${String(i).padStart(4, '0')} ${'x'.repeat(width)}`).join('\n')}\n`;

describe('planMemory refusals', () => {
  const rows: [string, string, MemoryTarget, MemoryLimits, string][] = [
    ['empty', ' - ', project(''), limits(), 'Not remembered: the text is empty.'],
    ['too long', 'y'.repeat(412), project(''), limits(), 'Not remembered: keep an entry under 300 characters (this one is 412); split it or say less.'],
    ['a token shape', 'the key is sk-abcdefghijklmnopqrstu', project(''), limits(), 'Not remembered: the text looks like it holds a secret'],
    ['an assignment', 'set OPENAI_API_KEY=abcdefgh12345', project(''), limits(), 'Not remembered: the text looks like it holds a secret'],
    ['a literal secret value of the run', 'the password is hunter2-very-secret', project(''), limits(), 'Not remembered: the text looks like it holds a secret'],
    ['a secret split by a newline is still one text', 'token sk-abcdefghijklmnopqrstu\n', project(''), limits(), 'Not remembered: the text looks like it holds a secret'],
    ['a token broken by an invisible zero-width space', 'the key is sk-abcdefghij\u200bklmnopqrstu', project(''), limits(), 'Not remembered: the text looks like it holds a secret'],
    ['a run secret broken by a bidi mark', 'the password is hunter2-\u200every-secret', project(''), limits(), 'Not remembered: the text looks like it holds a secret'],
    ['an entry already there', 'Use pnpm.', project('## Remembered by hew\n\n- use pnpm\n'), limits(), 'Not remembered: AGENTS.md already has it (line 3: "- use pnpm").'],
    ['said elsewhere in the file', 'use pnpm', project('# P\n\nWe use pnpm here.\n'), limits(), 'Not remembered: AGENTS.md already says this (line 3).'],
    ['the project section full', 'one more fact', project(section(60)), limits(), 'Not remembered: the "## Remembered by hew" section of AGENTS.md is full ('],
    ['the user section full', 'one more fact', user(section(30)), limits(), 'Not remembered: the "## Remembered by hew" section of /c/hew/AGENTS.md is full ('],
    ['the root file would be cut', 'a new fact', project(`# Big\n\n${'z'.repeat(30_000)}\n`), limits({ globalUsed: 2800 }), 'Not remembered: AGENTS.md would no longer fit in project_doc_max_bytes (32,768) and would be cut.'],
    ['project_doc_max_bytes = 0', 'a fact', project(''), limits({ projectDocMaxBytes: 0 }), 'Not remembered: project_doc_max_bytes is 0'],
  ];
  it.each(rows)('%s', (_, text, target, l, message) => {
    const plan = planMemory(text, target, l);
    expect(plan.ok).toBe(false);
    if (!plan.ok) expect(plan.message.startsWith(message)).toBe(true);
  });

  it('accepts a new fact and reports the section fill', () => {
    const plan = planMemory('  - Run tests\nwith npm run test:unit.  ', project('# P\n'), limits());
    expect(plan).toMatchObject({ ok: true, entry: 'Run tests with npm run test:unit.', entries: 1, cap: 4096 });
    if (plan.ok) expect(plan.after).toBe('# P\n\n## Remembered by hew\n\n- Run tests with npm run test:unit.\n');
  });

  it('a secret is not echoed in the refusal', () => {
    const plan = planMemory('the key is sk-abcdefghijklmnopqrstu', project(''), limits());
    expect(plan.ok || plan.message).not.toContain('sk-abc');
  });
});

describe('sectionCap', () => {
  const rows: ['project' | 'user', number, number][] = [
    ['project', 32 * 1024, 4096],
    ['project', 8192, 1024],
    ['project', 0, 0],
    ['user', 32 * 1024, 2048],
    ['user', 16 * 1024, 1024],
    ['user', 100, 6],
  ];
  it.each(rows)('%s at %d → %d', (scope, max, cap) => expect(sectionCap(scope, max)).toBe(cap));
});
