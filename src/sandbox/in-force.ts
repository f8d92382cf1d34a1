// What sandbox a run actually has, decided from the requested mode and the probe's answer before the
// run opens (SPEC §9: `thread.started.sandbox`), and whether a headless run may go ahead at all. Pure:
// the fronts pass the awaited probe; the tests pass tables.
//
// - danger-full-access: no sandbox, as asked (kind `none`). The probe is not needed.
// - otherwise, a working probe: its kind (bwrap, seatbelt) with the requested mode and network.
// - otherwise no usable sandbox: kind `none` with the requested mode kept and the probe's reason. The
//   interactive fronts go on and ask before every command; the headless ones stop (exit 6) before the
//   first model request — an unsandboxed run must be chosen (`-s danger-full-access`), not approved into.
import type { SandboxProbe } from './probe.ts';
import type { SandboxKind, SandboxMode } from '../protocol/sandbox.ts';

/** The sandbox in force, as thread.started carries it. */
export interface SandboxInForce {
  kind: SandboxKind;
  mode: SandboxMode;
  /** Whether commands reach the network by default (always, without a sandbox). */
  network: boolean;
  /** Set when kind is `none`: why nothing confines commands. */
  reason?: string;
}

export const FULL_ACCESS_REASON = 'danger-full-access was chosen: commands run on this machine without a sandbox';
export const NOT_PROBED_REASON = 'the sandbox was not probed';

/** `probe` null: not probed (only danger-full-access goes without). */
export function sandboxInForce(mode: SandboxMode, network: boolean, probe: SandboxProbe | null): SandboxInForce {
  if (mode === 'danger-full-access') return { kind: 'none', mode, network: true, reason: FULL_ACCESS_REASON };
  if (probe?.ok) return { kind: probe.kind, mode, network };
  return { kind: 'none', mode, network: true, reason: probe ? probe.reason : NOT_PROBED_REASON };
}

/** True when nothing confines commands although the user asked for a sandbox. */
export function lacksSandbox(s: SandboxInForce): boolean {
  return s.kind === 'none' && s.mode !== 'danger-full-access';
}

/**
 * The one line a headless front prints when it stops for want of a sandbox (exit 6): the reason and
 * the fixes, the probe's own first.
 */
export function noSandboxMessage(probe: SandboxProbe | null): string {
  const reason = probe && !probe.ok ? probe.reason : NOT_PROBED_REASON;
  const fix = probe && !probe.ok && probe.fix ? `${probe.fix}; ` : '';
  return (
    `no usable sandbox: ${reason}. Nothing was run. Fix: ${fix}` +
    'or, where this machine is itself a throwaway container or VM, run with `-s danger-full-access` to let commands run unconfined. ' +
    'See `hew doctor`.'
  );
}

/** For a header: the mode, or — when nothing confines commands although a sandbox was asked for — that every command asks. */
export function sandboxLabel(s: SandboxInForce): string {
  return lacksSandbox(s) ? `none: no usable sandbox (${s.mode} asked for), every command asks` : s.mode;
}
