// One run's files: atomic `meta.json` updates, `events.jsonl` appended a whole line at a time (a killed
// writer leaves a readable log; a torn last line is skipped on read and cut off before the next event
// is written), `commands.log`, and the `work/` directory holding the copy. Everything written is
// redacted first. A damaged meta.json or transcript is a DamagedRunError (damage.ts), never a crash.
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
  statSync,
  truncateSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import type { StampedEvent } from '../protocol/events.ts';
import { removeTree } from '../fs/remove-tree.ts';
import { DamagedRunError } from './damage.ts';
import { inspectMeta, type MetaReading } from './meta.ts';
import type { RunMeta } from '../protocol/run-meta.ts';
import { isHewRecord, recordDamage, type HewRecord, type HewRecordBody } from './records.ts';
import { RUN_FILES } from './paths.ts';
import type { Redactor } from '../secrets/redact.ts';

/** The most a run's commands.log grows to. */
const COMMANDS_LOG_MAX_BYTES = 64 * 1024 * 1024;

export class Run {
  readonly id: string;
  readonly dir: string;
  readonly workDir: string;
  readonly eventsPath: string;
  readonly commandsLogPath: string;
  private readonly metaPath: string;
  private readonly redactor: Redactor;
  private checkedTail = false;
  /** commands.log's size so far (read once, then counted). */
  private logBytes: number | undefined;

  constructor(id: string, dir: string, redactor: Redactor) {
    this.id = id;
    this.dir = dir;
    this.workDir = path.join(dir, RUN_FILES.work);
    this.eventsPath = path.join(dir, RUN_FILES.events);
    this.commandsLogPath = path.join(dir, RUN_FILES.commandsLog);
    this.metaPath = path.join(dir, RUN_FILES.meta);
    this.redactor = redactor;
  }

  /** meta.json; a DamagedRunError when it is missing or damaged. */
  meta(): RunMeta {
    const reading = this.inspectMeta();
    if (!reading.ok) throw new DamagedRunError(this.id, reading.damage);
    return reading.meta;
  }

  /** meta.json, or what is wrong with it. */
  inspectMeta(): MetaReading {
    return inspectMeta(this.dir);
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
      // A previous writer killed mid-line leaves a partial line: cut it off (it was dropped, with a note,
      // when the run was resumed), or, when it is whole and only its newline is missing, end it.
      this.checkedTail = true;
      if (!endsWithNewlineOrEmpty(this.eventsPath) && !cutTornTail(this.eventsPath)) line = `\n${line}`;
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
    return readEventLines(this.eventsPath);
  }

  /**
   * The whole transcript, checked, for continuing the run (resume, rewind): every line must be an
   * event or a well-formed record. Only a torn last line — what a crash mid-write leaves — is allowed,
   * and dropped (`tornTail`); damage anywhere else, or a missing file, is a DamagedRunError.
   */
  readTranscript(): { lines: Array<{ type: string }>; tornTail: boolean } {
    let text: string;
    try {
      text = readFileSync(this.eventsPath, 'utf8');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new DamagedRunError(this.id, code === 'ENOENT' ? 'events.jsonl is missing' : `events.jsonl cannot be read (${code ?? ''})`, 'it cannot be continued');
    }
    const raw = text.split('\n');
    const last = raw.length - 1; // the text after the last newline: '' when the file ends whole
    const lines: Array<{ type: string }> = [];
    let tornTail = false;
    for (const [i, line] of raw.entries()) {
      if (line.trim() === '') continue;
      const problem = lineDamage(line);
      if (problem === null) {
        lines.push(JSON.parse(line) as { type: string });
        continue;
      }
      if (i === last && problem === 'is not valid JSON') {
        tornTail = true;
        continue;
      }
      throw new DamagedRunError(this.id, `events.jsonl line ${i + 1} of ${raw.length - (raw[last] === '' ? 1 : 0)} ${problem}`, 'its conversation cannot be rebuilt, so it cannot be continued');
    }
    return { lines, tornTail };
  }

  /**
   * Appends commands' output to `commands.log` (redacted), up to COMMANDS_LOG_MAX_BYTES for the whole
   * run; past that, one note says so and the rest is not logged (each command's output is already cut
   * to its head and tail by the process runner).
   */
  appendLog(text: string): void {
    if (this.logBytes === undefined) {
      try {
        this.logBytes = statSync(this.commandsLogPath).size;
      } catch {
        this.logBytes = 0;
      }
    }
    if (this.logBytes >= COMMANDS_LOG_MAX_BYTES) return;
    let out = Buffer.from(this.redactor.text(text), 'utf8');
    const room = COMMANDS_LOG_MAX_BYTES - this.logBytes;
    if (out.length > room) {
      const note = `\n[hew: commands.log reached its cap of ${COMMANDS_LOG_MAX_BYTES / (1024 * 1024)} MiB; later output is not logged]\n`;
      out = Buffer.concat([out.subarray(0, Math.max(0, room - Buffer.byteLength(note))), Buffer.from(note)]);
      this.logBytes = COMMANDS_LOG_MAX_BYTES;
    } else {
      this.logBytes += out.length;
    }
    appendFileSync(this.commandsLogPath, out, { mode: 0o600 });
  }

  /**
   * Deletes the run's working copy (the transcript and meta stay). Removes the working copy: first renamed aside (atomic), so a kill midway never leaves a half-deleted
   * `work/` that looks like a copy; a leftover `work.discarding` from such a kill is removed here too.
   */
  discardWork(): void {
    const doomed = `${this.workDir}.discarding`;
    try {
      renameSync(this.workDir, doomed);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    removeTree(doomed);
  }

  /** Whether a discard was cut short (its renamed-aside copy is still there). */
  discardLeftover(): boolean {
    return existsSync(`${this.workDir}.discarding`);
  }

  /** Deletes the whole run directory (a damaged run's discard). Links inside are removed, never followed. */
  removeAll(): void {
    removeTree(this.dir);
  }
}

/** What is wrong with one transcript line, or null when it is an event or a well-formed record. */
function lineDamage(line: string): string | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return 'is not valid JSON';
  }
  if (parsed === null || typeof parsed !== 'object' || typeof (parsed as { type?: unknown }).type !== 'string') return 'is not an event';
  const value = parsed as { type: string };
  if (!isHewRecord(value)) return null;
  const wrong = recordDamage(value);
  return wrong === null ? null : `is a ${value.type} record ${wrong}`;
}

/**
 * A file whose last line has no newline: when that line is not JSON (torn by a crash), truncates the
 * file to its last newline and returns true; false when the line is whole (it only lacks its newline).
 */
function cutTornTail(file: string): boolean {
  const buf = readFileSync(file);
  const cut = buf.lastIndexOf(0x0a) + 1;
  try {
    JSON.parse(buf.subarray(cut).toString('utf8'));
    return false;
  } catch {
    truncateSync(file, cut);
    return true;
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

/** Every complete line of an events.jsonl that is an object with a `type` ([] when the file is missing); a truncated or corrupt line is skipped. */
export function readEventLines(eventsPath: string): Array<{ type: string }> {
  let text: string;
  try {
    text = readFileSync(eventsPath, 'utf8');
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
