import { mkdirSync, writeFileSync } from 'node:fs';
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
    expect(loadProjectDocs({ top: tree({ 'README.md': 'x' }), subdir: '', configDir: null })).toEqual({ text: '', files: [], skipped: [] });
  });
});
