// `hew report FILE.jsonl [FILE…]`: a Markdown summary of `hew batch --json` results (or `hew exec
// --json` streams) on stdout — e.g. `hew report results-*.jsonl >> $GITHUB_STEP_SUMMARY`.
import { describeReason, readBounded, UnreadableFileError } from '../fs/read-bounded.ts';
import { readResults, renderReport } from '../tasks/report.ts';
import type { ReportEntry } from '../tasks/report.ts';
import { EXIT } from '../protocol/exit-codes.ts';
import { forStdout } from './human-output.ts';
import { UsageError } from '../errors/usage-error.ts';

/** The largest results file read. */
const REPORT_INPUT_MAX_BYTES = 256 * 1024 * 1024;

export function reportCommand(files: string[]): number {
  if (files.length === 0) throw new UsageError('report: name at least one JSONL file of `hew batch --json` results');
  const entries: ReportEntry[] = [];
  for (const file of files) {
    let text: string;
    try {
      // Never a FIFO or a device (they could block or never end), and never past the cap.
      text = readBounded(file, { maxBytes: REPORT_INPUT_MAX_BYTES, overLimit: 'refuse' }).bytes.toString('utf8');
    } catch (err) {
      if (!(err instanceof UnreadableFileError)) throw err;
      throw new UsageError(`${file}: cannot read it: it ${describeReason(err.reason)}`);
    }
    const read = readResults(text, file);
    // An empty file is an empty result set (a shard with no tasks writes nothing); anything else must hold hew's lines.
    if (read.recognised === 0 && text.trim() !== '') {
      throw new UsageError(`${file}: not a results file: no line in it is a \`hew batch --json\` result or a \`hew exec --json\` event (JSON Lines, one object per line)`);
    }
    entries.push(...read.entries);
  }
  process.stdout.write(forStdout(renderReport(entries)));
  return EXIT.ok;
}
