// Reading a file without ever blocking and without reading without end. Guarantees:
//   - Only a regular file is read. Its type is checked before it is opened (so a device is never
//     even opened) and again with fstat on the opened descriptor (so a swap in between is caught).
//   - The open never waits: O_NONBLOCK (a FIFO with no writer does not block the open, and is then
//     refused by fstat) and O_NOCTTY (a terminal never becomes hew's controlling terminal).
//   - At most `maxBytes` bytes are read, whatever the file claims its size is (a /proc file says 0,
//     a growing file says less than it has): past the cap it is cut (`truncated`) or refused.
// A file that cannot be read this way is an UnreadableFileError whose `reason` says why, as data;
// its message is one line naming the file. This folder imports nothing from the rest of hew.
import { closeSync, constants, fstatSync, openSync, readSync, statSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { isNotFound } from './not-found.ts';

export type FileKind = 'regular file' | 'directory' | 'FIFO' | 'socket' | 'character device' | 'block device' | 'symbolic link' | 'special file';

export type UnreadableReason =
  | { code: 'missing' }
  | { code: 'not-a-file'; kind: FileKind }
  | { code: 'outside'; target: string; root: string }
  | { code: 'git-dir'; target: string }
  | { code: 'too-large'; limit: number }
  | { code: 'unreadable'; detail: string };

export class UnreadableFileError extends Error {
  readonly path: string;
  readonly reason: UnreadableReason;
  constructor(path: string, reason: UnreadableReason) {
    super(`${path}: ${describeReason(reason)}`);
    this.name = 'UnreadableFileError';
    this.path = path;
    this.reason = reason;
  }
}

/** Why a file was not read, as the end of a sentence about it ("… is a FIFO, not a regular file"). */
export function describeReason(reason: UnreadableReason): string {
  switch (reason.code) {
    case 'missing':
      return 'does not exist';
    case 'not-a-file':
      return `is a ${reason.kind}, not a regular file`;
    case 'outside':
      return `leads to ${reason.target}, outside ${reason.root}`;
    case 'git-dir':
      return `leads into the repository's git directory (${reason.target})`;
    case 'too-large':
      return `is larger than ${formatBytes(reason.limit)}`;
    case 'unreadable':
      return `cannot be read (${reason.detail})`;
  }
}

export interface ReadLimit {
  maxBytes: number;
  /** 'truncate': keep the first maxBytes bytes and say so; 'refuse': an UnreadableFileError. */
  overLimit: 'truncate' | 'refuse';
}

export interface BoundedRead {
  bytes: Buffer;
  /** The file's size as fstat gave it (at least what was read): what a note about a cut can quote. */
  size: number;
  /** More was there than maxBytes (only with overLimit 'truncate'). */
  truncated: boolean;
}

function kindOf(st: Stats): FileKind {
  if (st.isFile()) return 'regular file';
  if (st.isDirectory()) return 'directory';
  if (st.isFIFO()) return 'FIFO';
  if (st.isSocket()) return 'socket';
  if (st.isCharacterDevice()) return 'character device';
  if (st.isBlockDevice()) return 'block device';
  if (st.isSymbolicLink()) return 'symbolic link';
  return 'special file';
}

const OPEN_FLAGS = constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY;
const CHUNK = 64 * 1024;

export interface ReadBoundedOptions extends ReadLimit {
  /** Refuse a symbolic link as the last component (O_NOFOLLOW): for a path already resolved. */
  noFollow?: boolean;
}

/** The file's bytes, read as the guarantees above say; an UnreadableFileError otherwise. */
export function readBounded(path: string, opts: ReadBoundedOptions): BoundedRead {
  requireRegular(path, attempt(path, () => statSync(path)));
  let fd: number;
  try {
    fd = openSync(path, OPEN_FLAGS | (opts.noFollow ? constants.O_NOFOLLOW : 0));
  } catch (err) {
    throw fromErrno(path, err);
  }
  try {
    const st = attempt(path, () => fstatSync(fd));
    requireRegular(path, st);
    return collect(path, opts, st.size, (buf, offset, length) => readSync(fd, buf, offset, length, null));
  } finally {
    closeSync(fd);
  }
}

/** readBounded without holding up the event loop while a large file is read. */
export async function readBoundedAsync(path: string, opts: ReadBoundedOptions): Promise<BoundedRead> {
  requireRegular(path, await stat(path).catch((err: unknown) => Promise.reject(fromErrno(path, err))));
  let handle;
  try {
    handle = await open(path, OPEN_FLAGS | (opts.noFollow ? constants.O_NOFOLLOW : 0));
  } catch (err) {
    throw fromErrno(path, err);
  }
  try {
    const st = await handle.stat();
    requireRegular(path, st);
    const chunks = new Chunks(opts.maxBytes);
    for (let buf = chunks.next(); buf !== null; buf = chunks.next()) {
      const { bytesRead } = await handle.read(buf, 0, buf.length, null);
      if (bytesRead === 0) break;
      chunks.add(buf, bytesRead);
    }
    return finish(path, opts, st.size, chunks.bytes());
  } finally {
    await handle.close();
  }
}

function attempt<T>(path: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw fromErrno(path, err);
  }
}

