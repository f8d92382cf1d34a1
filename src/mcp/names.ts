// Tool names and input schemas as providers accept them: `mcp__SERVER__TOOL` in [A-Za-z0-9_-]
// (at most 64 characters), and a JSON schema that is an object at the top without `$schema`.
import type { JsonSchema } from '../model/types.ts';

const MCP_PREFIX = 'mcp__';
const MAX_NAME = 64;

function clean(part: string): string {
  return part.replace(/[^A-Za-z0-9_-]/g, '_');
}

/** `mcp__server__tool`, sanitised and cut to 64 characters. */
export function mcpToolName(server: string, tool: string): string {
  return `${MCP_PREFIX}${clean(server)}__${clean(tool)}`.slice(0, MAX_NAME);
}

/** Keeps what the server said about the arguments, in a shape providers do not reject. */
export function normaliseInputSchema(schema: unknown): JsonSchema {
  const source = schema !== null && typeof schema === 'object' && !Array.isArray(schema) ? (schema as Record<string, unknown>) : {};
  const out: Record<string, unknown> = { ...source };
  delete out.$schema;
  out.type = 'object';
  const props = out.properties;
  out.properties = props !== null && typeof props === 'object' && !Array.isArray(props) ? props : {};
  if (!Array.isArray(out.required)) delete out.required;
  return out as JsonSchema;
}
