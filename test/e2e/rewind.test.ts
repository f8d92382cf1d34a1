// End to end: `hew rewind RUN STEP` puts a run's copy back to a step's checkpoint byte for byte (files
// added since removed) and cuts the conversation back to that step; `hew exec --resume` then goes on
// from there. An unknown step is bad input (exit 2) that lists the steps there are.
import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ScriptedTurn } from '../support/model-server.ts';
import { treeFingerprint } from '../support/fixtures.ts';
import { DATE_FIX_PATCH } from '../support/scripts.ts';
import { closeWorlds, hewWorld } from '../support/world.ts';

afterEach(closeWorlds);

/** Every path and file content under dir, `.git` left out. */
function filesFingerprint(dir: string): string {
  const hash = createHash('sha256');
  const walk = (rel: string): void => {
    for (const name of readdirSync(join(dir, rel)).sort()) {
      if (rel === '' && name === '.git') continue;
      const path = rel ? `${rel}/${name}` : name;
      const st = lstatSync(join(dir, path));
      hash.update(`${path}\0${st.mode}\0`);
      if (st.isDirectory()) walk(path);
      else hash.update(readFileSync(join(dir, path)));
    }
  };
  walk('');
  return hash.digest('hex');
}

const ADD_EXTRA = '*** Begin Patch\n*** Add File: src/extra.js\n+export const extra = 1;\n*** End Patch';
const ADD_OTHER = '*** Begin Patch\n*** Add File: src/other.js\n+export const other = 2;\n*** End Patch';

describe('hew rewind', () => {
  it('restores the copy and the conversation to step 1, and the run goes on from there', async () => {
    const world = await hewWorld().build();
    const { repo, home } = world;
    const before = treeFingerprint(repo);
    const runsDir = join(home.state, 'hew', 'runs');
    let afterStep1 = '';
    const turns: ScriptedTurn[] = [
      { outputs: [{ tool: 'apply_patch', args: { input: DATE_FIX_PATCH } }] },
      { outputs: [{ tool: 'apply_patch', args: { input: ADD_EXTRA } }] },
      { outputs: [{ text: 'Fixed it and added extra.js.' }] },
    ];
    const first = await world.serve((_rec, index) => {
      // Step 2's request goes out after step 1's tools ran: the copy is as step 1 left it.
      if (index === 1) afterStep1 = filesFingerprint(join(runsDir, readdirSync(runsDir)[0] as string, 'work'));
      return turns[index] ?? { outputs: [{ text: 'script exhausted' }] };
    });
    const done = await world.hew(['exec', '--json', 'fix the parser']);
    expect(done.code).toBe(0);
    const started = done.events()[0];
    if (started?.type !== 'thread.started') throw new Error('no thread.started');
    const id = started.run_id;
    const copy = join(runsDir, id, 'work');
    expect(filesFingerprint(copy)).not.toBe(afterStep1);

    const unknown = await world.hew(['rewind', id, '9']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('0 (the start), 1, 2');

    const rewound = await world.hew(['rewind', id, '1']);
    expect(rewound.stderr).toBe('');
    expect(rewound.code).toBe(0);
    expect(rewound.stdout).toContain(`rewound run ${id} to step 1`);
    expect(filesFingerprint(copy)).toBe(afterStep1);
    const diff = await world.hew(['diff', '--name-status', id]);
    expect(diff.stdout).toBe('M\tsrc/date.js\n');

    const second = await world.serve([
      { outputs: [{ tool: 'apply_patch', args: { input: ADD_OTHER } }] },
      { outputs: [{ text: 'Added other.js instead.' }] },
    ]);
    const resumed = await world.hew(['exec', '--json', '--resume', id, 'do it differently']);
    expect(resumed.code).toBe(0);
    const earlier = first.requests[1]?.body as { input: unknown[] };
    expect((second.requests[0]?.body as { input: unknown[] }).input).toEqual([...earlier.input, { type: 'message', role: 'user', content: 'do it differently' }]);
    const end = resumed.events().at(-1);
    expect(end?.type === 'thread.completed' && end.files_changed.map((f) => f.path)).toEqual(['src/date.js', 'src/other.js']);

    // The new step 2 replaced the old one; going back to the start undoes everything.
    const steps = await world.hew(['rewind', id, '7']);
    expect(steps.stderr).toContain('0 (the start), 1, 2');
    expect((await world.hew(['rewind', id, '0'])).code).toBe(0);
    expect((await world.hew(['diff', '--name-status', id])).stdout).toBe('');
    expect(treeFingerprint(repo)).toBe(before);
  });
});
