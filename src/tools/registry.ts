// The built-in tools, their specs for the model (JSON schema from zod), and the messages the model
// gets back when its arguments are not valid JSON or do not match a tool's schema.
import { z } from 'zod';
import type { JsonSchema, ToolSpec } from '../model/types.ts';
import { applyPatchTool } from './apply-patch.ts';
import { grepTool } from './grep.ts';
import { readFileTool } from './read-file.ts';
import { rememberTool } from './remember.ts';
import { sandboxOnlyShellTool, shellTool } from './shell.ts';
import type { AnyTool } from './types.ts';
import { updatePlanTool } from './update-plan.ts';

export interface BuiltinToolOptions {
  /** Offer escalation (`sandbox_permissions`) in the shell tool: only when someone can approve it. Default true. */
  escalation?: boolean;
  /** Offer the remember tool: only when project instructions are read at all (project_doc_max_bytes > 0). Default false. */
  remember?: boolean;
}

export function builtinTools(opts: BuiltinToolOptions = {}): AnyTool[] {
  const shell = opts.escalation === false ? sandboxOnlyShellTool : shellTool;
  return [shell, applyPatchTool, updatePlanTool, readFileTool, grepTool, ...(opts.remember ? [rememberTool] : [])];
}

/** Drops zod's ±MAX_SAFE_INTEGER bounds on integers: noise on every request. */
function withoutSafeIntegerBounds(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutSafeIntegerBounds);
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if ((key === 'maximum' || key === 'minimum') && Math.abs(value as number) === Number.MAX_SAFE_INTEGER) continue;
    out[key] = withoutSafeIntegerBounds(value);
  }
  return out;
}

/** A plain JSON schema object (type object, properties, required, additionalProperties false). */
export function toolParameters(tool: AnyTool): JsonSchema {
  if (tool.parameters) return tool.parameters;
  const schema = withoutSafeIntegerBounds(z.toJSONSchema(tool.schema)) as JsonSchema;
  delete schema.$schema;
  return schema;
}

export function toolSpecs(tools: AnyTool[]): ToolSpec[] {
  return tools.map((tool) => ({ name: tool.name, description: tool.description, parameters: toolParameters(tool) }));
}

export function unknownToolMessage(name: string, tools: AnyTool[]): string {
  return `Unknown tool ${JSON.stringify(name)}. Available tools: ${tools.map((t) => t.name).join(', ')}.`;
}

type Schema = Record<string, unknown>;

/** A short name for the type a JSON schema accepts: "string or array of strings". */
function describeType(schema: Schema | undefined): string {
  if (!schema) return 'a value';
  if (Array.isArray(schema.enum)) return `one of ${schema.enum.map((v) => JSON.stringify(v)).join(', ')}`;
  if (Array.isArray(schema.anyOf)) return (schema.anyOf as Schema[]).map(describeType).join(' or ');
  if (schema.type === 'array') return `array of ${describeType(schema.items as Schema | undefined)}s`;
  return typeof schema.type === 'string' ? schema.type : 'a value';
}

function schemaAt(root: Schema, path: PropertyKey[]): Schema | undefined {
  let node: Schema | undefined = root;
  for (const key of path) {
    if (!node) return undefined;
    if (typeof key === 'number') node = node.items as Schema | undefined;
    else node = (node.properties as Record<string, Schema> | undefined)?.[String(key)];
  }
  return node;
}

