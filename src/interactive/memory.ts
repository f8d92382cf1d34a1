// /remember and /memory in the interactive session (docs/memory.md). `/remember TEXT` appends to the
// session copy's instructions file through the patch engine, so it is in /diff and reaches the
// repository with /apply; `/remember --user TEXT` writes the global file directly (the person typed
// it: no approval). No message is added to the model's conversation. `/memory` lists both scopes.
import { safeLine } from '../format/safe-text.ts';
import { listMemory, memoryLines } from '../memory/listing.ts';
import { rememberDirect, rememberedWhere, rememberInCopy } from '../memory/remember.ts';
import type { CommandHost } from './commands.ts';

const USAGE = 'type /remember TEXT (the project, in the working copy) or /remember --user TEXT (your global instructions)';

export async function rememberCommand(host: CommandHost, arg: string): Promise<void> {
  const memory = host.thread.memory;
  if (!memory) return host.warn('memory is off: project_doc_max_bytes is 0, so no instructions file is read');
  const user = /^--user(\s|$)/.test(arg);
  const text = user ? arg.slice('--user'.length).trim() : arg;
  if (text === '') return host.warn(USAGE);
  if (user) {
    if (!memory.configDir) return host.warn('there is no configuration directory for your global instructions');
    const done = rememberDirect({ scope: 'user', configDir: memory.configDir }, text, memory.limits);
    if (!done.ok) return host.emit({ type: 'notice.error', message: done.message });
    return host.emit({ type: 'notice.info', title: 'Remembered', lines: [`in ${safeLine(done.target.shown)} (your global instructions; every later run reads it)`, rememberedWhere(done)] });
  }
  if (host.state === 'discarded') return host.warn('the working copy was discarded: type /new to start a new session');
  await host.thread.ready;
  if (!host.thread.workspace) return host.warn('the working copy is not ready yet');
  const done = await rememberInCopy(host.thread.run.workDir, text, memory.limits);
  if (!done.ok) return host.emit({ type: 'notice.error', message: done.message });
  host.emit({ type: 'notice.info', title: 'Remembered', lines: [`in ${safeLine(done.target.shown)} (working copy; /apply takes it)`, rememberedWhere(done)] });
}

export function memoryCommand(host: CommandHost): void {
  const memory = host.thread.memory;
  const maxBytes = memory?.limits.projectDocMaxBytes ?? 0;
  // The copy's file once it exists (it may hold entries not applied yet); the repository's before.
  const root = host.state === 'open' && host.thread.workspace ? host.thread.run.workDir : host.thread.info.top;
  const listing = listMemory(root, memory?.configDir ?? null, maxBytes);
  const lines = memoryLines(listing, safeLine);
  if (!memory) lines.unshift('memory is off: project_doc_max_bytes is 0');
  else if (root !== host.thread.info.top) lines.push('', 'project entries are those of the working copy (/diff shows new ones; /apply takes them)');
  host.emit({ type: 'notice.info', title: 'Memory', lines });
}
