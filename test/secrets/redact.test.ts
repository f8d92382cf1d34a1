// The redactor: literal secret values and token shapes in one pass, object walks, and the stream
// form that catches a secret split across chunks.
import { describe, expect, it } from 'vitest';
import { createEnvPolicy } from '../../src/secrets/env-policy.ts';
import { createRedactor, REDACTED, redactorFor, STREAM_HOLD } from '../../src/secrets/redact.ts';

const SECRET = 'myllm-9f8e7d6c5b4a';
const r = redactorFor([SECRET, 'short', 'p@ss:w0rd.$(x)']);

describe('redactorFor', () => {
  it.each([
    [`key=${SECRET} end`, `key=${REDACTED} end`],
    [`${SECRET}${SECRET}`, `${REDACTED}${REDACTED}`],
    ['regex characters p@ss:w0rd.$(x) are literal', `regex characters ${REDACTED} are literal`],
    ['a short value is kept: short', 'a short value is kept: short'],
    ['export OPENAI_API_KEY=sk-abc123def456ghi789jkl012mno', `export OPENAI_API_KEY=${REDACTED}`],
    ['Authorization: Bearer abc123def456ghi789', `Authorization: Bearer ${REDACTED}`],
    ['password = "hunter2-hunter2"', `password = "${REDACTED}"`],
    [`GITHUB_TOKEN: ghp_${'a'.repeat(36)}`, `GITHUB_TOKEN: ${REDACTED}`],
    ['Use a token bucket; max_tokens=4096; the sk-learn docs; Bearer auth', 'Use a token bucket; max_tokens=4096; the sk-learn docs; Bearer auth'],
  ])('%s', (input, expected) => {
    expect(r.text(input)).toBe(expected);
  });

  it('finds says whether text would redact anything, with the same rules and no state between calls', () => {
    const rows: [string, boolean][] = [
      [`key=${SECRET} end`, true],
      ['export OPENAI_API_KEY=sk-abc123def456ghi789jkl012mno', true],
      ['Authorization: Bearer abc123def456ghi789', true],
      ['Use a token bucket; max_tokens=4096; the sk-learn docs; Bearer auth', false],
      ['the Stripe key is read from $STRIPE_KEY', false],
    ];
    for (let round = 0; round < 2; round++) {
      for (const [text, found] of rows) {
        expect(r.finds(text)).toBe(found);
        expect(r.finds(text)).toBe(r.text(text) !== text);
      }
    }
  });

  it('walks objects, and hides values under secret-named keys', () => {
    expect(r.value({ a: [`x ${SECRET}`], api_key: 'plain', n: 1 })).toEqual({ a: [`x ${REDACTED}`], api_key: REDACTED, n: 1 });
  });

  it('createRedactor knows the values the policy removes from the environment', () => {
    const red = createRedactor({ MYLLM_KEY: SECRET, PATH: '/usr/bin:/bin' }, createEnvPolicy());
    expect(red.text(`PATH=/usr/bin:/bin MYLLM_KEY=${SECRET}`)).toBe(`PATH=/usr/bin:/bin MYLLM_KEY=${REDACTED}`);
  });

  it('is fast on a large output with many secrets', () => {
    const secrets = Array.from({ length: 200 }, (_, i) => `secret-value-${i}-${'x'.repeat(i % 40)}`);
    const big = 'src/a.ts:1: const x = compute(a, b); // ordinary line 1234567890\n'.repeat(30_000) + secrets[7];
    const started = performance.now();
    const out = redactorFor(secrets).text(big);
    expect(out.endsWith(REDACTED)).toBe(true);
    expect(performance.now() - started).toBeLessThan(5000);
  });
});

describe('stream', () => {
  const collect = (chunks: string[]): string => {
    const s = r.stream();
    return chunks.map((c) => s.push(c)).join('') + s.end();
  };

  it('catches a secret split across chunks, and releases whole lines at once', () => {
    const text = `line one\nvalue ${SECRET} here\n`;
    for (let cut = 1; cut < text.length; cut++) expect(collect([text.slice(0, cut), text.slice(cut)])).toBe(r.text(text));
    const s = r.stream();
    expect(s.push('done\nnext')).toBe('done\n');
    expect(s.end()).toBe('next');
  });

  it('holds back at most STREAM_HOLD characters of a line without a newline', () => {
    const s = r.stream();
    const out = s.push('x'.repeat(STREAM_HOLD * 3));
    expect(out.length).toBe(STREAM_HOLD * 2);
  });

  it('never splits a whole multi-line secret at a line end', () => {
    const multi = redactorFor(['first-line-of-it\nsecond-line-of-it']);
    const s = multi.stream();
    const out = s.push('a first-line-of-it\nsecond-line-of-it b\nc') + s.end();
    expect(out).toBe(`a ${REDACTED} b\nc`);
  });
});

describe('value', () => {
  it('keeps the identity of everything that needed no change (fronts match objects by identity)', () => {
    const request = { command: 'ls', cwd: '/repo' };
    const event = { type: 'item.started', item: { id: 'a', request } };
    expect(r.value(event)).toBe(event);
    const leaky = { type: 'x', item: { request, text: SECRET } };
    const out = r.value(leaky);
    expect(out).not.toBe(leaky);
    expect(out.item.request).toBe(request);
    expect(out.item.text).toBe(REDACTED);
  });
});
