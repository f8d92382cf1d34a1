// The one place that picks the sandbox for a run (SPEC §5):
// - danger-full-access: no sandbox (kind 'none', mode 'danger-full-access').
// - otherwise bwrap (Linux) or sandbox-exec (macOS) when the probe says it works;
// - when it does not: kind 'none' with the requested mode kept, and a warning saying why and how to fix
//   it. The approval layer treats kind 'none' with any other mode than danger-full-access as "every
//   command needs approval", so nothing runs unconfined without the user saying so.
// `unsandboxed` always runs commands on the host, in the copy's host paths (for approved escalations).
import type { BwrapOptions } from './bwrap.ts';
import { createBwrapSandbox } from './bwrap.ts';
import { createNoneSandbox } from './none.ts';
import { probeSandbox, type SandboxProbe } from './probe.ts';
import { createSeatbeltSandbox } from './seatbelt.ts';
import type { Sandbox } from './types.ts';
import type { SandboxMode } from '../protocol/sandbox.ts';
import { findExecutable } from './which.ts';

/** What the bwrap sandbox takes, with any mode (danger-full-access picks no sandbox) and the platform. */
export interface SandboxSetup extends Omit<BwrapOptions, 'mode'> {
  mode: SandboxMode;
  /** Default process.platform. */
  platform?: NodeJS.Platform;
  /** The probe's answer when the caller already has it (the run's fronts do); else this probes. */
  probe?: SandboxProbe;
}

export interface SandboxChoice {
  sandbox: Sandbox;
  unsandboxed: Sandbox;
  probe: SandboxProbe;
  warning: string | null;
}

export async function selectSandbox(setup: SandboxSetup): Promise<SandboxChoice> {
  const env = setup.env ?? process.env;
  const envPolicy = setup.envPolicy;
  const unsandboxed = createNoneSandbox({ mode: 'danger-full-access', env, envPolicy });
  const probe = setup.probe ?? (await probeSandbox({ bwrapPath: setup.bwrapPath, platform: setup.platform }));
  if (setup.mode === 'danger-full-access') return { sandbox: unsandboxed, unsandboxed, probe, warning: null };

  const mode = setup.mode;
  if (probe.ok && probe.kind === 'bwrap') {
    const sandbox = createBwrapSandbox({
      mode,
      network: setup.network,
      copyRoot: setup.copyRoot,
      visibleRoot: setup.visibleRoot,
      dependencyMounts: setup.dependencyMounts,
      env,
      envPolicy,
      readOnlyPaths: setup.readOnlyPaths,
      ...(setup.skillMounts ? { skillMounts: setup.skillMounts } : {}),
      // The bwrap the probe saw work is the one that confines commands.
      bwrapPath: probe.path ?? findExecutable(setup.bwrapPath ?? 'bwrap') ?? undefined,
      ...(setup.limits ? { limits: setup.limits } : {}),
    });
    return { sandbox, unsandboxed, probe, warning: null };
  }
  if (probe.ok && probe.kind === 'seatbelt') {
    // Seatbelt cannot show a path elsewhere: a skill folder stays readable where it is, and by its link (untested, like the rest of the profile).
    const skillPaths = (setup.skillMounts ?? []).flatMap((m) => [m.source, m.target]);
    const sandbox = createSeatbeltSandbox({ mode, network: setup.network, copyRoot: setup.copyRoot, env, envPolicy, readOnlyPaths: [...(setup.readOnlyPaths ?? []), ...skillPaths] });
    return { sandbox, unsandboxed, probe, warning: null };
  }
  const reason = probe.ok ? 'no sandbox' : probe.reason;
  const fix = probe.ok ? '' : ` Fix: ${probe.fix}.`;
  const warning =
    `No usable OS sandbox: ${reason}. Every command will need your approval ` +
    `(or run with --sandbox danger-full-access to run them unconfined).${fix} Run \`hew doctor\` for details.`;
  return { sandbox: createNoneSandbox({ mode, env, envPolicy }), unsandboxed, probe, warning };
}
