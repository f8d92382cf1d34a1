// `cat error.log | hew exec "fix this error"`: input piped beside a prompt argument is appended to the
// prompt as a `<stdin>` block (Codex's convention), bounded, and noted on `thread.started.stdin`.
// - Read only when fd 0 is a FIFO or a regular file — what a shell pipe (`cmd |`) or a redirect
//   (`< file`) gives. A terminal, /dev/null, a closed stdin (Node reopens it on /dev/null) and a
//   socket (how programs such as editors, CI runners and test harnesses spawn children with piped
//   stdio, often left open and never written) are not read, so exec never waits on them.
// - At most STDIN_MAX_BYTES are read; the rest is not read (the writer sees its pipe closed, as with
//   `head`) and the block says it was cut. A cut can split a UTF-8 character (shown as U+FFFD).
// - Empty or whitespace-only input adds no block.
import { fstatSync } from 'node:fs';

/** 256 KiB: a long log or a large file fits; a runaway producer does not fill the context window. */
export const STDIN_MAX_BYTES = 256 * 1024;

export interface PipedInput {
  text: string;
  /** Bytes read (at most the limit). */
  bytes: number;
  /** More input followed the limit and was not read. */
  truncated: boolean;
}

/** True when fd 0 is a pipe from a shell or a redirected file (see the top of this file). */
export function stdinIsPipedInput(fd = 0): boolean {
  try {
    const st = fstatSync(fd);
    return st.isFIFO() || st.isFile();
  } catch {
    return false;
  }
}

/** Reads up to `max` bytes, then stops reading (the stream is destroyed when more was there). */
export async function readBounded(stream: NodeJS.ReadableStream & { destroy?: () => void }, max = STDIN_MAX_BYTES): Promise<PipedInput> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  let truncated = false;
  for await (const chunk of stream) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    const room = max - bytes;
    chunks.push(buf.subarray(0, room));
    bytes += Math.min(room, buf.length);
    if (buf.length > room) {
      truncated = true;
      break;
    }
  }
  if (truncated) stream.destroy?.();
  return { text: Buffer.concat(chunks).toString('utf8'), bytes, truncated };
}

/** The prompt with the input appended as a `<stdin>` block; the prompt alone when the input is blank. */
export function withStdinBlock(prompt: string, input: PipedInput): string {
  if (!input.text.trim()) return prompt;
  const body = input.text.endsWith('\n') ? input.text : `${input.text}\n`;
  const cut = input.truncated ? `[hew: stdin was cut here: only its first ${input.bytes} bytes were read]\n` : '';
  return `${prompt}\n\n<stdin>\n${body}${cut}</stdin>`;
}
