// Where `exec` gets its task: the argument, stdin (`-`, or no argument and a non-TTY stdin), or --task.
import { parseTaskText, readTaskFile } from '../tasks/task-file.ts';
import type { TaskFile } from '../tasks/task-file.ts';
import { UsageError } from '../errors/usage-error.ts';

export interface PromptSources {
  prompt: string | undefined;
  taskFile: string | undefined;
  stdin: NodeJS.ReadStream;
}

export async function resolveTask(src: PromptSources): Promise<TaskFile> {
  if (src.taskFile && src.prompt && src.prompt !== '-') {
    throw new UsageError('give either a prompt or --task FILE, not both');
  }
  if (src.taskFile) return readTaskFile(src.taskFile);
  if (src.prompt !== undefined && src.prompt !== '-') {
    const prompt = src.prompt.trim();
    if (!prompt) throw new UsageError('the prompt is empty');
    return { source: '<argument>', prompt };
  }
  if (src.prompt === undefined && src.stdin.isTTY) {
    throw new UsageError('no prompt: pass it as an argument, pipe it on stdin, or use --task FILE');
  }
  const text = await readAll(src.stdin);
  if (!text.trim()) throw new UsageError('the prompt on stdin is empty');
  return parseTaskText(text, '<stdin>');
}

async function readAll(stream: NodeJS.ReadStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}
