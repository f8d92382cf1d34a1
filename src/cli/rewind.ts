// `hew rewind RUN STEP`: restore a run's copy and conversation to an earlier step (thread/rewind.ts),
// say what was restored and how to go on. An unknown step is bad input (exit 2) listing the steps.
import { EXIT } from '../protocol/exit-codes.ts';
import { ResumeError } from '../thread/resume.ts';
import { rewindRun } from '../thread/rewind.ts';
import { changedFiles } from '../workcopy/changes.ts';
import { copyOf, openStore, requireFinished } from '../runs/lifecycle.ts';
import { resolveRun } from './run-ref.ts';
import { UsageError } from '../errors/usage-error.ts';

export async function rewindCommand(ref: string, stepText: string): Promise<number> {
  const store = openStore();
  const run = resolveRun(store, ref, undefined);
  requireFinished(run.meta(), 'rewind');
  const copy = copyOf(run);
  const step = /^\d+$/.test(stepText.trim()) ? Number(stepText.trim()) : Number.NaN;
  let result;
  try {
    result = await rewindRun(run, step);
  } catch (err) {
    if (err instanceof ResumeError) throw new UsageError(err.message.replace('"NaN"', JSON.stringify(stepText)));
    throw err;
  }
  const files = await changedFiles(copy).catch(() => []);
  const at = result.restored.step === 0 ? 'the start (the base snapshot)' : `step ${result.restored.step}`;
  const lines = [
    `rewound run ${run.id} to ${at}${result.restored.step !== step ? ` (steps after ${result.restored.step} up to ${step} changed no files)` : ''}`,
    `  files: ${files.length} changed since the base · commit ${result.restored.commit.slice(0, 12)}`,
    `  conversation: ${result.restored.items} items kept, ${result.droppedItems} dropped`,
    `continue with: hew resume ${run.id}   or   hew exec --resume ${run.id} "PROMPT"`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  return EXIT.ok;
}
