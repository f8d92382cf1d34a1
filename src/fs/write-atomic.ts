// Writing a file whole or not at all, in a directory others may have planted things in (the watch
// inbox is in the repository): the bytes go to a new hidden temporary file beside the target, created
// with O_EXCL|O_NOFOLLOW (so never through a planted link, never into a planted FIFO), then renamed
// over the target. rename replaces whatever name is there (a link or a FIFO included) and never
// follows it, so a link planted at the target is replaced, not written through.
import { closeSync, constants, openSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';

const CREATE_FLAGS = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW | constants.O_NONBLOCK;

export function writeFileAtomic(path: string, data: string | Buffer, mode = 0o644): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const fd = openSync(tmp, CREATE_FLAGS, mode);
    try {
      writeFileSync(fd, data);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}
