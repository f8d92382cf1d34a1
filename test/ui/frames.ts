// Helpers for reading Ink frames in tests: strip ANSI, wait for a frame to show something, and
// render into a fake terminal of a chosen width.
import { EventEmitter } from 'node:events';
import { render as inkRender } from 'ink';
import type { Instance } from 'ink';
import type { ReactElement } from 'react';
import { stripAnsi } from '../../src/format/ansi.ts';

/** A frame as read: the one stripper of src/format/ansi.ts. */
export function plain(frame: string | undefined): string {
  return stripAnsi(frame ?? '');
}

export const tick = (ms = 0): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Waits (up to `timeoutMs`) until `check` stops throwing; rethrows its last error. */
export async function waitFor(check: () => void, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      check();
      return;
    } catch (err) {
      if (Date.now() > until) throw err;
      await tick(10);
    }
  }
}

/** A fake TTY stdout of a given width that keeps every frame written. */
export class WidthStdout extends EventEmitter {
  readonly frames: string[] = [];
  isTTY = true;
  rows = 40;
  readonly columns: number;
  constructor(columns: number) {
    super();
    this.columns = columns;
  }
  write = (frame: string, ...rest: unknown[]): boolean => {
    this.frames.push(frame);
    const done = rest.find((r): r is () => void => typeof r === 'function');
    if (done) queueMicrotask(done);
    return true;
  };
  /** The last frame Ink drew (terminal mode switches such as bracketed paste on/off are not frames). */
  lastFrame = (): string | undefined => this.frames.findLast((f) => !(f.startsWith('\u001b[?') && f.length < 12));
}

class FakeStdin extends EventEmitter {
  isTTY = true;
  private data: string | null = null;
  write = (data: string): void => {
    this.data = data;
    this.emit('readable');
  };
  read = (): string | null => {
    const d = this.data;
    this.data = null;
    return d;
  };
  setEncoding(): void {}
  setRawMode(): void {}
  resume(): void {}
  pause(): void {}
  ref(): void {}
  unref(): void {}
}

/** Like ink-testing-library's render, but at a chosen terminal width. */
export function renderAt(tree: ReactElement, columns: number): { lastFrame: () => string | undefined; frames: string[]; stdin: FakeStdin; instance: Instance } {
  const stdout = new WidthStdout(columns);
  const stdin = new FakeStdin();
  const instance = inkRender(tree, {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stderr: stdout as unknown as NodeJS.WriteStream,
    stdin: stdin as unknown as NodeJS.ReadStream,
    debug: true,
    exitOnCtrlC: false,
    patchConsole: false,
  });
  return { lastFrame: stdout.lastFrame, frames: stdout.frames, stdin, instance };
}

/** Every line of the frame fits the width (measured in code points, after removing ANSI). */
export function widestLine(frame: string | undefined): number {
  return Math.max(0, ...plain(frame).split('\n').map((l) => [...l].length));
}
