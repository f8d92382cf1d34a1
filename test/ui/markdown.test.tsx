import { cleanup, render } from 'ink-testing-library';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { colorLevel, setColorLevel } from '../../src/ui/color.ts';
import { Markdown } from '../../src/ui/components/markdown.tsx';
import { highlightCode, languageOf } from '../../src/ui/markdown/highlight.ts';
import { markdownTail } from '../../src/ui/markdown/stream-tail.ts';
import { plain } from './frames.ts';

const saved = colorLevel();
beforeEach(() => setColorLevel(1));
afterEach(() => {
  cleanup();
  setColorLevel(saved);
});

const md = (text: string): string => render(<Markdown text={text} />).lastFrame() ?? '';

describe('Markdown', () => {
  it('renders headings, emphasis, inline code and links as text', () => {
    const raw = md('## The fix\n\nThe parser accepted **impossible** dates like *2024-02-30*; see `parseDate` and [the spec](https://example.com/spec).');
    const out = plain(raw);
    expect(out).toContain('## The fix');
    expect(out.replace(/\s+/g, ' ')).toContain('The parser accepted impossible dates like 2024-02-30; see parseDate and the spec (https://example.com/spec).');
    expect(out).not.toContain('**');
    expect(raw).toContain('\u001b[1mimpossible'); // bold
    expect(raw).toContain('\u001b[3m2024-02-30'); // italic
    expect(raw).toContain('\u001b[36mparseDate'); // inline code in cyan
  });

  it('reads a soft line break as a space, a hard one as a break', () => {
    expect(plain(md('every full hour was counted\nagain as 60 minutes'))).toBe('every full hour was counted again as 60 minutes');
    expect(plain(md('first  \nsecond'))).toBe('first\nsecond');
  });

  it('renders lists: bullets, numbers, nesting and tasks', () => {
    const out = plain(md('- one\n- two\n  - nested\n\n1. first\n2. second\n\n- [x] done\n- [ ] todo'));
    expect(out).toMatch(/• one\n• two\n\s+• nested/);
    expect(out).toContain('1. first');
    expect(out).toContain('2. second');
    expect(out).toContain('• [x] done');
    expect(out).toContain('• [ ] todo');
  });

  it('renders fenced code indented, highlighted, without the fences', () => {
    const raw = md('Run this:\n\n```ts\nconst n = 42; // answer\nreturn "x";\n```');
    const out = plain(raw);
    expect(out).toContain('  const n = 42; // answer');
    expect(out).toContain('  return "x";');
    expect(out).not.toContain('```');
    expect(raw).toContain('\u001b[35mconst'); // keyword magenta
    expect(raw).toContain('\u001b[33m42'); // number yellow
    expect(raw).toContain('\u001b[90m// answer'); // comment gray
    expect(raw).toContain('\u001b[32m"x"'); // string green
  });

  it('colours a diff block as a diff', () => {
    const raw = md('```diff\n-old\n+new\n```');
    expect(raw).toContain('\u001b[31m-old');
    expect(raw).toContain('\u001b[32m+new');
  });

  it('renders quotes, rules and tables', () => {
    const out = plain(md('> quoted text\n\n---\n\n| a | bb |\n|---|---|\n| 1 | 2 |'));
    expect(out).toContain('│ quoted text');
    expect(out).toContain('────');
    expect(out).toContain('a │ bb');
    expect(out).toContain('1 │ 2');
  });

  it('shows terminal escapes in the model’s text visibly, never interpreted', () => {
    const out = md('hello \u001b[2Jworld\u0007');
    expect(out).toContain('hello ␛[2Jworld␇');
    expect(out).not.toContain('\u001b[2J');
  });

  it('shows escapes written as HTML entities visibly too (marked decodes them)', () => {
    const out = md('copy &#27;]52;c;ZWNobw==&#7; and `&#27;[2J` and [x](http://a&#27;b)');
    expect(out).toContain('␛]52;c;ZWNobw==␇');
    expect(out).not.toContain('\u001b]52');
    expect(out).not.toContain('\u0007');
  });
});

describe('highlighter', () => {
  it('knows a few languages by their fence names', () => {
    expect(['ts', 'python', 'bash', 'go', 'rust', 'json', 'java', 'klingon'].map(languageOf)).toEqual(['js', 'py', 'sh', 'go', 'rust', 'json', 'c', null]);
  });

  it('tokenizes keywords, strings, comments and numbers; keeps block comments across lines', () => {
    const [line1, line2, line3] = highlightCode('def f(x): # note\n/* not py */ return 1', 'python').concat(highlightCode('a /* open\nstill */ b', 'js'));
    expect(line1?.filter((t) => t.kind !== 'plain')).toEqual([
      { text: 'def', kind: 'keyword' },
      { text: '# note', kind: 'comment' },
    ]);
    expect(line2?.find((t) => t.kind === 'number')?.text).toBe('1');
    expect(line3?.find((t) => t.kind === 'comment')?.text).toBe('/* open');
    const js = highlightCode('a /* open\nstill */ b', 'js');
    expect(js[1]?.[0]).toEqual({ text: 'still */', kind: 'comment' });
    expect(highlightCode('echo $HOME#x # c', 'sh')[0]?.at(-1)).toEqual({ text: '# c', kind: 'comment' });
  });
});

describe('markdownTail', () => {
  it('keeps the last lines and reopens a fence cut in the middle', () => {
    const text = ['intro', '```py', 'a = 1', 'b = 2', 'c = 3', 'd = 4'].join('\n');
    expect(markdownTail(text, 3)).toEqual({ text: ['```py', 'b = 2', 'c = 3', 'd = 4'].join('\n'), hidden: 3 });
    expect(markdownTail('a\nb', 5)).toEqual({ text: 'a\nb', hidden: 0 });
  });
});

describe('prose wrapping', () => {
  it('a wrapped row does not start with the space that followed a full row', async () => {
    const { renderAt } = await import('./frames.ts');
    const frame = plain(renderAt(<Markdown text={'aaaa bbbb cccc dddd'} />, 9).lastFrame());
    expect(frame).toBe('aaaa bbbb\ncccc\ndddd'); // Ink alone gives 'aaaa bbbb\n cccc\ndddd'
  });
});
