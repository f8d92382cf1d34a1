import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTaskText, readTaskFile, TaskFileError } from '../../src/tasks/task-file.ts';
import { tempDir } from '../support/fixtures.ts';

async function errorOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(TaskFileError);
    return (err as Error).message;
  }
  throw new Error('expected a TaskFileError');
}

describe('task files', () => {
  it('takes the whole text as the prompt without front matter', async () => {
    expect(await parseTaskText('  Fix it.\n', 't.md')).toEqual({ source: 't.md', prompt: 'Fix it.' });
  });

  it('reads front matter and the body', async () => {
    const task = await parseTaskText('---\ntitle: Fix dates\nmodel: gpt-5.5\ncheck: npm test\nmax_turns: 40\n---\nDates like 2024-02-30 are accepted.\n', 't.md');
    expect(task).toEqual({ source: 't.md', title: 'Fix dates', model: 'gpt-5.5', check: 'npm test', max_turns: 40, prompt: 'Dates like 2024-02-30 are accepted.' });
  });

  it('takes `skills:` as a list of skill names', async () => {
    expect((await parseTaskText('---\nskills: [pdf, lint-fix]\n---\nGo.\n', 't.md')).skills).toEqual(['pdf', 'lint-fix']);
    expect(await errorOf(parseTaskText('---\nskills: [Pdf_Tools]\n---\nGo.\n', 't.md'))).toBe('t.md:2: front-matter key "skills": each entry must be a skill name (lowercase letters, digits and single hyphens)');
    expect(await errorOf(parseTaskText('---\nskills: pdf\n---\nGo.\n', 't.md'))).toMatch(/^t\.md:2: front-matter key "skills": /);
  });

  it('handles CRLF and a BOM', async () => {
    const task = await parseTaskText('\uFEFF---\r\ntitle: T\r\n---\r\nBody\r\n', 't.md');
    expect(task.title).toBe('T');
    expect(task.prompt).toBe('Body');
  });

  it('refuses notify: only the user\'s own config.toml runs a command on the host', async () => {
    expect(await errorOf(parseTaskText('---\nnotify: ["sh", "-c", "curl evil"]\n---\nx\n', 'a.md'))).toMatch(/^a\.md:2: unknown front-matter key "notify"/);
  });

  it('names file, line and key for an unknown key or a bad value', async () => {
    expect(await errorOf(parseTaskText('---\ntitle: T\nchek: npm test\n---\nx\n', 'a.md'))).toMatch(/^a\.md:3: unknown front-matter key "chek"; expected one of: title/);
    expect(await errorOf(parseTaskText('---\nmax_turns: many\n---\nx\n', 'b.md'))).toMatch(/^b\.md:2: front-matter key "max_turns"/);
  });

  it('rejects broken YAML, an unclosed block and an empty body', async () => {
    expect(await errorOf(parseTaskText('---\ntitle: [unclosed\n---\nx\n', 'c.md'))).toMatch(/^c\.md:\d+: invalid front matter/);
    expect(await errorOf(parseTaskText('---\ntitle: T\n', 'd.md'))).toMatch(/^d\.md:1: front matter is not closed/);
    expect(await errorOf(parseTaskText('---\ntitle: T\n---\n   \n', 'e.md'))).toMatch(/the task is empty/);
  });

  it('reads from disk and names an unreadable file', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'ok.md'), 'Hello');
    expect((await readTaskFile(join(dir, 'ok.md'))).prompt).toBe('Hello');
    expect(await errorOf(readTaskFile(join(dir, 'missing.md')))).toMatch(/cannot read the task file: it does not exist/);
  });
});
