// The lines that end a headless run (`hew exec`, `hew demo --headless`) and a TUI session (`hew`,
// `hew resume`, once the view is gone) on stderr: the run's id and, when it changed files, the exact
// commands that show and take its work. The change is in the run's working copy, not in the user's
// tree, so the user is told how to bring it over (unless the TUI's /apply already did).
import { plural } from '../format/plural.ts';

/** The exact commands that show and take a run's work (the next-step lines, a notify payload). */
export function reviewCommands(runId: string): { review: string; apply: string } {
  return { review: `hew diff ${runId}`, apply: `hew apply ${runId}` };
}

export interface NextStepsOptions {
  /** What `hew apply` writes into, for the wording ("your tree", "the sample"). Default "your tree". */
  target?: string;
  /** Add `hew resume ID` (the TUI, on leaving: the conversation can be continued). */
  resume?: boolean;
  /** The changes as they are now were applied already (the TUI's /apply): no diff/apply lines. */
  applied?: boolean;
}

/**
 * `run ID` plus `hew diff ID` / `hew apply ID` lines when `changed` > 0 (and `hew resume ID` when
 * asked); every line ends in "\n".
 */
export function nextStepLines(runId: string, changed: number, options: NextStepsOptions = {}): string {
  const resume = options.resume ? `  resume:  hew resume ${runId}\n` : '';
  if (changed === 0) return `run ${runId} · no files changed\n${resume}`;
  const files = `${plural(changed, 'file')} changed`;
  const commands = reviewCommands(runId);
  if (options.applied) return `run ${runId} · ${files}, applied to ${options.target ?? 'your tree'}\n${resume}`;
  return (
    `run ${runId} · ${files} in its working copy, not yet in ${options.target ?? 'your tree'}\n` +
    `  review:  ${commands.review}\n` +
    `  apply:   ${commands.apply}\n` +
    resume
  );
}
