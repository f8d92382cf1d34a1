// Task files (SPEC §6): Markdown with optional YAML front matter; the body is the prompt.
import { z } from 'zod';
import { describeReason, formatBytes, readBounded, UnreadableFileError } from '../fs/read-bounded.ts';
import { TaskFileError } from './errors.ts';
import { MAX_ATTEMPTS } from '../protocol/run-meta.ts';
import { FENCE, loadYaml, OPENING } from '../skills/front-matter.ts';
import { isSkillName } from '../skills/parse.ts';

const taskFrontMatterSchema = z
  .object({
    title: z.string().min(1).optional(),
    model: z.string().min(1).optional(),
    provider: z.string().min(1).optional(),
    check: z.string().min(1).optional(),
    /** Run once in the copy, with network, before the agent starts; replaces the config's `setup`. */
    setup: z.string().min(1).optional(),
    max_turns: z.number().int().positive().optional(),
    timeout: z.union([z.string(), z.number()]).optional(),
    /** Best of N: this many attempts of the task (1..8); `hew watch` refuses more than the config's in a repository's inbox. */
    attempts: z.number().int().min(1).max(MAX_ATTEMPTS).optional(),
    /** Skills whose bodies go into the first request (docs/skills.md); an unknown one stops the task. */
    skills: z.array(z.string().refine(isSkillName, 'each entry must be a skill name (lowercase letters, digits and single hyphens)')).optional(),
  })
  .strict();

export type TaskFrontMatter = z.infer<typeof taskFrontMatterSchema>;

export interface TaskFile extends TaskFrontMatter {
  /** Where it came from: a path, or `<stdin>`. */
  source: string;
  prompt: string;
}

export { TaskFileError };

/** The most of a task file hew reads; a larger one is refused (a prompt that size could not be sent anyway). */
export const TASK_FILE_MAX_BYTES = 1024 * 1024;

/**
 * A task file the user named (`exec --task`, `batch`): it may be a link and may live anywhere, but
 * only a regular file is read, and at most TASK_FILE_MAX_BYTES of it (a pipe goes on stdin instead).
 */
export async function readTaskFile(path: string): Promise<TaskFile> {
  let text: string;
  try {
    text = readBounded(path, { maxBytes: TASK_FILE_MAX_BYTES, overLimit: 'refuse' }).bytes.toString('utf8');
  } catch (err) {
    if (!(err instanceof UnreadableFileError)) throw err;
    const hint = err.reason.code === 'not-a-file' ? '; to pass a task through a pipe, give it on stdin (`-`)' : err.reason.code === 'too-large' ? ` (the limit is ${formatBytes(TASK_FILE_MAX_BYTES)})` : '';
    throw new TaskFileError(path, null, `cannot read the task file: it ${describeReason(err.reason)}${hint}`);
  }
  return parseTaskText(text, path);
}

/** YAML is loaded only when a task has front matter. */
export async function parseTaskText(text: string, source: string): Promise<TaskFile> {
  const body = text.replace(/^\uFEFF/, '');
  const match = FENCE.exec(body);
  if (!match) {
    if (OPENING.test(body)) throw new TaskFileError(source, 1, 'front matter is not closed: expected a line with "---"');
    return { source, prompt: requirePrompt(body, source) };
  }
  const yamlText = match[1] ?? '';
  const { LineCounter, parseDocument } = await loadYaml();
  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter });
  if (doc.errors.length > 0) {
    const error = doc.errors[0]!;
    const line = (error.linePos?.[0]?.line ?? 0) + 1;
    throw new TaskFileError(source, line, `invalid front matter: ${error.message.split('\n')[0]}`);
  }
  const data: unknown = doc.toJS() ?? {};
  const lineOfKey = (key: string | undefined): number => {
    if (!key) return 2;
    const index = yamlText.split(/\r?\n/).findIndex((l) => l.startsWith(`${key}:`) || l.startsWith(`${key} :`));
    return index >= 0 ? index + 2 : 2;
  };
  const parsed = taskFrontMatterSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    if (issue.code === 'unrecognized_keys') {
      const key = (issue as { keys: string[] }).keys[0];
      throw new TaskFileError(source, lineOfKey(key), `unknown front-matter key "${key}"; expected one of: ${Object.keys(taskFrontMatterSchema.shape).join(', ')}`);
    }
    const key = String(issue.path[0] ?? '');
    throw new TaskFileError(source, lineOfKey(key), `front-matter key "${key}": ${issue.message}`);
  }
  return { ...parsed.data, source, prompt: requirePrompt(body.slice(match[0].length), source) };
}

function requirePrompt(text: string, source: string): string {
  const prompt = text.trim();
  if (!prompt) throw new TaskFileError(source, null, 'the task is empty: write the prompt below the front matter');
  return prompt;
}
