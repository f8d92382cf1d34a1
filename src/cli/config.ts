// `hew config`: prints the effective configuration, each value with its source, secrets masked.
import { describeConfig } from '../config/describe.ts';
import type { DescribedConfig, DescribedSetting } from '../config/describe.ts';
import { EXIT } from '../protocol/exit-codes.ts';
import { loadSettings } from './setup.ts';
import type { SettingFlags } from './setup.ts';

export interface ConfigFlags extends SettingFlags {
  json?: boolean;
}

export function configCommand(flags: ConfigFlags, env: NodeJS.ProcessEnv = process.env): number {
  const described = describeConfig(loadSettings(flags, env), env);
  process.stdout.write(flags.json ? `${JSON.stringify(described, null, 2)}\n` : formatConfig(described));
  return EXIT.ok;
}

const toml = (value: unknown): string => (value === null ? '(unset)' : JSON.stringify(value));

export function formatConfig(d: DescribedConfig): string {
  const lines: string[] = [];
  lines.push(`# user config:    ${d.files.user ?? '(none)'}`);
  lines.push(`# project config: ${d.files.project ?? '(none)'}`);
  const width = Math.max(...Object.keys(d.settings).map((k) => k.length));
  for (const [key, { value, source }] of Object.entries(d.settings)) {
    lines.push(`${key.padEnd(width)} = ${toml(value)}  # ${source}`);
  }
  lines.push('', '# your own config.toml (or -c) only: not in profiles, refused in a project config');
  for (const [key, { value, source }] of Object.entries(d.user_only)) lines.push(`${key} = ${toml(value)}  # ${source}`);
  const a = d.approver;
  lines.push(`approver = ${toml(a.argv.value)}  # ${a.argv.source}; decides approvals on the host (docs/background.md)`);
  lines.push(`approver_timeout_ms = ${toml(a.timeout_ms.value)}  # ${a.timeout_ms.source}`);
  lines.push('', '[env]  # on top of the built-in rules (docs/security.md); the lists of every source are joined');
  for (const list of ['deny', 'allow'] as const) lines.push(...formatList(list, d.env[list]));
  const p = d.provider;
  lines.push('', `[providers.${p.id}]  # ${p.name}, as resolved`);
  lines.push(`base_url = ${toml(p.base_url)}`, `wire_api = ${toml(p.wire_api)}`);
  if (p.env_key) lines.push(`env_key = ${toml(p.env_key)}  # ${p.key_set ? 'set' : 'not set'}`);
  for (const [name, value] of Object.entries(p.headers)) lines.push(`headers.${JSON.stringify(name)} = ${toml(value)}`);
  for (const [name, value] of Object.entries(p.query_params)) lines.push(`query_params.${JSON.stringify(name)} = ${toml(value)}`);
  const c = p.capabilities;
  lines.push(
    `parallel_tool_calls = ${c.parallelToolCalls}`,
    `stream_usage = ${c.streamUsage}`,
    `reasoning = ${c.reasoning}`,
    `strict_schemas = ${c.strictSchemas}`,
  );
  for (const [key, { value, source }] of Object.entries(p.limits)) lines.push(`${key} = ${toml(value)}  # ${source}`);
  return `${lines.join('\n')}\n`;
}

/** `deny = []  # default`, or one line per source in order: `deny = ["A", "B"]  # FILE`. */
function formatList(key: string, entries: DescribedSetting[]): string[] {
  if (entries.length === 0) return [`${key} = []  # default`];
  const bySource: [string, string[]][] = [];
  for (const { value, source } of entries) {
    const last = bySource.at(-1);
    if (last?.[0] === source) last[1].push(String(value));
    else bySource.push([source, [String(value)]]);
  }
  return bySource.map(([source, names]) => `${key} = [${names.map((n) => JSON.stringify(n)).join(', ')}]  # ${source}`);
}
