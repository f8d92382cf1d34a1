// The lines that end a headless run (`hew exec`, `hew demo --headless`) on stderr: the run's id and,
// when it changed files, the exact commands that show and take its work. The change is in the run's
// working copy, not in the user's tree, so the user is told how to bring it over.

export interface NextStepsOptions {
  /** What `hew apply` writes into, for the wording ("your tree", "the sample"). Default "your tree". */
  target?: string;
}

/** `run ID` plus `hew diff ID` / `hew apply ID` lines when `changed` > 0; every line ends in "\n". */
export function nextStepLines(runId: string, changed: number, options: NextStepsOptions = {}): string {
  if (changed === 0) return `run ${runId} · no files changed\n`;
  const files = `${changed} file${changed === 1 ? '' : 's'} changed`;
  return (
    `run ${runId} · ${files} in its working copy, not yet in ${options.target ?? 'your tree'}\n` +
    `  review:  hew diff ${runId}\n` +
    `  apply:   hew apply ${runId}\n`
  );
}
