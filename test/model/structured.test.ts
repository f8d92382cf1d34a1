// Structured output without a server: loading schemas (draft-07 and 2020-12), checking answers,
// the retry-once policy, and which requests carry the response format.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkFinalAnswer, enforceOutputSchema, loadOutputSchema } from '../../src/agent/structured-output.ts';
import type { TurnOutcome } from '../../src/agent/run-turn.ts';
import { responseFormatOf, withResponseFormat } from '../../src/model/response-format.ts';
import type { ModelClient, ModelDelta, ModelRequest } from '../../src/model/types.ts';
import { toChatBody } from '../../src/model/wire-chat.ts';
import { toResponsesBody } from '../../src/model/wire-responses.ts';
import { tempDir } from '../support/fixtures.ts';

async function schemaAt(name: string, schema: unknown) {
  const file = join(tempDir(), name);
  writeFileSync(file, JSON.stringify(schema));
  return loadOutputSchema(file);
}

describe('structured output', () => {
  it('validates answers against draft-07 and 2020-12 schemas, tolerating a json fence', async () => {
    const s = await schemaAt('report.schema.json', { type: 'object', properties: { ok: { type: 'boolean' } }, required: ['ok'] });
    expect(s.format.name).toBe('report');
    expect(checkFinalAnswer(' {"ok": true} ', s)).toEqual({ ok: true, json: '{"ok": true}' });
    expect(checkFinalAnswer('```json\n{"ok":false}\n```', s)).toEqual({ ok: true, json: '{"ok":false}' });
    expect(checkFinalAnswer('{"ok":"yes"}', s)).toEqual({ ok: false, error: 'the final answer does not match the schema: /ok must be boolean' });
    expect(checkFinalAnswer('Sure! {"ok":true}', s).ok).toBe(false);

    const t = await schemaAt('list.json', { $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'array', prefixItems: [{ type: 'string' }] });
    expect(checkFinalAnswer('["a", 1]', t).ok).toBe(true);
    expect(checkFinalAnswer('[1]', t).ok).toBe(false);
  });

  it('retries once: a second bad answer fails the outcome with the error', async () => {
    const s = await schemaAt('n.json', { type: 'number' });
    const prompts: string[] = [];
    const reports: [string, boolean][] = [];
    const turns = (answers: string[]) => ({
      turn: async (prompt: string): Promise<TurnOutcome> => {
        prompts.push(prompt);
        return { status: 'completed', finalMessage: answers.shift()! };
      },
      report: (message: string, willRetry: boolean) => reports.push([message, willRetry]),
    });
    expect(await enforceOutputSchema({ status: 'completed', finalMessage: '42' }, s, turns([]))).toEqual({ status: 'completed', finalMessage: '42' });
    expect(prompts).toEqual([]);
    expect(await enforceOutputSchema({ status: 'completed', finalMessage: 'forty-two' }, s, turns(['42']))).toEqual({ status: 'completed', finalMessage: '42' });
    expect(prompts[0]).toMatch(/matching this schema.*\n\{"type":"number"\}\nThe error was: the final answer is not valid JSON/s);
    const failed = await enforceOutputSchema({ status: 'completed', finalMessage: 'x' }, s, turns(['"str"']));
    expect(failed.status).toBe('failed');
    expect(failed.status === 'failed' && failed.error.message).toMatch(/n\.json: the final answer does not match the schema: \(root\) must be number/);
    expect(reports.map(([, retry]) => retry)).toEqual([true, true, false]);
    const interrupted: TurnOutcome = { status: 'interrupted' };
    expect(await enforceOutputSchema(interrupted, s, turns([]))).toBe(interrupted);
  });

  it('asks for the format on agent steps only (not on tool-less summary requests), on both wires', async () => {
    const seen: ModelRequest[] = [];
    const inner: ModelClient = {
      provider: 'p',
      model: 'm',
      async *stream(req): AsyncGenerator<ModelDelta> {
        seen.push(req);
        yield { type: 'completed', output: [], usage: null };
      },
    };
    const format = { name: 'x', schema: { type: 'object' }, strict: true };
    const client = withResponseFormat(inner, format);
    const tool = { name: 't', description: 'd', parameters: { type: 'object' } };
    const base: ModelRequest = { model: 'm', instructions: 'i', input: [], tools: [tool] };
    for await (const _ of client.stream(base, new AbortController().signal)) void _;
    for await (const _ of client.stream({ ...base, tools: [] }, new AbortController().signal)) void _;
    expect(responseFormatOf(seen[0]!)).toEqual(format);
    expect(responseFormatOf(seen[1]!)).toBeUndefined();
    expect(toResponsesBody(seen[0]!).text).toEqual({ format: { type: 'json_schema', name: 'x', schema: { type: 'object' }, strict: true } });
    expect(toResponsesBody(seen[1]!).text).toBeUndefined();
    expect(toChatBody(seen[0]!).response_format).toEqual({ type: 'json_schema', json_schema: { name: 'x', schema: { type: 'object' }, strict: true } });
  });
});
