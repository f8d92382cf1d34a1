// `hew report FILE.jsonl [FILE…]`: a Markdown summary of `hew batch --json` results (or `hew exec
// --json` streams) on stdout — e.g. `hew report results-*.jsonl >> $GITHUB_STEP_SUMMARY`.
import { readFileSync } from 'node:fs';
import { parseResults, renderReport } from '../tasks/report.ts';
import type { ReportEntry } from '../tasks/report.ts';
import { EXIT } from '../thread/exit-codes.ts';
import { forStdout } from './human-output.ts';
import { UsageError } from './usage-error.ts';

export function reportCommand(files: string[]): number {
  if (files.length === 0) throw new UsageError('report: name at least one JSONL file of `hew batch --json` results');
  const entries: ReportEntry[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      throw new UsageError(`${file}: cannot read it: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
    entries.push(...parseResults(text, file));
  }
  process.stdout.write(forStdout(renderReport(entries)));
  return EXIT.ok;
}
