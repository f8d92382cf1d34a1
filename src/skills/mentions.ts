// `$NAME` in a prompt typed in the TUI: the skills it names, each once, in the order they appear.
// Only a known skill's name counts; anything else that looks like a variable (`$HOME`, `$path`) is
// left alone, silently. The prompt's text is not changed.
const MENTION = /(?<![\w$])\$([a-z0-9]+(?:-[a-z0-9]+)*)(?![\w-])/g;

export function skillMentions(prompt: string, known: readonly string[]): string[] {
  const names: string[] = [];
  for (const match of prompt.matchAll(MENTION)) {
    const name = match[1]!;
    if (known.includes(name) && !names.includes(name)) names.push(name);
  }
  return names;
}
