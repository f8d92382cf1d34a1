// End to end: a server that goes away in the middle of a run (a local model server restarting) is
// retried like any other connection failure, so the run goes on when it comes back; only a server
// that was never reached fails the run at once (error-fixes.test.ts).
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { treeFingerprint } from '../support/fixtures.ts';
import { closeWorlds, hewWorld } from '../support/world.ts';

afterEach(closeWorlds);

describe('a model server that restarts mid-run', () => {
  it('ECONNREFUSED after the model has answered is retried; the run completes when the server is back', async () => {
    const world = await hewWorld()
      .withScript([{ outputs: [{ tool: 'shell', args: { command: 'until [ -f go ]; do sleep 0.05; done; echo went' } }] }])
      .build();
    const { repo } = world;
    const before = treeFingerprint(repo);
    const first = world.server!;
    const port = Number(new URL(first.url).port);
    let copy: string | null = null;
    let stdout = '';
    let phase: 'start' | 'down' | 'back' = 'start';
    const result = await world.hew(['exec', '--json', 'wait, then answer'], {
      timeoutMs: 120_000,
      onStdout: (chunk) => {
        stdout += chunk;
        copy ??= /"working_copy":"([^"]+)"/.exec(stdout)?.[1] ?? null;
        if (phase === 'start' && copy && /"type":"item.started","item":\{[^}]*"command_execution"/.test(stdout)) {
          phase = 'down';
          // The server goes away while the command runs; the command then ends and the next request finds nothing listening.
          void first.close().then(() => writeFileSync(join(copy as string, 'go'), ''));
        }
        if (phase === 'down' && /"type":"error"[^\n]*"will_retry":true/.test(stdout)) {
          phase = 'back';
          // The same world's server comes back on the same port (serve closes `first`, already gone, again).
          void world.serve([{ outputs: [{ text: 'done after the restart' }] }], { port });
        }
      },
    });
    expect(result.code, result.stderr).toBe(0);
    expect(phase).toBe('back');
    const events = result.events();
    expect(events.find((e) => e.type === 'error' && e.will_retry)).toMatchObject({ message: expect.stringMatching(/cannot reach openai at http:\/\/127\.0\.0\.1:\d+\/v1 \(ECONNREFUSED/) });
    expect(events.at(-1)).toMatchObject({ type: 'thread.completed', status: 'completed', final_message: 'done after the restart' });
    expect(existsSync(join(repo, 'go'))).toBe(false);
    expect(treeFingerprint(repo)).toBe(before);
  });
});
