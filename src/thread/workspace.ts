// The run's workspace: its working copy and the sandbox around it. Made while the first model
// request is in flight; tools wait for it.
import type { SandboxKind, SandboxMode } from '../protocol/sandbox.ts';
import type { Sandbox } from '../sandbox/types.ts';
import { prepareDependencies } from '../sandbox/deps-mounts.ts';
import type { SandboxProbe } from '../sandbox/probe.ts';
import { selectSandbox } from '../sandbox/select.ts';
import type { EnvPolicy } from '../secrets/env-policy.ts';
import type { SandboxLimits } from '../sandbox/limits.ts';
import type { ReadOnlyMount } from '../sandbox/bwrap-layout.ts';
import { createWorkingCopy } from '../workcopy/create.ts';
import type { WorkingCopy } from '../workcopy/create.ts';
import type { RepoLookup } from '../workcopy/repo-location.ts';

export interface WorkspaceRequest {
  /** The user's repository top (or plain directory). */
  top: string;
  /** Where the copy goes (RUN/work). */
  workDir: string;
  mode: SandboxMode;
  network: boolean;
  env?: NodeJS.ProcessEnv;
  /** Which variables commands get (the run's policy; default: the built-in secret rules). */
  envPolicy?: EnvPolicy;
  /** git's answer for `top`, asked before the run opened (the copy asks again without it). */
  lookup?: RepoLookup;
  /** hew's own folders (state, config, cache): never copied (hew-dirs.ts). */
  ownDirs?: readonly string[];
  /** A copy that already exists (a resumed run): used as it is, nothing is copied. */
  existing?: WorkingCopy;
  /** Process and memory limits inside the sandbox (bwrap only). */
  limits?: SandboxLimits;
  /** The probe's answer, awaited before the run opened (null: not probed, danger-full-access). */
  probe: SandboxProbe | null;
  /** The user's skill folders, shown read-only at their listed paths inside the sandbox. */
  skillMounts?: readonly ReadOnlyMount[];
  /** Bind the user's dependency directories into the copy (default true; false when a setup command provides them). */
  dependencyMounts?: boolean;
}

export interface Workspace {
  copy: WorkingCopy;
  sandbox: Sandbox;
  unsandboxed: Sandbox;
  /** Where the model sees the copy: the user's path under bwrap, else the copy's own path. */
  visibleRoot: string;
  /** Set when no usable sandbox was found: why, and how to fix it. */
  warning: string | null;
  /** Dependency directories that could not be copied for the run, one line each (warnings). */
  dependencyNotes: string[];
}

/**
 * Where the copy will appear to the model, decided before the copy exists (the system prompt names
 * it): the repository's own path when bubblewrap mounts the copy there, else the copy's path.
 */
export function expectedVisibleRoot(req: Pick<WorkspaceRequest, 'top' | 'workDir'> & { kind: SandboxKind }): string {
  return req.kind === 'bwrap' ? req.top : req.workDir;
}

export async function prepareWorkspace(req: WorkspaceRequest): Promise<Workspace> {
  const copy = req.existing ?? (await createWorkingCopy(req.top, req.workDir, { ...(req.lookup ? { lookup: req.lookup } : {}), ownDirs: req.ownDirs ?? [] }));
  // bubblewrap shows the copy at the repository's path and can bind the read-only dependency directories.
  const mountable = req.mode !== 'danger-full-access' && process.platform === 'linux';
  const visible = mountable ? req.top : req.workDir;
  // In read-only mode the whole copy is read-only, so a private copy would be paid for and never written.
  const privateCopy = req.mode === 'read-only' ? [] : undefined;
  // With a setup command the setup provides the dependencies: the user's are neither bound in nor copied.
  const deps =
    req.dependencyMounts === false
      ? { mounts: [], copies: [], notes: [] }
      : await prepareDependencies(copy.source, visible, { copyRoot: copy.root, kind: copy.kind, mountable, ...(privateCopy ? { privateCopy } : {}) });
  const choice = await selectSandbox({
    mode: req.mode,
    network: req.network,
    copyRoot: copy.root,
    visibleRoot: visible,
    dependencyMounts: deps.mounts,
    env: req.env,
    envPolicy: req.envPolicy,
    ...(req.probe ? { probe: req.probe } : {}),
    ...(req.limits ? { limits: req.limits } : {}),
    ...(req.skillMounts ? { skillMounts: req.skillMounts } : {}),
  });
  return {
    copy,
    sandbox: choice.sandbox,
    unsandboxed: choice.unsandboxed,
    visibleRoot: choice.sandbox.kind === 'bwrap' ? visible : copy.root,
    warning: choice.warning,
    dependencyNotes: deps.notes,
  };
}
