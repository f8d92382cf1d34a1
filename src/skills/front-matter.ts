// YAML front matter between two lines `---` at the top of a Markdown file: the one rule for task files
// (tasks/task-file.ts) and SKILL.md (parse.ts). The YAML parser is loaded only when a file has front
// matter (it is not on the path of a run without task files or skills).
import type * as Yaml from 'yaml';

/** The opening line `---`, the YAML, and the closing line `---` (CRLF accepted); group 1 is the YAML. */
export const FENCE = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

/** An opening line `---` (whether or not it is closed). */
export const OPENING = /^---[ \t]*\r?\n/;

type YamlModule = typeof Yaml;

/** The `yaml` package, loaded lazily. */
export async function loadYaml(): Promise<YamlModule> {
  const yamlModule = await import('yaml');
  // Bundled, `yaml` arrives as a CommonJS namespace with the exports under `default`.
  return 'LineCounter' in yamlModule && yamlModule.LineCounter ? yamlModule : (yamlModule as unknown as { default: YamlModule }).default;
}
