// A base URL as shown: no user name, password, query or fragment; as a table.
import { describe, expect, it } from 'vitest';
import { displayURL, scrubURLs } from '../../src/model/display-url.ts';

describe('displayURL', () => {
  const table: [string, string][] = [
    ['https://api.openai.com/v1', 'https://api.openai.com/v1'],
    ['http://127.0.0.1:8080/v1/', 'http://127.0.0.1:8080/v1'],
    ['http://user:secret@127.0.0.1:8080/v1', 'http://127.0.0.1:8080/v1'],
    ['http://token@host/v1', 'http://host/v1'],
    ['https://x.openai.azure.com/openai/v1?api-key=secret#frag', 'https://x.openai.azure.com/openai/v1'],
    ['not a url?key=secret', 'not a url'],
    ['user:secret@host/v1', 'host/v1'],
  ];
  it.each(table)('%s → %s', (url, shown) => {
    expect(displayURL(url)).toBe(shown);
  });

  it('scrubs every URL inside a text, and leaves the rest', () => {
    expect(scrubURLs('fetch failed: http://u:p@h:1/v1/responses?k=s (ECONNRESET)')).toBe('fetch failed: http://h:1/v1/responses (ECONNRESET)');
    expect(scrubURLs('no url here')).toBe('no url here');
  });
});
