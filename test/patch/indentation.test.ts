// Hunks whose context uses other indentation than the file (spaces for tabs, 2 for 4 spaces):
// they match modulo indentation and their added lines are written in the file's own style.

import { describe, expect, it } from 'vitest';
import { parsePatch } from '../../src/patch/index.ts';
import { detectIndentUnit } from '../../src/patch/indentation.ts';
import { applyHunksToText } from '../../src/patch/update.ts';
import { patch } from './temp-tree.ts';

function apply(file: string, ...body: string[]): string {
  const op = parsePatch(patch('*** Update File: f', ...body)).ops[0]!;
  if (op.kind !== 'update') throw new Error('expected an update');
  return applyHunksToText(file, op.hunks, 'f');
}

describe('detectIndentUnit', () => {
  it('finds tabs, the common space step, or nothing', () => {
    expect(detectIndentUnit(['a {', '\tb {', '\t\tc', '\t}', '}'])).toBe('\t');
    expect(detectIndentUnit(['a:', '    b:', '        c', '    d', 'e'])).toBe('    ');
    expect(detectIndentUnit(['a:', '  b:', '    c', '  d'])).toBe('  ');
    expect(detectIndentUnit(['a', 'b'])).toBeNull();
  });
});

describe('re-indenting added lines', () => {
  const goFile = 'func main() {\n\tif x {\n\t\tfoo()\n\t}\n}\n';

  it('writes spaces-indented added lines with tabs in a tab-indented file, nested levels included', () => {
    const out = apply(
      goFile,
      '@@ func main() {',
      '     if x {',
      '-        foo()',
      '+        bar()',
      '+        if y {',
      '+            baz()',
      '+        }',
      '     }',
    );
    expect(out).toBe('func main() {\n\tif x {\n\t\tbar()\n\t\tif y {\n\t\t\tbaz()\n\t\t}\n\t}\n}\n');
  });

  it('maps a 2-space patch onto a 4-space file', () => {
    const file = 'class A:\n    def f(self):\n        return 1\n';
    const out = apply(file, '@@', '   def f(self):', '-    return 1', '+    if self.x:', '+      return 2', '+    return 1');
    expect(out).toBe('class A:\n    def f(self):\n        if self.x:\n            return 2\n        return 1\n');
  });

  it('writes tab-indented added lines with spaces in a space-indented file', () => {
    const file = 'if a:\n  b()\n  c()\n';
    expect(apply(file, '@@', ' if a:', '-\tb()', '+\tb(1)', '+\tif d:', '+\t\te()')).toBe(
      'if a:\n  b(1)\n  if d:\n    e()\n  c()\n',
    );
  });

  it('dedents an added line that sits left of all context, in file units', () => {
    const file = '\t\tinner()\n\tend_inner\nend\n';
    const out = apply(file, '@@', '         inner()', '+    middle()');
    expect(out).toBe('\t\tinner()\n\tmiddle()\n\tend_inner\nend\n');
  });

  it('leaves added lines alone when the patch already uses the file indentation', () => {
    const file = 'def f():\n    a = 1\n';
    expect(apply(file, '@@', ' def f():', '-    a = 1', '+    a = 2', '+  odd = 3')).toBe('def f():\n    a = 2\n  odd = 3\n');
  });

  it('writes blank added lines without indentation when re-indenting', () => {
    const out = apply(goFile, '@@', '         foo()', '+', '+        more()');
    expect(out).toBe('func main() {\n\tif x {\n\t\tfoo()\n\n\t\tmore()\n\t}\n}\n');
  });
});
