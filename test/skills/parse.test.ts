// SKILL.md parsing as a table: every warning text, and the front matter real skills carry accepted.
import { describe, expect, it } from 'vitest';
import { parseSkill } from '../../src/skills/parse.ts';

const ok = (fm: string, body = 'Do it.'): string => `---\n${fm}\n---\n${body}\n`;
const long = 'x'.repeat(1400);

describe('parseSkill', () => {
  it.each([
    ['no front matter', 'Just text.\n', 'pdf', 'it has no front matter (it must start with a line "---")'],
    ['not closed', '---\nname: pdf\n', 'pdf', 'its front matter is not closed (no line "---" after the first)'],
    ['not YAML', ok('name: pdf\ndescription: [unclosed'), 'pdf', /^its front matter is not valid YAML \(line 3: .+\)$/],
    ['a list, not a mapping', ok('- a\n- b'), 'pdf', 'its front matter is not a mapping of keys to values'],
    ['no name', ok('description: d'), 'pdf', '`name` is missing'],
    ['a bad name', ok('name: Pdf_Tools\ndescription: d'), 'Pdf_Tools', '`name` "Pdf_Tools" is not a skill name (1–64 lowercase letters, digits and single hyphens, not starting or ending with a hyphen)'],
    ['a double hyphen', ok('name: pdf--x\ndescription: d'), 'pdf--x', /^`name` "pdf--x" is not a skill name/],
    ['a leading hyphen', ok('name: -pdf\ndescription: d'), '-pdf', /^`name` "-pdf" is not a skill name/],
    ['65 characters', ok(`name: ${'a'.repeat(65)}\ndescription: d`), 'a'.repeat(65), /is not a skill name/],
    ['a number as name', ok('name: 42\ndescription: d'), '42', '`name` 42 is not a skill name (1–64 lowercase letters, digits and single hyphens, not starting or ending with a hyphen)'],
    ['another folder', ok('name: pdf\ndescription: d'), 'pdf-tools', '`name` "pdf" does not match its folder "pdf-tools"'],
    ['no description', ok('name: pdf'), 'pdf', '`description` is missing or empty'],
    ['a blank description', ok('name: pdf\ndescription: "  "'), 'pdf', '`description` is missing or empty'],
    ['a long description', ok(`name: pdf\ndescription: ${long}`), 'pdf', '`description` is 1400 characters; the limit is 1024'],
  ])('skips %s', async (_what, text, folder, problem) => {
    const parsed = await parseSkill(text, folder);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    if (typeof problem === 'string') expect(parsed.problem).toBe(problem);
    else expect(parsed.problem).toMatch(problem);
  });

  it.each([
    ['plain', ok('name: pdf\ndescription: Extract text.'), 'Extract text.'],
    ['a BOM and CRLF', '\uFEFF---\r\nname: pdf\r\ndescription: Extract text.\r\n---\r\nDo it.\r\n', 'Extract text.'],
    ['other keys of real skills', ok('name: pdf\ndescription: Extract text.\nlicense: MIT\nmetadata: {version: 1.0}\nallowed-tools: Read, Grep\ncompatibility: needs poppler'), 'Extract text.'],
    ['a folded description', ok('name: pdf\ndescription: >\n  Extract text\n  from PDFs.\n\n  Use when asked.'), 'Extract text from PDFs. Use when asked.'],
    ['1024 characters exactly', ok(`name: pdf\ndescription: ${'y'.repeat(1024)}`), 'y'.repeat(1024)],
    // The listing has one line per skill: a repository's control characters (escapes, NEL, NUL, bidi
    // overrides) never reach the first request as such.
    ['control characters on one line', ok('name: pdf\ndescription: "Extract\\e[31m text\\Nfrom\\0 PDFs\\u202e.\\x7f"'), 'Extract [31m text from PDFs.'],
    ['invisible tag characters and a zero-width space', ok('name: pdf\ndescription: "PDFs\\u200b.\\U000E0049\\U000E0067"'), 'PDFs.'],
  ])('accepts %s', async (_what, text, description) => {
    const parsed = await parseSkill(text, 'pdf');
    expect(parsed).toEqual({ ok: true, skill: { name: 'pdf', description, body: expect.stringContaining('Do it.') } });
  });

  it('keeps the body after the front matter, trimmed', async () => {
    const parsed = await parseSkill('---\nname: pdf\ndescription: d\n---\n\n# PDF\n\nStep one.\n\n', 'pdf');
    expect(parsed.ok && parsed.skill.body).toBe('# PDF\n\nStep one.');
  });
});
