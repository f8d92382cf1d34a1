import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyPatchTool } from '../../src/tools/apply-patch.ts';
import { makeContext } from './context.ts';
import type { TestContext } from './context.ts';

let t: TestContext;
beforeEach(() => {
  t = makeContext();
  mkdirSync(path.join(t.root, 'src'));
  writeFileSync(path.join(t.root, 'src', 'app.py'), 'def greet():\n    return "hi"\n\nprint(greet())\n');
});
afterEach(() => t.cleanup());

describe('apply_patch tool', () => {
  it('applies a patch and reports the changed files', async () => {
    const input = [
      '*** Begin Patch',
      '*** Add File: NOTES.md',
      '+# Notes',
      '*** Update File: src/app.py',
      '@@',
      ' def greet():',
      '-    return "hi"',
      '+    return "hello"',
      '*** End Patch',
    ].join('\n');
    const begun = applyPatchTool.begin({ input }, t.ctx);
    expect(begun).toEqual({ type: 'file_change', changes: [{ path: 'NOTES.md', kind: 'add' }, { path: 'src/app.py', kind: 'update' }] });
    const outcome = await applyPatchTool.run({ input }, t.ctx);
    expect(outcome.status).toBe('completed');
    expect(outcome.item).toEqual({
      type: 'file_change',
      changes: [
        { path: 'NOTES.md', kind: 'add', lines_added: 1, lines_removed: 0, diff: '@@ -0,0 +1,1 @@\n+# Notes\n' },
        {
          path: 'src/app.py',
          kind: 'update',
          lines_added: 1,
          lines_removed: 1,
          diff: '@@ -1,4 +1,4 @@\n def greet():\n-    return "hi"\n+    return "hello"\n \n print(greet())\n',
        },
      ],
    });
    expect(outcome.output).toBe(
      'Success. Updated the following files:\nA NOTES.md (+1 -0)\nM src/app.py (+1 -1)\n@@ -1,4 +1,4 @@\n def greet():\n-    return "hi"\n+    return "hello"\n \n print(greet())\n',
    );
    expect(readFileSync(path.join(t.root, 'src', 'app.py'), 'utf8')).toBe('def greet():\n    return "hello"\n\nprint(greet())\n');
    expect(readFileSync(path.join(t.root, 'NOTES.md'), 'utf8')).toBe('# Notes\n');
  });

  it('changes nothing and says so when a hunk does not match', async () => {
    const input = [
      '*** Begin Patch',
      '*** Add File: NEW.md',
      '+new',
      '*** Update File: src/app.py',
      '@@',
      '-    return "bonjour"',
      '+    return "hello"',
      '*** End Patch',
    ].join('\n');
    const outcome = await applyPatchTool.run({ input }, t.ctx);
    expect(outcome.status).toBe('failed');
    expect(outcome.output.startsWith('apply_patch failed; no files were changed.\n')).toBe(true);
    expect(outcome.output).toContain('src/app.py');
    expect(outcome.item).toMatchObject({ type: 'file_change' });
    expect(outcome.item.type === 'file_change' && outcome.item.error).toBeTruthy();
    expect(existsSync(path.join(t.root, 'NEW.md'))).toBe(false);
    expect(readFileSync(path.join(t.root, 'src', 'app.py'), 'utf8')).toContain('return "hi"');
  });
});
