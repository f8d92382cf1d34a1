// The pure pieces of Git LFS handling: which bytes are a pointer file, and the pointer text hew writes
// (byte for byte git-lfs's own, so an unchanged file stores as the very blob the user's HEAD has).
import { execFileSync, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { lfsObjectPath, parseLfsPointer } from '../../src/workcopy/lfs.ts';
import { lfsPointerText } from '../../src/workcopy/lfs-store.ts';
import { tempDir } from '../support/fixtures.ts';

const OID = 'a'.repeat(64);
const V = 'version https://git-lfs.github.com/spec/v1\n';

describe('parseLfsPointer', () => {
  it.each([
    { text: `${V}oid sha256:${OID}\nsize 12\n`, want: { oid: OID, size: 12 } },
    { text: `${V}ext-0-foo sha256:${'b'.repeat(64)}\noid sha256:${OID}\nsize 0\n`, want: { oid: OID, size: 0 } },
  ])('reads a pointer: $text', ({ text, want }) => {
    expect(parseLfsPointer(Buffer.from(text))).toEqual(want);
  });

  it.each([
    { why: 'plain content', text: 'alpha\nbravo\n' },
    { why: 'no final newline', text: `${V}oid sha256:${OID}\nsize 12` },
    { why: 'another version', text: `version https://example.com/spec/v9\noid sha256:${OID}\nsize 12\n` },
    { why: 'no size', text: `${V}oid sha256:${OID}\n` },
    { why: 'no oid', text: `${V}size 12\n` },
    { why: 'a short oid', text: `${V}oid sha256:abc\nsize 12\n` },
    { why: 'a path in the oid', text: `${V}oid sha256:../../${OID.slice(6)}\nsize 12\n` },
    { why: 'a negative size', text: `${V}oid sha256:${OID}\nsize -1\n` },
    { why: 'a stray line', text: `${V}oid sha256:${OID}\nsize 12\n\n` },
    { why: 'over 1024 bytes', text: `${V}oid sha256:${OID}\nsize 12\n${'x-pad y\n'.repeat(130)}` },
  ])('is not a pointer: $why', ({ text }) => {
    expect(parseLfsPointer(Buffer.from(text))).toBeNull();
  });
});

describe('lfsPointerText', () => {
  it('round-trips through parseLfsPointer', () => {
    expect(parseLfsPointer(Buffer.from(lfsPointerText(OID, 42)))).toEqual({ oid: OID, size: 42 });
  });

  it.skipIf(spawnSync('git', ['lfs', 'version']).status !== 0)("is git-lfs's own clean output", () => {
    const dir = tempDir('hew-lfs-pointer-');
    const content = 'some content\n';
    execFileSync('git', ['init', '-q'], { cwd: dir });
    const made = execFileSync('git', ['lfs', 'clean'], { cwd: dir, input: content, encoding: 'utf8' });
    const oid = /oid sha256:([0-9a-f]{64})/.exec(made)?.[1] ?? '';
    expect(lfsPointerText(oid, Buffer.byteLength(content))).toBe(made);
  });
});

describe('lfsObjectPath', () => {
  it('is git-lfs layout: objects/<oid[0:2]>/<oid[2:4]>/<oid>', () => {
    expect(lfsObjectPath('/r/.git', `12ab${'c'.repeat(60)}`)).toBe(`/r/.git/lfs/objects/12/ab/12ab${'c'.repeat(60)}`);
  });
});
