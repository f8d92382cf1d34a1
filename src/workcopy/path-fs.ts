// The file-system calls on repository paths, taking and giving lossless path strings (path-bytes.ts):
// a path holding an undecodable byte reaches the kernel as its exact bytes, and names read back
// (readdir, readlink, realpath) are decoded losslessly, never as UTF-8 with U+FFFD. Same names and
// arguments as node:fs/promises; everything in workcopy/ that touches a path from git or from the
// user's tree imports these instead.
import type { BigIntStats, Dirent, MakeDirectoryOptions, Mode, RmOptions, Stats, StatOptions } from 'node:fs';
import * as fs from 'node:fs/promises';
import { decodePath, fsPath } from './path-bytes.ts';

export function lstat(p: string): Promise<Stats>;
export function lstat(p: string, opts: StatOptions & { bigint: true }): Promise<BigIntStats>;
export function lstat(p: string, opts?: StatOptions): Promise<unknown> {
  return fs.lstat(fsPath(p), opts);
}

export function readFile(p: string): Promise<Buffer> {
  return fs.readFile(fsPath(p));
}

export function writeFile(p: string, data: string | Uint8Array, opts?: Parameters<typeof fs.writeFile>[2]): Promise<void> {
  return fs.writeFile(fsPath(p), data, opts);
}

export async function readlink(p: string): Promise<string> {
  return decodePath(await fs.readlink(fsPath(p), { encoding: 'buffer' }));
}

export async function realpath(p: string): Promise<string> {
  return decodePath(await fs.realpath(fsPath(p), { encoding: 'buffer' }));
}

export function symlink(target: string, p: string): Promise<void> {
  return fs.symlink(fsPath(target), fsPath(p));
}

export function rename(from: string, to: string): Promise<void> {
  return fs.rename(fsPath(from), fsPath(to));
}

export function rm(p: string, opts?: RmOptions): Promise<void> {
  return fs.rm(fsPath(p), opts);
}

export function rmdir(p: string): Promise<void> {
  return fs.rmdir(fsPath(p));
}

export async function mkdir(p: string, opts?: MakeDirectoryOptions): Promise<void> {
  await fs.mkdir(fsPath(p), opts);
}

export function chmod(p: string, mode: Mode): Promise<void> {
  return fs.chmod(fsPath(p), mode);
}

export function copyFile(from: string, to: string, mode?: number): Promise<void> {
  return fs.copyFile(fsPath(from), fsPath(to), mode);
}

export function open(p: string, flags?: string | number): ReturnType<typeof fs.open> {
  return fs.open(fsPath(p), flags);
}

/** A directory's entries, names decoded losslessly. */
export async function readdirEntries(dir: string): Promise<Dirent[]> {
  const entries = await fs.readdir(fsPath(dir), { withFileTypes: true, encoding: 'buffer' });
  return entries.map((e) => Object.assign(e, { name: decodePath(e.name) }) as unknown as Dirent);
}
