// A Sandbox whose implementation is chosen later: the run's tools are built before the working
// copy exists (the first model request does not wait for it); the real sandbox is set once the copy
// and the probe are ready. Tools never run before that (they wait on the session's `ready`).
import type { CommandResult, CommandSpec, Sandbox } from './types.ts';
import type { SandboxKind, SandboxMode } from '../protocol/sandbox.ts';

export class DeferredSandbox implements Sandbox {
  private inner: Sandbox | null = null;
  private readonly fallbackMode: SandboxMode;

  constructor(mode: SandboxMode) {
    this.fallbackMode = mode;
  }

  set(sandbox: Sandbox): void {
    this.inner = sandbox;
  }

  get kind(): SandboxKind {
    return this.inner?.kind ?? 'none';
  }

  get mode(): SandboxMode {
    return this.inner?.mode ?? this.fallbackMode;
  }

  get network(): boolean {
    return this.inner?.network ?? false;
  }

  run(cmd: CommandSpec, signal: AbortSignal): Promise<CommandResult> {
    if (!this.inner) return Promise.reject(new Error('the sandbox is not ready yet'));
    return this.inner.run(cmd, signal);
  }
}