function requireRegular(path: string, st: Stats): void {
  if (!st.isFile()) throw new UnreadableFileError(path, { code: 'not-a-file', kind: kindOf(st) });
}

/** The chunks read so far, asking for no more than one byte past the cap (to know whether there was more). */
class Chunks {
  private readonly parts: Buffer[] = [];
  private total = 0;
  private readonly cap: number;
  constructor(cap: number) {
    this.cap = cap;
  }

  /** A buffer for the next read, or null once the cap and one byte are in. */
  next(): Buffer | null {
    const want = Math.min(CHUNK, this.cap + 1 - this.total);
    return want > 0 ? Buffer.allocUnsafe(want) : null;
  }

  add(buf: Buffer, n: number): void {
    this.parts.push(buf.subarray(0, n));
    this.total += n;
  }

  bytes(): Buffer {
    return Buffer.concat(this.parts, this.total);
  }
}

/** Reads until end of file or one byte past the cap. */
function collect(path: string, opts: ReadLimit, size: number, read: (buf: Buffer, offset: number, length: number) => number): BoundedRead {
  const chunks = new Chunks(opts.maxBytes);
  for (let buf = chunks.next(); buf !== null; buf = chunks.next()) {
    let n: number;
    try {
      n = read(buf, 0, buf.length);
    } catch (err) {
      throw fromErrno(path, err);
    }
    if (n === 0) break;
    chunks.add(buf, n);
  }
  return finish(path, opts, size, chunks.bytes());
}

function finish(path: string, opts: ReadLimit, statSize: number, all: Buffer): BoundedRead {
  const size = Math.max(statSize, all.length);
  if (all.length <= opts.maxBytes) return { bytes: all, size, truncated: false };
  if (opts.overLimit === 'refuse') throw new UnreadableFileError(path, { code: 'too-large', limit: opts.maxBytes });
  return { bytes: all.subarray(0, opts.maxBytes), size, truncated: true };
}

function fromErrno(path: string, err: unknown): UnreadableFileError {
  if (err instanceof UnreadableFileError) return err;
  const code = (err as NodeJS.ErrnoException).code;
  if (isNotFound(err)) return new UnreadableFileError(path, { code: 'missing' });
  if (code === 'ELOOP') return new UnreadableFileError(path, { code: 'not-a-file', kind: 'symbolic link' });
  if (code === 'EISDIR') return new UnreadableFileError(path, { code: 'not-a-file', kind: 'directory' });
  return new UnreadableFileError(path, { code: 'unreadable', detail: code ?? (err as Error).message });
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024 && n % (1024 * 1024) === 0) return `${n / (1024 * 1024)} MiB`;
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024} KiB`;
  return `${n} bytes`;
}
