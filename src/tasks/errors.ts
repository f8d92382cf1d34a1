// A task file that cannot be used (exit 2): the message names the file and, where known, the line.
export class TaskFileError extends Error {
  constructor(source: string, line: number | null, message: string) {
    super(`${source}${line ? `:${line}` : ''}: ${message}`);
    this.name = 'TaskFileError';
  }
}
