// End to end: a mistyped command never becomes a paid prompt. `hew dif` and `hew exce "hi"` are
// refused with the command meant (exit 2, no model request, no run); `hew -- dif` sends the word as
// a prompt; `hew help [command]` prints help; every command's --help ends with examples;
// `hew completion bash|zsh|fish` prints a completion script.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir, treeFingerprint } from '../support/fixtures.ts';
import { startHewTui, type TmuxSession } from '../support/tmux.ts';
import { closeWorlds, hewWorld, type World } from '../support/world.ts';

let tmux: TmuxSession | undefined;
afterEach(async () => {
  tmux?.kill();
  tmux = undefined;
  await closeWorlds();
});

/** A user with no provider set up, in a plain directory (no repository): help, typos and completion need neither. */
function noProvider(): Promise<World> {
  return hewWorld().withRepo(null).withoutOpenAI().build();
}

describe('typos are not prompts', () => {
  it.each([
    [['dif'], 'unknown command "dif" — did you mean `hew diff`? (to send it as a prompt: hew -- dif)'],
    [['exce', 'hi'], 'unknown command "exce" — did you mean `hew exec`? (to send it as a prompt: hew -- "exce hi")'],
    [['-m', 'gpt-5.5', 'aply'], 'unknown command "aply" — did you mean `hew apply`? (to send it as a prompt: hew -- aply)'],
  ])('hew %j is refused with the command meant: exit 2, no model request, no run', async (args, message) => {
    const world = await hewWorld().withScript([{ outputs: [{ text: 'should never be asked' }] }]).build();
    const before = treeFingerprint(world.repo);
    const result = await world.hew(args);
    expect(result.stderr).toBe(`hew: ${message}\n`);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(world.requests).toHaveLength(0);
    const runs = await world.hew(['runs', '--json']);
    expect(runs.stdout).toBe('');
    expect(treeFingerprint(world.repo)).toBe(before);
  });

  it('several unquoted words are refused with the quoted form, not sent', async () => {
    const result = await (await noProvider()).hew(['fix', 'the', 'bug']);
    expect(result.stderr).toBe('hew: too many arguments: put the prompt in quotes, e.g. hew "fix the bug"\n');
    expect(result.code).toBe(2);
  });

  it('`hew -- dif` sends the word to the model as the first message', async () => {
    const world = await hewWorld().withScript([{ outputs: [{ text: 'Sent dif as a prompt.' }] }]).build();
    tmux = startHewTui({ cwd: world.repo, args: ['--', 'dif'], home: world.home, env: world.env, height: 40 });
    await tmux.waitFor('Sent dif as a prompt.', 60_000);
    expect(world.requests).toHaveLength(1);
    expect(JSON.stringify(world.requests[0]!.body)).toContain('dif');
  });

  it('`hew fix` is not refused as a typo (it goes on to the session, which needs a terminal)', async () => {
    const world = await hewWorld().withoutOpenAI().build();
    const result = await world.hew(['fix']);
    expect(result.stderr).not.toContain('unknown command');
    expect(result.stderr).toContain('needs a terminal');
  });
});

describe('help', () => {
  it('`hew help` and `hew help COMMAND` print help and exit 0', async () => {
    const world = await noProvider();
    const top = await world.hew(['help']);
    expect(top.code).toBe(0);
    expect(top.stdout).toContain('Usage: hew [options] [command] [prompt]');
    expect(top.stdout).toContain('completion');
    const diff = await world.hew(['help', 'diff']);
    expect(diff.code).toBe(0);
    expect(diff.stdout).toContain('Usage: hew diff [options] [run]');
    expect(diff.stdout).toContain('Examples:\n  hew diff');
  });

  it('`hew help nosuch` is a usage error naming the nearest command, not the top help', async () => {
    const world = await noProvider();
    const near = await world.hew(['help', 'dif']);
    expect(near.code).toBe(2);
    expect(near.stdout).toBe('');
    expect(near.stderr).toBe('hew: no command "dif"; did you mean `hew help diff`? (`hew help` lists the commands)\n');
    const none = await world.hew(['help', 'zzzzzz']);
    expect(none.code).toBe(2);
    expect(none.stderr).toBe('hew: no command "zzzzzz" (`hew help` lists the commands)\n');
  });

  it.each(['exec', 'apply', 'diff', 'runs', 'batch', 'watch', 'discard', 'resume', 'doctor', 'report', 'config', 'models', 'completion', 'acp', 'pick'])(
    '`hew %s --help` ends with examples of that command',
    async (command) => {
      const result = await (await noProvider()).hew([command, '--help']);
      expect(result.code).toBe(0);
      const examples = result.stdout.split('\nExamples:\n')[1];
      expect(examples).toBeDefined();
      for (const line of examples!.trimEnd().split('\n')) expect(line).toMatch(new RegExp(`^  (source <\\(|cat .* \\| )?hew ${command}\\b|^  hew completion fish`));
    },
  );
});

describe('hew completion', () => {
  it('bash: completes commands, and the flags of the command typed', async () => {
    const result = await (await noProvider()).hew(['completion', 'bash']);
    expect(result.code).toBe(0);
    const script = join(tempDir(), 'hew.bash');
    writeFileSync(script, result.stdout);
    const complete = (...words: string[]): string[] => {
      const out = spawnSync('bash', ['-c', `source ${script}; COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _hew; printf '%s\\n' "\${COMPREPLY[@]}"`], { encoding: 'utf8' });
      expect(out.stderr).toBe('');
      return out.stdout.split('\n').filter(Boolean);
    };
    expect(complete('hew', 'ex')).toEqual(['exec']);
    expect(complete('hew', 'd')).toEqual(['diff', 'discard', 'demo', 'doctor']);
    expect(complete('hew', 'exec', '--out')).toEqual(['--output-last-message', '--output-schema']);
    expect(complete('hew', 'apply', '--')).toEqual(['--branch', '--dry-run', '--include-ignored', '--json', '--cd', '--help']);
    expect(complete('hew', '--pro')).toEqual(['--provider', '--profile']);
  });

  it('zsh and fish: a script naming every command; an unknown shell is exit 2', async () => {
    const world = await noProvider();
    const zsh = await world.hew(['completion', 'zsh']);
    expect(zsh.code).toBe(0);
    expect(zsh.stdout).toMatch(/^#compdef hew\n/);
    expect(zsh.stdout).toContain('compdef _hew hew');
    expect(zsh.stdout).toContain('exec) compadd -- -m --model');
    const fish = await world.hew(['completion', 'fish']);
    expect(fish.code).toBe(0);
    expect(fish.stdout).toContain("complete -c hew -n '__fish_seen_subcommand_from apply' -l dry-run");
    for (const shell of ['zsh', 'fish']) {
      const found = spawnSync(shell, ['-n', '/dev/null']);
      if (found.error) continue; // that shell is not installed here: its syntax goes unchecked
      const file = join(tempDir(), `hew.${shell}`);
      writeFileSync(file, shell === 'zsh' ? zsh.stdout : fish.stdout);
      expect(spawnSync(shell, ['-n', file], { encoding: 'utf8' }).status).toBe(0);
    }
    const bad = await world.hew(['completion', 'tcsh']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("'tcsh' is invalid");
  });
});
