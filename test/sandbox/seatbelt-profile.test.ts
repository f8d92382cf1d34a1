// The macOS profile text (sandbox-exec itself cannot run here: no macOS in CI).
import { describe, expect, it } from 'vitest';
import { sbplString, seatbeltProfile, type SeatbeltProfileInput } from '../../src/sandbox/seatbelt-profile.ts';

const input: SeatbeltProfileInput = {
  mode: 'workspace-write',
  network: false,
  copyRoot: '/Users/ann/.local/state/hew/runs/r1/work',
  tmpDir: '/private/var/folders/xy/T/hew-sandbox-1',
  home: '/Users/ann',
  readablePaths: ['/Users/ann/.nvm'],
};

/** Index of the first line containing `s` (-1 when absent). */
const at = (profile: string, s: string): number => profile.split('\n').findIndex((l) => l.includes(s));

describe('seatbeltProfile', () => {
  it('denies by default, hides HOME but for the copy, tmp and toolchains, and writes only the copy and tmp', () => {
    const p = seatbeltProfile(input);
    expect(p.startsWith('(version 1)\n(deny default)\n')).toBe(true);
    const deny = at(p, '(deny file-read* (subpath "/Users/ann"))');
    const allowAll = at(p, '(allow file-read*)');
    const reallow = at(p, '(allow file-read* (subpath "/Users/ann/.local/state/hew/runs/r1/work")');
    expect(allowAll).toBeGreaterThan(-1);
    expect(deny).toBeGreaterThan(allowAll); // later rules win in SBPL
    expect(reallow).toBeGreaterThan(deny);
    expect(p).toContain('(subpath "/Users/ann/.nvm")');
    expect(p).toContain('(allow file-write* (subpath "/Users/ann/.local/state/hew/runs/r1/work") (subpath "/private/var/folders/xy/T/hew-sandbox-1")');
    expect(p).toContain('(allow signal (target same-sandbox))');
    expect(p).not.toContain('(allow network*)');
    expect(p).toContain('(allow network-outbound (remote ip "localhost:*"))');
  });

  it('read-only mode writes only the private tmp; network mode allows the network', () => {
    const ro = seatbeltProfile({ ...input, mode: 'read-only' });
    const writeLine = ro.split('\n').find((l) => l.startsWith('(allow file-write*')) ?? '';
    expect(writeLine).not.toContain('/runs/r1/work');
    expect(writeLine).toContain('hew-sandbox-1');
    const net = seatbeltProfile({ ...input, network: true });
    expect(net).toContain('(allow network*)');
    expect(net).toContain('com.apple.dnssd.service');
  });

  it('quotes paths safely', () => {
    expect(sbplString('/a "b"\\c')).toBe('"/a \\"b\\"\\\\c"');
    const p = seatbeltProfile({ ...input, copyRoot: '/Users/ann/we"ird' });
    expect(p).toContain('(subpath "/Users/ann/we\\"ird")');
  });
});
