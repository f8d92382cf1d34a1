// The <skills> block: exact bytes, the same twice, within the budget (descriptions cut to one length,
// then skills named only).
import { describe, expect, it } from 'vitest';
import { cut, LISTING_BUDGET_BYTES, renderSkillListing } from '../../src/skills/listing.ts';

const skill = (name: string, description: string, folder = `.agents/skills/${name}`) => ({ name, description, folder });

describe('renderSkillListing', () => {
  it('is empty without skills', () => {
    expect(renderSkillListing([]).text).toBe('');
  });

  it('lists name, description and folder by name, exactly', () => {
    const listing = renderSkillListing([skill('pdf', 'Extract text from PDFs.', '/home/ana/.agents/skills/pdf'), skill('lint-fix', 'Fix lint errors.')]);
    expect(listing.text).toBe(
      '<skills>\n' +
        'Skills are instructions for particular tasks. When a task matches one, call skill with its name first and follow it; its files are in the folder shown.\n' +
        '- lint-fix: Fix lint errors. (.agents/skills/lint-fix/)\n' +
        '- pdf: Extract text from PDFs. (/home/ana/.agents/skills/pdf/)\n' +
        '</skills>',
    );
    expect(listing.unlisted).toEqual([]);
  });

  it('cuts every description to one length at a word when the full lines do not fit, deterministically', () => {
    const words = Array.from({ length: 200 }, (_, i) => `word${i}`).join(' ').slice(0, 1024);
    const skills = Array.from({ length: 20 }, (_, i) => skill(`skill-${String(i).padStart(2, '0')}`, words));
    const a = renderSkillListing(skills);
    const b = renderSkillListing([...skills].reverse());
    expect(a.text).toBe(b.text);
    expect(Buffer.byteLength(a.text)).toBeLessThanOrEqual(LISTING_BUDGET_BYTES);
    expect(a.cutTo).toBeGreaterThanOrEqual(100);
    expect(a.unlisted).toEqual([]);
    const lines = a.text.split('\n').filter((l) => l.startsWith('- '));
    expect(lines).toHaveLength(20);
    for (const line of lines) expect(line).toMatch(/^- skill-\d\d: word0 .*\d… \(\.agents\/skills\/skill-\d\d\/\)$/);
    // The largest length that fits: one more character would not.
    expect(Buffer.byteLength(renderSkillListing(skills, Buffer.byteLength(a.text) - 1).text)).toBeLessThan(Buffer.byteLength(a.text));
  });

  it('stays within the budget even when the names alone do not fit (200 skills with 64-character names: a repository\'s 100 and a user\'s)', () => {
    const many = Array.from({ length: 200 }, (_, i) => skill(`${String(i).padStart(3, '0')}-${'x'.repeat(60)}`, 'd'.repeat(1024)));
    const a = renderSkillListing(many);
    expect(Buffer.byteLength(a.text)).toBeLessThanOrEqual(LISTING_BUDGET_BYTES);
    expect(a.text).toBe(renderSkillListing([...many].reverse()).text);
    expect(a.text).toMatch(/more not listed: .*… and \d+ more \(call skill with a name to read one\)\n<\/skills>$/);
  });

  it('names the last skills only when even the shortest descriptions do not fit', () => {
    const skills = Array.from({ length: 100 }, (_, i) => skill(`s${String(i).padStart(3, '0')}`, 'd '.repeat(300).trim()));
    const listing = renderSkillListing(skills);
    expect(Buffer.byteLength(listing.text)).toBeLessThanOrEqual(LISTING_BUDGET_BYTES);
    expect(listing.unlisted.length).toBeGreaterThan(0);
    expect(listing.unlisted.at(-1)).toBe('s099');
    expect(listing.text).toContain(`- … ${listing.unlisted.length} more not listed: ${listing.unlisted.join(', ')} (call skill with a name to read one)`);
  });

  it.each([
    ['short', 10, 'short'],
    ['one two three four', 10, 'one two…'],
    ['abcdefghijklmnop', 10, 'abcdefghi…'],
  ])('cut(%j, %i) is %j', (text, max, expected) => {
    expect(cut(text, max)).toBe(expected);
  });
});
