// A stream that ends cleanly (HTTP-wise) before its completion event — as a proxy might do — counts as
// cut and is retried; the SDK itself would report it as a normal end.
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { clientFor, collect, completedOf, lastAttempt, retriesOf, textOf } from './harness.ts';

let server: Server | undefined;
afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
});

const chatChunk = (delta: object, finish: string | null = null): string =>
  `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
const respEvent = (type: string, fields: object): string => `event: ${type}\ndata: ${JSON.stringify({ type, sequence_number: 0, ...fields })}\n\n`;

/** First request: a partial stream that ends without its completion event; later ones: complete. */
async function startTruncatingServer(): Promise<string> {
  let n = 0;
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      n++;
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      if (req.url?.endsWith('/chat/completions')) {
        res.write(chatChunk({ content: 'par' }));
        if (n > 1) res.write(chatChunk({ content: 'tial' }) + chatChunk({}, 'stop') + 'data: [DONE]\n\n');
      } else {
        res.write(respEvent('response.output_text.delta', { item_id: 'm', output_index: 0, content_index: 0, delta: 'par' }));
        if (n > 1) {
          res.write(respEvent('response.output_text.delta', { item_id: 'm', output_index: 0, content_index: 0, delta: 'tial' }));
          res.write(respEvent('response.completed', { response: { id: 'r', object: 'response', status: 'completed', output: [], usage: null } }));
        }
      }
      res.end();
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  return `http://127.0.0.1:${address.port}/v1`;
}

describe.each(['responses', 'chat'] as const)('clean end of stream before completion (%s)', (wire) => {
  it('is retried as a cut stream', async () => {
    const url = await startTruncatingServer();
    const { deltas, error } = await collect(clientFor(url, wire));
    expect(error).toBeUndefined();
    expect(retriesOf(deltas)).toHaveLength(1);
    expect(retriesOf(deltas)[0]?.message).toMatch(/closed before the response/);
    expect(textOf(lastAttempt(deltas))).toBe('partial');
    // Neither server sent a message item, only text deltas: the output keeps the text.
    expect(completedOf(deltas).output).toEqual([{ type: 'message', role: 'assistant', content: 'partial' }]);
  });
});
