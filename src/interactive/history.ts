// Prompt history for up/down in the input, per repository: one JSON line per prompt in
// `<state>/history.jsonl` ({ts, repo, text}), appended as prompts are submitted, readable by every
// session. Slash commands are not recorded (completion offers them). The file is private (0600):
// prompts can hold anything.
import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** How many of a repository's prompts are kept in memory (the file keeps everything). */
const HISTORY_LIMIT = 1000;

export class PromptHistory {
  readonly file: string;
  private readonly repo: string;
  private readonly entries: string[];

  constructor(file: string, repo: string) {
    this.file = file;
    this.repo = repo;
    this.entries = readHistory(file, repo);
  }

  /** This repository's prompts, oldest first. */
  list(): string[] {
    return [...this.entries];
  }

  /** Records a prompt (not an empty one, nor a repeat of the last). Never throws: history is a convenience. */
  add(text: string): void {
    if (text.trim() === '' || this.entries.at(-1) === text) return;
    this.entries.push(text);
    if (this.entries.length > HISTORY_LIMIT) this.entries.splice(0, this.entries.length - HISTORY_LIMIT);
    try {
      mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 });
      appendFileSync(this.file, `${JSON.stringify({ ts: new Date().toISOString(), repo: this.repo, text })}\n`, { mode: 0o600 });
    } catch {
      // a read-only state directory costs only the history
    }
  }
}

function readHistory(file: string, repo: string): string[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  const entries: string[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      const parsed = JSON.parse(line) as { repo?: unknown; text?: unknown };
      if (parsed.repo === repo && typeof parsed.text === 'string') entries.push(parsed.text);
    } catch {
      // a torn line is skipped
    }
  }
  return entries.slice(-HISTORY_LIMIT);
}
