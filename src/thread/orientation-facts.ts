// What a run tells orientation about its environment (src/agent/orientation-deps.ts): where the
// project's dependencies will be seen, whether commands have the network, how a program is found on
// the sandbox's PATH (the run's own PATH: the sandbox keeps it and re-exposes the toolchains on it),
// and the setup command's outcome. Stat calls only: orientation is built before the first request.
import type { EnvironmentFacts } from '../agent/orientation-deps.ts';
import type { SandboxMode } from '../protocol/sandbox.ts';
import { findExecutable } from '../sandbox/which.ts';
import { setupNote } from './setup-step.ts';
import type { SetupOutcome } from './setup-step.ts';

export interface FactsInput {
  /** The user's checkout, whose dependency directories the sandbox binds into the copy. */
  top: string;
  /** The copy (RUN/work): where a setup command installs, and all there is under danger-full-access. */
  workDir: string;
  mode: SandboxMode;
  network: boolean;
  setup: SetupOutcome | null;
  pathVar?: string | undefined;
}

export function orientationFacts(input: FactsInput): { environment: EnvironmentFacts; setupNote?: string } {
  // Without a setup, the sandbox binds the checkout's dependencies (not under danger-full-access,
  // which runs in the copy as it is); with one, the copy holds what the setup installed.
  const ownDeps = input.setup !== null || input.mode === 'danger-full-access';
  const pathVar = input.pathVar ?? process.env.PATH;
  const seen = new Map<string, boolean>();
  const onPath = (name: string): boolean => {
    let hit = seen.get(name);
    if (hit === undefined) {
      hit = findExecutable(name, pathVar) !== null;
      seen.set(name, hit);
    }
    return hit;
  };
  return {
    environment: { dependencyRoots: [ownDeps ? input.workDir : input.top], network: input.network, onPath },
    ...(input.setup ? { setupNote: setupNote(input.setup) } : {}),
  };
}
