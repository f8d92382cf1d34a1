// Validates parsed config against a zod schema; the first issue becomes a ConfigError naming the
// file and LINE (when the TOML text is at hand), the key, and what was expected.
import type { z } from 'zod';
import { ConfigError } from './errors.ts';
import { lineOfKey } from './toml-lines.ts';

/** `source` names where the values came from (a file path, `-c`); `text` is the file's TOML, for lines. */
export function validate<T>(schema: z.ZodType<T>, raw: unknown, source: string, text?: string): T {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (!issue) throw new ConfigError(source, null, 'invalid configuration');
  const at = (path: PropertyKey[]): string => {
    const line = text === undefined ? undefined : lineOfKey(text, path.map((p) => (typeof p === 'number' ? p : String(p))));
    return line === undefined ? source : `${source}:${line}`;
  };
  const path = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') {
    const keys = (issue as { keys: string[] }).keys;
    const first = keys[0] ?? '';
    const where = path ? `${path}.${first}` : first;
    throw new ConfigError(at([...issue.path, first]), where, `unknown key; ${describeExpected(schema, issue.path)}`);
  }
  throw new ConfigError(at(issue.path), path || null, issue.message);
}

function describeExpected(schema: z.ZodType<unknown>, path: PropertyKey[]): string {
  let node: unknown = schema;
  for (const part of path) {
    const shape = (node as { shape?: Record<string, unknown> }).shape;
    const inner = shape?.[String(part)] ?? (node as { def?: { valueType?: unknown } }).def?.valueType;
    node = unwrap(inner);
  }
  const shape = (unwrap(node) as { shape?: Record<string, unknown> })?.shape;
  return shape ? `expected one of: ${Object.keys(shape).join(', ')}` : 'not a known setting';
}

function unwrap(node: unknown): unknown {
  let current = node as { def?: { type?: string; innerType?: unknown } } | undefined;
  while (current?.def?.type === 'optional') current = current.def.innerType as typeof current;
  return current;
}