function valueAt(input: unknown, path: PropertyKey[]): unknown {
  let node = input;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

function formatPath(path: PropertyKey[]): string {
  return path.map((key, i) => (typeof key === 'number' ? `[${key}]` : i === 0 ? String(key) : `.${String(key)}`)).join('');
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** Without the input, zod's messages ("… received undefined") still name what arrived. */
function receivedFromMessages(issue: z.core.$ZodIssue): string {
  const messages = [issue.message];
  if (issue.code === 'invalid_union') messages.push(...issue.errors.flat().map((inner) => inner.message));
  for (const message of messages) {
    const match = /received (\w+)/.exec(message);
    if (match?.[1]) return match[1];
  }
  return 'something else';
}

function describeIssue(issue: z.core.$ZodIssue, root: Schema, input: unknown, hasInput: boolean): string {
  const where = `\`${formatPath(issue.path)}\``;
  const expected = describeType(schemaAt(root, issue.path));
  const value = valueAt(input, issue.path);
  const received = hasInput ? kindOf(value) : receivedFromMessages(issue);
  if (issue.path.length === 0 && (issue.code === 'invalid_type' || issue.code === 'invalid_union')) {
    return `the arguments must be a JSON object (got ${received})`;
  }
  switch (issue.code) {
    case 'invalid_type':
    case 'invalid_union':
      if (received === 'undefined') return `${where} is required (expected ${expected})`;
      return `${where} has the wrong type (expected ${expected}, got ${received})`;
    case 'invalid_value':
      return `${where} must be ${expected}${hasInput ? ` (got ${JSON.stringify(value)})` : ''}`;
    case 'too_small':
      if (issue.origin === 'string' && issue.minimum === 1) return `${where} must not be empty`;
      if (issue.origin === 'array') return `${where} needs at least ${issue.minimum} item(s)`;
      return `${where} must be at least ${issue.minimum}`;
    case 'too_big':
      return `${where} must be at most ${issue.maximum}`;
    case 'unrecognized_keys':
      return `unknown field(s) ${issue.keys.map((k) => `\`${k}\``).join(', ')}`;
    default:
      return `${where}: ${issue.message}`;
  }
}

/**
 * A message the model can act on, e.g.
 * "Invalid arguments for shell: `command` is required (expected string or array of strings)".
 * Pass the parsed `input` too when available, to name the received values.
 */
export function describeArgError(tool: AnyTool, error: z.ZodError, input?: unknown): string {
  const root = toolParameters(tool);
  const hasInput = input !== undefined;
  const parts = error.issues.map((issue) => describeIssue(issue, root, input, hasInput));
  return `Invalid arguments for ${tool.name}: ${[...new Set(parts)].join('; ')}`;
}

function exampleValue(schema: Schema | undefined): unknown {
  if (!schema) return '…';
  if (Array.isArray(schema.enum)) return schema.enum[0];
  if (Array.isArray(schema.anyOf)) return exampleValue(schema.anyOf[0] as Schema);
  switch (schema.type) {
    case 'array': return [];
    case 'object': return {};
    case 'integer': case 'number': return 1;
    case 'boolean': return true;
    default: return '…';
  }
}

/** A JSON object with the tool's required fields, for error messages: {"command":"…"}. */
function exampleArguments(tool: AnyTool): string {
  const schema = toolParameters(tool);
  const props = (schema.properties ?? {}) as Record<string, Schema>;
  const required = (schema.required ?? []) as string[];
  return JSON.stringify(Object.fromEntries(required.map((key) => [key, exampleValue(props[key])])));
}

/** Thrown by parseToolArguments; the message is meant for the model. */
export class ToolArgumentsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ToolArgumentsError';
  }
}

/**
 * Parses a tool call's raw argument text into an object, or throws ToolArgumentsError with a message
 * for the model. An empty string counts as `{}`; a JSON string holding a JSON object (arguments
 * encoded twice) is unwrapped once.
 */
export function parseToolArguments(raw: string, tool?: AnyTool): Record<string, unknown> {
  const like = tool ? exampleArguments(tool) : '{"name": "value"}';
  if (raw.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (err) {
    throw new ToolArgumentsError(`Arguments are not valid JSON: ${(err as Error).message}. Send a JSON object like ${like}.`);
  }
  if (typeof value === 'string' && value.trim().startsWith('{')) {
    try {
      value = JSON.parse(value);
    } catch {
      // Leave it a string; reported below.
    }
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ToolArgumentsError(`Arguments must be a JSON object like ${like}, not ${kindOf(value)}.`);
  }
  return value as Record<string, unknown>;
}

export type ValidatedArguments<A> = { ok: true; args: A } | { ok: false; error: string };

/** Parse and validate in one step: what the agent loop needs for each tool call. */
export function validateToolArguments(tool: AnyTool, raw: string): ValidatedArguments<unknown> {
  let value: Record<string, unknown>;
  try {
    value = parseToolArguments(raw, tool);
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
  const result = tool.schema.safeParse(value);
  if (!result.success) return { ok: false, error: describeArgError(tool, result.error, value) };
  return { ok: true, args: result.data };
}
