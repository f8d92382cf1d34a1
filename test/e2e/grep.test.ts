// End to end, through the built CLI and the scripted model server: the grep tool's context lines
// reach the model in the next request, and nothing the model passes or writes becomes a ripgrep
// option (a pattern, path or glob that looks like one; a ripgrep config file in the copy).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir, treeFingerprint } from '../support/fixtures.ts';
import type { HewResult } from '../support/hew-cli.ts';
import { closeWorlds, hewWorld, type World } from '../support/world.ts';

afterEach(closeWorlds);

const exec = (world: World, env: Record<string, string> = {}): Promise<HewResult> => world.hew(['exec', '--json', 'look around'], { env });

describe('grep through hew exec', () => {
  it('answers a grep with context with the lines around the match', async () => {
    const world = await hewWorld().withScript([
      { outputs: [{ tool: 'grep', args: { pattern: 'day > 31', path: 'src', context: 2 } }] },
      { outputs: [{ tool: 'grep', args: { pattern: 'return null', before: 1, after: 0 } }] },
      { outputs: [{ text: 'Found it.' }] },
    ]).build();
    const result = await exec(world);
    expect(result.code).toBe(0);
    const [around, before] = world.toolOutputs();
    expect(around).toBe(
      [
        'src/date.js',
        '7-  const day = Number(match[3]);',
        '8-  if (month < 1 || month > 12) return null;',
        '9:  if (day < 1 || day > 31) return null;',
        '10-  return { year, month, day };',
        '11-}',
      ].join('\n'),
    );
    // Adjacent groups merge: line 8 is a match and line 9's context at once.
    expect(before).toBe(
      [
        'src/date.js',
        '3-  const match = /^(\\d{4})-(\\d{2})-(\\d{2})$/.exec(text);',
        '4:  if (!match) return null;',
        '--',
        '7-  const day = Number(match[3]);',
        '8:  if (month < 1 || month > 12) return null;',
        '9:  if (day < 1 || day > 31) return null;',
      ].join('\n'),
    );
    const commands = result.events().flatMap((e) => (e.type === 'item.completed' && e.item.type === 'command_execution' ? [e.item.command] : []));
    expect(commands).toEqual(["rg -n -C 2 'day > 31' src", "rg -n -B 1 'return null'"]);
  });

  it('never lets a pattern, path, glob or a ripgrep config the model wrote become an option', async () => {
    // If rg read the model's .ripgreprc, `--pre=sh` would run every searched file as a script on
    // the host, outside the sandbox: pwn.txt would touch the marker.
    const marker = join(tempDir('hew-grep-marker-'), 'PRE-RAN');
    const patch = [
      '*** Begin Patch',
      '*** Add File: .ripgreprc',
      '+--pre=sh',
      '*** Add File: pwn.txt',
      `+touch ${marker}`,
      '*** Add File: --pre=sh',
      `+touch ${marker}`,
      '*** End Patch',
    ].join('\n');
    const world = await hewWorld().withScript([
      { outputs: [{ tool: 'apply_patch', args: { input: patch } }] },
      { outputs: [{ tool: 'grep', args: { pattern: 'touch', glob: 'pwn.txt' } }] },
      { outputs: [{ tool: 'grep', args: { pattern: '--pre=sh', context: 1 } }] },
      { outputs: [{ tool: 'grep', args: { pattern: 'touch', path: '--pre=sh' } }] },
      { outputs: [{ tool: 'grep', args: { pattern: 'touch', glob: '--pre=sh' } }] },
      { outputs: [{ text: 'Done.' }] },
    ]).build();
    const { repo } = world;
    const before = treeFingerprint(repo);
    const result = await exec(world, { RIPGREP_CONFIG_PATH: '.ripgreprc' });
    expect(result.code).toBe(0);
    const [, viaConfig, dashPattern, dashPath, dashGlob] = world.toolOutputs();
    expect(viaConfig).toBe(`pwn.txt:1:touch ${marker}`);
    expect(dashPattern).toBe('.ripgreprc\n1:--pre=sh');
    expect(dashPath).toBe(`--pre=sh:1:touch ${marker}`);
    expect(dashGlob).toBe(`--pre=sh:1:touch ${marker}`);
    expect(existsSync(marker)).toBe(false);
    expect(treeFingerprint(repo)).toBe(before);
  });
});
