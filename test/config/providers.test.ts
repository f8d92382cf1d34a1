// Providers: the azure built-in, query params, capability flags per built-in and their overrides,
// how the flags shape request bodies, and the masking `hew config` uses.
import { describe, expect, it } from 'vitest';
import { isSecret, maskSecret, maskValues } from '../../src/config/describe.ts';
import { applyOverrides } from '../../src/config/load.ts';
import { BUILTIN_PROVIDERS, resolveProvider } from '../../src/config/providers.ts';
import { toChatBody } from '../../src/model/wire-chat.ts';
import { toResponsesBody } from '../../src/model/wire-responses.ts';
import type { FormattedRequest } from '../../src/model/response-format.ts';

describe('azure', () => {
  it('takes AZURE_OPENAI_BASE_URL, else AZURE_OPENAI_ENDPOINT + /openai/v1, and its own key', () => {
    expect(resolveProvider('azure', undefined, { AZURE_OPENAI_ENDPOINT: 'https://me.openai.azure.com/' }, 'cfg')).toMatchObject({
      baseURL: 'https://me.openai.azure.com/openai/v1',
      wireApi: 'responses',
      envKey: 'AZURE_OPENAI_API_KEY',
      keyRequired: true,
    });
    const both = { AZURE_OPENAI_ENDPOINT: 'https://me.openai.azure.com', AZURE_OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' };
    expect(resolveProvider('azure', undefined, both, 'cfg').baseURL).toBe('http://127.0.0.1:9/v1');
    expect(resolveProvider('azure', { azure: { wire_api: 'chat' } }, both, 'cfg').wireApi).toBe('chat');
  });

  it('without either variable says which to set', () => {
    expect(() => resolveProvider('azure', undefined, {}, 'cfg')).toThrow(/providers\.azure\.base_url: missing; set AZURE_OPENAI_ENDPOINT/);
  });
});

describe('capability flags', () => {
  it('have explicit defaults per built-in', () => {
    expect(BUILTIN_PROVIDERS.openai?.capabilities).toEqual({ parallelToolCalls: true, streamUsage: true, reasoning: true, strictSchemas: true });
    for (const id of ['ollama', 'lmstudio', 'vllm', 'openrouter']) {
      expect(resolveProvider(id, undefined, {}, 'cfg').capabilities.reasoning).toBe(false);
    }
  });

  it('are overridden by a table or -c, along with query_params', () => {
    const { providers } = applyOverrides([
      'providers.vllm.parallel_tool_calls=false',
      'providers.vllm.stream_usage=false',
      'providers.vllm.strict_schemas=false',
      'providers.vllm.query_params.api-version="v1"',
    ]);
    const p = resolveProvider('vllm', providers, {}, 'cfg');
    expect(p.capabilities).toEqual({ parallelToolCalls: false, streamUsage: false, reasoning: false, strictSchemas: false });
    expect(p.queryParams).toEqual({ 'api-version': 'v1' });
  });

  it('default by wire for a custom provider', () => {
    expect(resolveProvider('r', { r: { base_url: 'http://h/v1', wire_api: 'responses' } }, {}, 'cfg').capabilities.reasoning).toBe(true);
    expect(resolveProvider('c', { c: { base_url: 'http://h/v1' } }, {}, 'cfg').capabilities.reasoning).toBe(false);
  });
});

describe('request bodies under the flags', () => {
  const req: FormattedRequest = {
    model: 'm',
    instructions: 'be brief',
    input: [
      { type: 'message', role: 'user', content: 'hi' },
      { type: 'reasoning', text: 'thought', encrypted_content: 'enc' },
    ],
    tools: [{ name: 't', description: 'd', parameters: { type: 'object', properties: {} } }],
    responseFormat: { name: 'answer', schema: { type: 'object' }, strict: true },
  } as FormattedRequest;

  it('chat: everything on by default, each flag takes its field away', () => {
    const on = toChatBody(req);
    expect(on).toMatchObject({ parallel_tool_calls: true, stream_options: { include_usage: true } });
    expect(on.response_format).toMatchObject({ json_schema: { strict: true } });
    const off = toChatBody(req, { parallelToolCalls: false, streamUsage: false, strictSchemas: false });
    expect('parallel_tool_calls' in off).toBe(false);
    expect('stream_options' in off).toBe(false);
    expect(off.response_format).toMatchObject({ json_schema: { strict: false } });
  });

  it('responses: reasoning=false sends no reasoning fields and no reasoning items back', () => {
    const on = toResponsesBody(req, { reasoning: { effort: 'low' } });
    expect(on.reasoning).toEqual({ effort: 'low' });
    expect(JSON.stringify(on.input)).toContain('enc');
    const off = toResponsesBody(req, { reasoning: { effort: 'low' }, sendReasoning: false, parallelToolCalls: false, strictSchemas: false });
    expect(off.reasoning).toBeUndefined();
    expect(off.include).toBeUndefined();
    expect(JSON.stringify(off.input)).not.toContain('enc');
    expect('parallel_tool_calls' in off).toBe(false);
    expect(off.text?.format).toMatchObject({ strict: false });
  });
});

describe('masking', () => {
  it('masks by name and by look, keeping the auth scheme', () => {
    expect(maskSecret('sk-proj-abcdefghijkl1234')).toBe('sk-…1234');
    expect(maskSecret('Bearer tok-0123456789abcdef')).toBe('Bearer tok…cdef');
    expect(maskSecret('short')).toBe('…');
    expect(isSecret('X-Api-Key', 'abc')).toBe(true);
    expect(isSecret('X-Request-Source', 'sk-live-whatever')).toBe(true);
    expect(isSecret('X-Team', 'blue')).toBe(false);
    expect(maskValues({ 'x-access-token': 'tttttttttttttttt9999', 'x-team': 'blue' })).toEqual({ 'x-access-token': 'ttt…9999', 'x-team': 'blue' });
  });
});
