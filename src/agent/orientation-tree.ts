// The compact tree and the language mix of orientation, from a flat list of file paths.
import { plural } from '../format/plural.ts';

interface Dir {
  files: number;
  children: Map<string, Dir>;
  leaves: string[];
}

function build(files: string[]): Dir {
  const root: Dir = { files: 0, children: new Map(), leaves: [] };
  for (const file of files) {
    const parts = file.split('/');
    let node = root;
    node.files += 1;
    for (const part of parts.slice(0, -1)) {
      let next = node.children.get(part);
      if (!next) {
        next = { files: 0, children: new Map(), leaves: [] };
        node.children.set(part, next);
      }
      next.files += 1;
      node = next;
    }
    node.leaves.push(parts.at(-1) as string);
  }
  return root;
}

/**
 * Directories with their file counts, expanded breadth-first while the budget lasts; a directory
 * that is not expanded is one line (`name/ (N files)`), so a 100,000-file repository stays small.
 */
export function treeSummary(files: string[], maxBytes: number): string {
  const root = build(files);
  const lines: string[] = [];
  let used = 0;
  const add = (line: string): boolean => {
    if (used + line.length + 1 > maxBytes) return false;
    lines.push(line);
    used += line.length + 1;
    return true;
  };
  const render = (dir: Dir, indent: string, depth: number): void => {
    const dirs = [...dir.children.entries()].sort((a, b) => b[1].files - a[1].files);
    for (const [name, child] of dirs) {
      if (!add(`${indent}${name}/ (${plural(child.files, 'file')})`)) return;
      if (depth < 2 && child.files <= 400) render(child, `${indent}  `, depth + 1);
    }
    const leaves = dir.leaves.slice().sort();
    const shown = leaves.slice(0, depth === 0 ? 30 : 12);
    for (const leaf of shown) if (!add(`${indent}${leaf}`)) return;
    if (leaves.length > shown.length) add(`${indent}… ${leaves.length - shown.length} more files`);
  };
  render(root, '  ', 0);
  return lines.join('\n');
}

const LANGUAGES: Record<string, string> = {
  ts: 'TypeScript', tsx: 'TypeScript', mts: 'TypeScript', cts: 'TypeScript', js: 'JavaScript', jsx: 'JavaScript', mjs: 'JavaScript', cjs: 'JavaScript',
  py: 'Python', go: 'Go', rs: 'Rust', java: 'Java', kt: 'Kotlin', rb: 'Ruby', php: 'PHP', cs: 'C#', c: 'C', h: 'C/C++ header', cc: 'C++', cpp: 'C++', hpp: 'C++',
  swift: 'Swift', scala: 'Scala', sh: 'Shell', md: 'Markdown', json: 'JSON', yml: 'YAML', yaml: 'YAML', toml: 'TOML', html: 'HTML', css: 'CSS', scss: 'CSS', sql: 'SQL', vue: 'Vue', svelte: 'Svelte',
};

export function languageSummary(files: string[]): string {
  const counts = new Map<string, number>();
  for (const file of files) {
    const ext = /\.([^./]+)$/.exec(file)?.[1]?.toLowerCase();
    const lang = ext ? LANGUAGES[ext] : undefined;
    if (lang) counts.set(lang, (counts.get(lang) ?? 0) + 1);
  }
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  if (total === 0) return '';
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 6)
    .map(([lang, n]) => `${lang} ${Math.round((n / total) * 100)}%`)
    .join(', ');
}
