import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProjectDocs } from '../../src/agent/project-docs.ts';
import { tempDir } from '../support/fixtures.ts';

function tree(files: Record<string, string>): string {
  const top = tempDir('hew-docs-');
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(top, path, '..'), { recursive: true });
    writeFileSync(join(top, path), text);
  }
  return top;
}

describe('loadProjectDocs', () => {
  it('joins global, root and nested files root-first, override winning in its directory', () => {
    const top = tree({
      'AGENTS.md': 'root rules',
      'pkg/AGENTS.md': 'pkg rules (overridden)',
      'pkg/AGENTS.override.md': 'pkg override',
      'pkg/sub/AGENTS.md': 'sub rules',
      'other/AGENTS.md': 'not on the path',
    });
    const config = tree({ 'AGENTS.md': 'global rules' });
    const docs = loadProjectDocs({ top, subdir: 'pkg/sub', configDir: config });
    expect(docs.files.map((f) => f.path)).toEqual([join(config, 'AGENTS.md'), join(top, 'AGENTS.md'), join(top, 'pkg/AGENTS.override.md'), join(top, 'pkg/sub/AGENTS.md')]);
    expect(docs.text.indexOf('global rules')).toBeLessThan(docs.text.indexOf('root rules'));
    expect(docs.text.indexOf('root rules')).toBeLessThan(docs.text.indexOf('pkg override'));
    expect(docs.text).not.toContain('overridden');
    expect(docs.text).not.toContain('not on the path');
    expect(docs.files.every((f) => f.included === 'full')).toBe(true);
  });

  it('caps the total and says plainly what was cut', () => {
    const top = tree({ 'AGENTS.md': 'a'.repeat(300), 'x/AGENTS.md': 'b'.repeat(300), 'x/y/AGENTS.md': 'c'.repeat(300) });
    const docs = loadProjectDocs({ top, subdir: 'x/y', configDir: null, maxBytes: 500 });
    expect(docs.files.map((f) => f.included)).toEqual(['full', 'partial', 'omitted']);
    expect(docs.text).toContain('a'.repeat(300));
    expect(docs.text).not.toContain('ccc');
    expect(docs.text).toMatch(/capped at 500 bytes \(project_doc_max_bytes\); not all shown: x\/AGENTS\.md \(cut short\), x\/y\/AGENTS\.md \(left out\)/);
  });

  it('is empty without files', () => {
    expect(loadProjectDocs({ top: tree({ 'README.md': 'x' }), subdir: '', configDir: null })).toEqual({ text: '', files: [], skipped: [], globalUsed: 0 });
  });

  it('skips a link out of the repository and a FIFO with a reason (the plain file beside it is used); follows a link inside', () => {
    const top = tree({ 'docs/rules.md': 'linked rules', 'README.md': 'x' });
    const host = tree({ 'secret.txt': 'HOST-SECRET' });
    symlinkSync(join(host, 'secret.txt'), join(top, 'AGENTS.md'));
    mkdirSync(join(top, 'a'));
    execFileSync('mkfifo', [join(top, 'a', 'AGENTS.override.md')]);
    writeFileSync(join(top, 'a', 'AGENTS.md'), 'a rules');
    mkdirSync(join(top, 'a', 'b', 'AGENTS.md'), { recursive: true });
    symlinkSync('../../docs/rules.md', join(top, 'a', 'b', 'AGENTS.override.md'));
    const docs = loadProjectDocs({ top, subdir: 'a/b', configDir: null });
    expect(docs.text).not.toContain('HOST-SECRET');
    expect(docs.text).toContain('a rules');
    expect(docs.text).toContain('linked rules');
    expect(docs.skipped).toEqual([
      expect.stringMatching(/^AGENTS\.md was skipped: it leads to .*secret\.txt, outside the repository/),
      'a/AGENTS.override.md was skipped: it is a FIFO, not a regular file',
    ]);
  });

  it('reads no file past the cap, and says a cut file was cut', () => {
    const top = tree({ 'AGENTS.md': 'z'.repeat(5000) });
    const docs = loadProjectDocs({ top, subdir: '', configDir: null, maxBytes: 1000 });
    expect(docs.files).toEqual([{ path: join(top, 'AGENTS.md'), bytes: 5000, included: 'partial' }]);
  });
});

describe('loadProjectDocs: the global remembered section', () => {
  it('is cut to the user cap so it cannot crowd the project out; the project file stays whole', () => {
    const entries = Array.from({ length: 100 }, (_, i) => `- global fact ${i} ${'w'.repeat(40)}`).join('\n');
    const config = tree({ 'AGENTS.md': `# Mine\n\n## Remembered by hew\n\n${entries}\n` });
    const top = tree({ 'AGENTS.md': 'root rules' });
    const docs = loadProjectDocs({ top, subdir: '', configDir: config, maxBytes: 32 * 1024 });
    expect(docs.text).toContain('global fact 0 ');
    expect(docs.text).not.toContain('global fact 99 ');
    expect(docs.text).toMatch(/\[hew: \d+ more remembered entries not shown: this section is capped at 2048 bytes\]/);
    expect(docs.text).toContain('root rules');
    expect(docs.globalUsed).toBeLessThan(2048 + 200);
    expect(docs.files.map((f) => f.included)).toEqual(['full', 'full']);
  });
});
