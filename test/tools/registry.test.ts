import { describe, expect, it } from 'vitest';
import {
  builtinTools,
  describeArgError,
  parseToolArguments,
  ToolArgumentsError,
  toolSpecs,
  unknownToolMessage,
  validateToolArguments,
} from '../../src/tools/registry.ts';
import type { AnyTool } from '../../src/tools/types.ts';

const tools = builtinTools();
const byName = (name: string): AnyTool => {
  const tool = tools.find((t) => t.name === name);
  if (!tool) throw new Error(`no tool ${name}`);
  return tool;
};

/** Checks the parts of JSON schema OpenAI function calling relies on, recursively for objects. */
function expectPlainObjectSchema(schema: Record<string, unknown>, where: string): void {
  expect(schema.type, where).toBe('object');
  expect(schema.additionalProperties, where).toBe(false);
  const props = schema.properties as Record<string, Record<string, unknown>>;
  expect(typeof props, where).toBe('object');
  for (const key of (schema.required as string[] | undefined) ?? []) expect(props, where).toHaveProperty(key);
  for (const [key, prop] of Object.entries(props)) {
    expect(prop.type !== undefined || prop.anyOf !== undefined || prop.enum !== undefined, `${where}.${key}`).toBe(true);
    const items = prop.items as Record<string, unknown> | undefined;
    if (items?.type === 'object') expectPlainObjectSchema(items, `${where}.${key}[]`);
  }
}

describe('tool registry', () => {
  it('lists the built-in tools in order', () => {
    expect(tools.map((t) => t.name)).toEqual(['shell', 'apply_patch', 'update_plan', 'read_file', 'grep']);
  });

  it('gives each tool a plain JSON schema for function calling, within a byte budget', () => {
    const specs = toolSpecs(tools);
    for (const spec of specs) {
      expect(spec.description.length, spec.name).toBeGreaterThan(20);
      expect(spec.parameters, spec.name).not.toHaveProperty('$schema');
      expectPlainObjectSchema(spec.parameters, spec.name);
      expect(JSON.stringify(spec.parameters)).not.toContain('9007199254740991');
    }
    expect(specs.find((s) => s.name === 'shell')?.parameters).toMatchObject({
      required: ['command'],
      properties: { command: { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] } },
    });
    const bytes = Buffer.byteLength(JSON.stringify(specs));
    console.log(`tool specs: ${bytes} bytes`, Object.fromEntries(specs.map((s) => [s.name, Buffer.byteLength(JSON.stringify(s))])));
    expect(bytes).toBeLessThan(6 * 1024);
  });

  it('names a missing field and what it expects', () => {
    const result = validateToolArguments(byName('shell'), '{}');
    expect(result).toEqual({
      ok: false,
      error: 'Invalid arguments for shell: `command` is required (expected string or array of strings)',
    });
    // The same message straight from a zod error, without the input.
    const parsed = byName('shell').schema.safeParse({});
    expect(parsed.success).toBe(false);
    if (!parsed.success) {
      expect(describeArgError(byName('shell'), parsed.error)).toBe(
        'Invalid arguments for shell: `command` is required (expected string or array of strings)',
      );
    }
  });

  it('names a field with the wrong type', () => {
    expect(validateToolArguments(byName('shell'), '{"command": 5}')).toEqual({
      ok: false,
      error: 'Invalid arguments for shell: `command` has the wrong type (expected string or array of strings, got number)',
    });
    expect(validateToolArguments(byName('read_file'), '{"path": "a", "offset": "10"}')).toEqual({
      ok: false,
      error: 'Invalid arguments for read_file: `offset` has the wrong type (expected integer, got string)',
    });
  });

  it('names nested fields and allowed values', () => {
    const result = validateToolArguments(byName('update_plan'), '{"plan": [{"step": "a", "status": "done"}, {"status": "pending"}]}');
    expect(result).toEqual({
      ok: false,
      error:
        'Invalid arguments for update_plan: `plan[0].status` must be one of "pending", "in_progress", "completed" (got "done"); ' +
        '`plan[1].step` is required (expected string)',
    });
    expect(validateToolArguments(byName('read_file'), '{"path": ""}')).toEqual({
      ok: false,
      error: 'Invalid arguments for read_file: `path` must not be empty',
    });
  });

  it('explains invalid JSON with an example of what to send', () => {
    expect(() => parseToolArguments('{"command": "ls"', byName('shell'))).toThrow(
      /^Arguments are not valid JSON: .*position \d+.*\. Send a JSON object like \{"command":"…"\}\.$/s,
    );
    expect(() => parseToolArguments('["ls"]', byName('shell'))).toThrow(ToolArgumentsError);
    expect(() => parseToolArguments('["ls"]', byName('shell'))).toThrow(
      'Arguments must be a JSON object like {"command":"…"}, not array.',
    );
    expect(validateToolArguments(byName('grep'), '{pattern: "x"}')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^Arguments are not valid JSON: .*Send a JSON object like \{"pattern":"…"\}\.$/s),
    });
  });

  it('tolerates empty and doubly encoded arguments', () => {
    expect(parseToolArguments('')).toEqual({});
    expect(parseToolArguments('  ')).toEqual({});
    expect(parseToolArguments(JSON.stringify('{"path": "a.ts"}'))).toEqual({ path: 'a.ts' });
    expect(validateToolArguments(byName('read_file'), '{"path": "a.ts", "limit": 5, "extra": true}')).toEqual({
      ok: true,
      args: { path: 'a.ts', limit: 5 },
    });
  });

  it('lists the available tools for an unknown name', () => {
    expect(unknownToolMessage('bash', tools)).toBe('Unknown tool "bash". Available tools: shell, apply_patch, update_plan, read_file, grep.');
  });
});
