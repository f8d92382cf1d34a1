// The sandbox in force, from the requested mode and the probe (a table), and the exit-6 message.
import { describe, expect, it } from 'vitest';
import { FULL_ACCESS_REASON, lacksSandbox, noSandboxMessage, NOT_PROBED_REASON, sandboxInForce } from '../../src/sandbox/in-force.ts';
import type { SandboxInForce } from '../../src/sandbox/in-force.ts';
import type { SandboxProbe } from '../../src/sandbox/probe.ts';
import type { SandboxMode } from '../../src/protocol/sandbox.ts';

const works: SandboxProbe = { ok: true, kind: 'bwrap', detail: 'works', path: '/usr/bin/bwrap' };
const missing: SandboxProbe = { ok: false, kind: 'bwrap', reason: 'bubblewrap (bwrap) is not installed', fix: 'install bubblewrap' };

describe('sandboxInForce', () => {
  it.each<[SandboxMode, boolean, SandboxProbe | null, SandboxInForce, boolean]>([
    ['workspace-write', false, works, { kind: 'bwrap', mode: 'workspace-write', network: false }, false],
    ['read-only', true, works, { kind: 'bwrap', mode: 'read-only', network: true }, false],
    ['workspace-write', false, missing, { kind: 'none', mode: 'workspace-write', network: true, reason: 'bubblewrap (bwrap) is not installed' }, true],
    ['read-only', false, null, { kind: 'none', mode: 'read-only', network: true, reason: NOT_PROBED_REASON }, true],
    ['danger-full-access', false, null, { kind: 'none', mode: 'danger-full-access', network: true, reason: FULL_ACCESS_REASON }, false],
    ['danger-full-access', false, missing, { kind: 'none', mode: 'danger-full-access', network: true, reason: FULL_ACCESS_REASON }, false],
  ])('%s, network %s', (mode, network, probe, expected, lacking) => {
    const s = sandboxInForce(mode, network, probe);
    expect(s).toEqual(expected);
    expect(lacksSandbox(s)).toBe(lacking);
  });

  it('the exit-6 message names the reason, the probe’s fix and danger-full-access, on one line', () => {
    const message = noSandboxMessage(missing);
    expect(message).toBe(
      'no usable sandbox: bubblewrap (bwrap) is not installed. Nothing was run. Fix: install bubblewrap; or, where this machine is itself a throwaway container or VM, run with `-s danger-full-access` to let commands run unconfined. See `hew doctor`.',
    );
    expect(message).not.toContain('\n');
  });
});
