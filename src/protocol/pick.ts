// `hew pick`: one attempt of a finished best-of-N group as the picker screen shows it (src/ui/pick/),
// built from the attempt's meta.json and events.jsonl by src/cli/pick-group.ts. Types only.
import type { RunStatus } from './run-meta.ts';

export interface PickAttempt {
  runId: string;
  /** 1-based, in the order the attempts were started. */
  index: number;
  status: RunStatus;
  /** The task's check: passed, failed, or none (no check, or it did not run). */
  check: 'passed' | 'failed' | 'none';
  /** Lines added and removed in the attempt's copy, and files changed. */
  diff: { files: number; added: number; removed: number };
  costUsd?: number;
  /** hew's ranking chose it (meta.json `chosen`). */
  chosen: boolean;
  /** The attempt's final message as the model wrote it (hostile: the screen makes it safe), or null. */
  finalMessage: string | null;
  /** Its working copy is gone (discarded, or removed by --ephemeral): nothing to show or apply. */
  gone: boolean;
}
