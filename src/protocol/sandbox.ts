// What confines a run's commands, as the protocol names it. Types only.

export type SandboxKind = 'bwrap' | 'seatbelt' | 'none';

export type SandboxMode = 'read-only' | 'workspace-write' | 'danger-full-access';

/** `thread.started.sandbox`: what confines the run's commands; `reason` when nothing does. */
export interface ThreadSandbox {
  kind: SandboxKind;
  mode: SandboxMode;
  network: boolean;
  reason?: string;
}

