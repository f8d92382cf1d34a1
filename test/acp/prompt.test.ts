import { describe, expect, it } from 'vitest';
import type * as acp from '@agentclientprotocol/sdk';
import { RequestError } from '@agentclientprotocol/sdk';
import { EMBEDDED_MAX_BYTES, promptText } from '../../src/acp/prompt.ts';
import { acpSchemaErrors } from '../support/acp-schema.ts';

const REPO = '/home/me/proj';
const text = (t: string): acp.ContentBlock => ({ type: 'text', text: t });
const link = (uri: string): acp.ContentBlock => ({ type: 'resource_link', uri, name: uri.split('/').pop() ?? uri });

describe('promptText', () => {
  const rows: { what: string; blocks: acp.ContentBlock[]; want: string }[] = [
    { what: 'one text block', blocks: [text('fix the failing test')], want: 'fix the failing test' },
    { what: 'text blocks joined as they are', blocks: [text('fix '), text('it')], want: 'fix it' },
    { what: 'a file link in the repository → @path', blocks: [text('look at'), link('file:///home/me/proj/src/a.ts'), text('please')], want: 'look at @src/a.ts please' },
    { what: 'a link with spaces kept around it', blocks: [text('see '), link('file:///home/me/proj/src/a.ts'), text(' now')], want: 'see @src/a.ts now' },
    { what: 'a percent-encoded file link', blocks: [link('file:///home/me/proj/my%20dir/b.ts')], want: '@my dir/b.ts' },
    { what: "an editor's link with a path parameter", blocks: [link('zed://file?path=/home/me/proj/c.ts')], want: '@c.ts' },
    { what: 'a control character in the name is quoted as the TUI shows it', blocks: [link('file:///home/me/proj/a%0Ab.ts')], want: '@"a\\nb.ts"' },
    { what: 'a file outside the repository stays a URI', blocks: [link('file:///etc/passwd')], want: 'file:///etc/passwd' },
    { what: 'a sibling folder with the same prefix is outside', blocks: [link('file:///home/me/project2/x.ts')], want: 'file:///home/me/project2/x.ts' },
    { what: 'dot-dot out of the repository stays a URI', blocks: [link('file:///home/me/proj/../other/x.ts')], want: 'file:///home/me/proj/../other/x.ts' },
    { what: 'the repository itself stays a URI', blocks: [link('file:///home/me/proj')], want: 'file:///home/me/proj' },
    { what: 'a web link stays a URI', blocks: [text('read'), link('https://example.com/doc')], want: 'read https://example.com/doc' },
    {
      what: 'an embedded text file is appended as a <file> block',
      blocks: [text('explain'), { type: 'resource', resource: { uri: 'file:///home/me/proj/src/a.ts', text: 'export const a = 1;\n', mimeType: 'text/x-typescript' } }],
      want: 'explain\n\n<file path="src/a.ts">\nexport const a = 1;\n</file>',
    },
    {
      what: 'an embedded resource outside the repository is named by its URI',
      blocks: [{ type: 'resource', resource: { uri: 'untitled:Untitled-1', text: 'x' } }],
      want: '<file path="untitled:Untitled-1">\nx\n</file>',
    },
    { what: 'nothing', blocks: [], want: '' },
  ];
  it.each(rows)('$what', ({ blocks, want }) => {
    for (const b of blocks) expect(acpSchemaErrors('ContentBlock', b)).toEqual([]);
    expect(promptText(blocks, REPO)).toBe(want);
  });

  it('caps embedded text at 256 KiB in all and says what was left out', () => {
    const big = 'x'.repeat(EMBEDDED_MAX_BYTES - 10);
    const out = promptText(
      [
        { type: 'resource', resource: { uri: 'file:///home/me/proj/a.txt', text: big } },
        { type: 'resource', resource: { uri: 'file:///home/me/proj/b.txt', text: 'é'.repeat(100) } },
      ],
      REPO,
    );
    expect(out).toContain(big);
    expect(out).toMatch(/<file path="b.txt">\né{5}\n<\/file>\n\(cut: 190 more bytes left out; read the file for the rest\)$/);
  });

  const refused: { what: string; block: acp.ContentBlock }[] = [
    { what: 'an image', block: { type: 'image', data: 'iVBORw0KGgo=', mimeType: 'image/png' } },
    { what: 'audio', block: { type: 'audio', data: 'AAAA', mimeType: 'audio/wav' } },
    { what: 'a binary resource', block: { type: 'resource', resource: { uri: 'file:///home/me/proj/a.bin', blob: 'AAAA' } } },
  ];
  it.each(refused)('refuses $what with -32602', ({ block }) => {
    let error: unknown;
    try {
      promptText([text('look'), block], REPO);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(RequestError);
    expect((error as RequestError).code).toBe(-32602);
    expect((error as RequestError).message).toMatch(/^Invalid params: hew takes text, links to files and embedded text files, not /);
  });
});
