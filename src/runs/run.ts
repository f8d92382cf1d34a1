// One run's files: atomic `meta.json` updates, `events.jsonl` appended a whole line at a time (a killed
// writer leaves a readable log; a torn last line is skipped on read and never glued to the next event),
// `commands.log`, and the `work/` directory holding the copy. Everything written is redacted first.
import { randomBytes } from 'node:crypto';
import {
  appendFileSync,
  existsSync,
  closeSync,
  fstatSync,
  fsyncSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import type { StampedEvent } from '../agent/events.ts';
import { readMeta, type RunMeta } from './meta.ts';
import { isHewRecord, type HewRecord, type HewRecordBody } from './records.ts';
import { RUN_FILES } from './paths.ts';
import type { Redactor } from './redact.ts';

export class Run {
  readonly id: string;
  readonly dir: string;
  readonly workDir: string;
  readonly eventsPath: string;
  readonly commandsLogPath: string;
  private readonly metaPath: string;
  private readonly redactor: Redactor;
  private checkedTail = false;

  constructor(id: string, dir: string, redactor: Redactor) {
    this.id = id;
    this.dir = dir;
    this.workDir = path.join(dir, RUN_FILES.work);
    this.eventsPath = path.join(dir, RUN_FILES.events);
    this.commandsLogPath = path.join(dir, RUN_FILES.commandsLog);
    this.metaPath = path.join(dir, RUN_FILES.meta);
    this.redactor = redactor;
  }

  meta(): RunMeta {
    const meta = readMeta(this.dir);
    if (meta === null) throw new Error(`run ${this.id}: meta.json is missing or unreadable`);
    return meta;
  }

  /** Merges `patch` into meta.json (id and working_copy stay fixed); written atomically. */
  updateMeta(patch: Partial<RunMeta>): RunMeta {
    const next: RunMeta = { ...this.meta(), ...patch, id: this.id, working_copy: this.workDir };
    this.writeMeta(next);
    return next;
  }

  /**
   * Writes meta.json via a temporary file and rename: readers see the old or the new, never half, and
   * a killed process leaves a whole file. Only a finished run's meta is fsynced (against power loss):
   * the writes while a run starts are on the way to the first frame and the first request.
   */
  writeMeta(meta: RunMeta): void {
    const tmp = `${this.metaPath}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
    const fd = openSync(tmp, 'w', 0o600);
    try {
      writeSync(fd, `${JSON.stringify(this.redactor.value(meta), null, 2)}\n`);
      if (meta.status !== 'running') fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    try {
      renameSync(tmp, this.metaPath);
    } catch (err) {
      rmSync(tmp, { force: true });
      throw err;
    }
  }

  /**
   * Appends one event as one complete line. The write happens before this returns, so a process
   * killed afterwards leaves a readable log; the final `thread.completed` is also fsynced.
   */
  appendEvent(event: StampedEvent): void {
    this.appendLine(this.redactor.value(event), event.type === 'thread.completed');
  }

  /** Appends one of hew's internal records (`hew.*`, see records.ts), stamped with `ts`. */
  appendRecord(record: HewRecordBody): void {
    this.appendLine(this.redactor.value({ ...record, ts: new Date().toISOString() }), false);
  }

  private appendLine(value: unknown, sync: boolean): void {
    let line = `${JSON.stringify(value)}\n`;
    if (!this.checkedTail) {
      // A previous writer killed mid-line leaves a partial line; start ours on a fresh one.
      this.checkedTail = true;
      if (!endsWithNewlineOrEmpty(this.eventsPath)) line = `\n${line}`;
    }
    const fd = openSync(this.eventsPath, 'a', 0o600);
    try {
      writeSync(fd, line);
      if (sync) fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }

  /** Every complete SPEC event in order (hew's own records left out); a damaged line is skipped. */
  readEvents(): StampedEvent[] {
    return this.readLines().filter((e) => !isHewRecord(e)) as StampedEvent[];
  }

  /** hew's internal records (`hew.*`) in order; a damaged line is skipped. */
  readRecords(): HewRecord[] {
    return this.readLines().filter(isHewRecord);
  }

  /** Every complete line of events.jsonl that is an object with a `type`; a truncated or corrupt one is skipped. */
  readLines(): Array<{ type: string }> {
    let text: string;
    try {
      text = readFileSync(this.eventsPath, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    const lines: Array<{ type: string }> = [];
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      try {
        const parsed: unknown = JSON.parse(line);
        if (parsed !== null && typeof parsed === 'object' && typeof (parsed as { type?: unknown }).type === 'string') {
          lines.push(parsed as { type: string });
        }
      } catch {
        // skip the damaged line
      }
    }
    return lines;
  }

  /** Appends commands' full output to `commands.log` (redacted). */
  appendLog(text: string): void {
    appendFileSync(this.commandsLogPath, this.redactor.text(text), { mode: 0o600 });
  }

  /** Deletes the run's working copy; the transcript and meta stay. */
  /**
   * Removes the working copy: first renamed aside (atomic), so a kill midway never leaves a half-deleted
   * `work/` that looks like a copy; a leftover `work.discarding` from such a kill is removed here too.
   */
  discardWork(): void {
    const doomed = `${this.workDir}.discarding`;
    try {
      renameSync(this.workDir, doomed);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    rmSync(doomed, { recursive: true, force: true });
  }

  /** Whether a discard was cut short (its renamed-aside copy is still there). */
  discardLeftover(): boolean {
    return existsSync(`${this.workDir}.discarding`);
  }
}

function endsWithNewlineOrEmpty(file: string): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return true;
  }
  try {
    const size = fstatSync(fd).size;
    if (size === 0) return true;
    const buf = Buffer.alloc(1);
    readSync(fd, buf, 0, 1, size - 1);
    return buf[0] === 0x0a;
  } finally {
    closeSync(fd);
  }
}
