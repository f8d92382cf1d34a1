// End to end: a scripted model writes terminal escapes into a command, a file name, a file's content
// and its final message (OSC 52 clipboard writes, cursor moves and erases, `\r` overwrites). On a
// terminal — exec's stderr and stdout, `hew diff`, `hew apply`, `hew runs`, the TUI and its approval
// prompt — they are shown visibly and never reach the terminal raw; `--json` and a piped `hew diff`
// keep the exact text (a changed path in the run's result is named as git quotes it: `"notes\033[1A…"`).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ScriptedTurn } from '../support/model-server.ts';
import { runHewOnPty } from '../support/pty.ts';
import { startHewTui, type TmuxSession } from '../support/tmux.ts';
import { closeWorlds, hewWorld } from '../support/world.ts';

const ESC = '\u001b';
const BEL = '\u0007';
/** Shows as `ls -la` on a terminal that interprets it, while `touch` runs. */
const SNEAKY = `touch pwned; echo hidden ${ESC}[2K\r${ESC}[1A${ESC}[2Kls -la`;
const SNEAKY_SHOWN = 'touch pwned; echo hidden ␛[2K␍␛[1A␛[2Kls -la';
const EVIL_NAME = `notes${ESC}[1A${ESC}[2K.txt`;
const EVIL_NAME_SHOWN = 'notes␛[1A␛[2K.txt';
/** How a changed path is named in the run's result, `hew apply` and `files_changed`: git's C-quoting (workcopy/path-bytes.ts). */
const EVIL_NAME_QUOTED = '"notes\\033[1A\\033[2K.txt"';
const CONTENT = `copy ${ESC}]52;c;cm0gLXJmIH4=${BEL} this`;
const CONTENT_SHOWN = 'copy ␛]52;c;cm0gLXJmIH4=␇ this';
const FINAL = `All done.${ESC}]52;c;ZWNobyBwd25lZA==${BEL}${ESC}[2K\rNothing to see here. Also &#27;]52;c;ZW50aXR5&#7; end.`;
const FINAL_SHOWN = 'All done.␛]52;c;ZWNobyBwd25lZA==␇␛[2K␍Nothing to see here.';

function script(): ScriptedTurn[] {
  return [
    { outputs: [{ tool: 'shell', args: { command: SNEAKY } }] },
    { outputs: [{ tool: 'apply_patch', args: { input: `*** Begin Patch\n*** Add File: ${EVIL_NAME}\n+${CONTENT}\n*** End Patch` } }] },
    { outputs: [{ text: FINAL }] },
  ];
}

let tmux: TmuxSession | undefined;
afterEach(async () => {
  tmux?.kill();
  tmux = undefined;
  await closeWorlds();
});

/**
 * hew's own elapsed-time line under a command that runs 3 seconds or more (exec on a terminal, which a
 * loaded machine can make of `touch`): drawn and erased with `\r` + CSI 2 K, never with model text.
 */
// eslint-disable-next-line no-control-regex -- the erase sequence is the point
const ELAPSED_LINE = /\r\u001b\[2K( {2}… running (\d+m )?\d+s)?/g;

/** Nothing a terminal would interpret: no ESC, BEL or C1 byte, and no `\r` but a pty's CRLF (and hew's elapsed line). */
function expectInert(output: string): void {
  // eslint-disable-next-line no-control-regex -- looking for control characters is the point
  expect(output.replace(ELAPSED_LINE, '').replace(/\r\n/g, '\n')).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
}

describe('terminal escapes from the model', () => {
  it('exec, diff, apply and runs on a terminal show them visibly; --json and a piped diff keep them exact', async () => {
    const world = await hewWorld().withScript(script()).build();
    const { repo, home, env } = world;
    const exec = await runHewOnPty(['exec', 'add the notes'], { cwd: repo, env });
    expect(exec.code).toBe(0);
    expectInert(exec.output);
    expect(exec.output).toContain(`$ ${SNEAKY_SHOWN}`);
    expect(exec.output).toContain(`add    ${EVIL_NAME_QUOTED}`);
    expect(exec.output).toContain(FINAL_SHOWN);
    const id = /run (\d{8}-\d{6}-[0-9a-z]{4})/.exec(exec.output)?.[1] ?? '';
    expect(id).not.toBe('');

    const diff = await runHewOnPty(['diff', id], { cwd: repo, env });
    expect(diff.code).toBe(0);
    expectInert(diff.output);
    expect(diff.output).toContain(`+${CONTENT_SHOWN}`);
    // git quotes unusual names itself unless told not to; told so, the names reach hew raw.
    writeFileSync(join(home.env.HOME ?? '', '.gitconfig'), '[core]\n\tquotePath = false\n');
    const stat = await runHewOnPty(['diff', id, '--stat'], { cwd: repo, env });
    expectInert(stat.output);
    expect(stat.output).toMatch(/2 files changed/);
    const piped = await world.hew(['diff', id]);
    expect(piped.stdout).toContain(`+${CONTENT}\n`);

    const runs = await runHewOnPty(['runs'], { cwd: repo, env });
    expectInert(runs.output);
    expect(runs.output).toContain(id);

    const apply = await runHewOnPty(['apply', id], { cwd: repo, env });
    expect(apply.code).toBe(0);
    expectInert(apply.output);
    expect(apply.output).toContain(`add    ${EVIL_NAME_QUOTED}`);
    expect(readFileSync(join(repo, EVIL_NAME), 'utf8')).toBe(`${CONTENT}\n`);
  }, 180_000);

  it('--json keeps the exact text, as valid JSON with the escapes escaped', async () => {
    const world = await hewWorld().withScript(script()).build();
    const result = await world.hew(['exec', '--json', 'add the notes'], { timeoutMs: 60_000 });
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain(ESC);
    const events = result.events();
    const command = events.find((e) => e.type === 'item.completed' && e.item.type === 'command_execution');
    expect(command?.type === 'item.completed' && command.item.type === 'command_execution' ? command.item.command : null).toBe(SNEAKY);
    const done = events.at(-1);
    expect(done?.type).toBe('thread.completed');
    if (done?.type !== 'thread.completed') return;
    expect(done.final_message).toBe(FINAL);
    expect(done.files_changed.map((f) => f.path).sort()).toEqual([EVIL_NAME_QUOTED, 'pwned']);
  }, 120_000);

  it('the TUI and its approval prompt show them visibly', async () => {
    const world = await hewWorld().withScript(script()).build();
    const { repo } = world;
    tmux = startHewTui({ cwd: repo, args: ['-a', 'untrusted'], env: { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: world.server!.url }, width: 120, height: 50 });
    await tmux.waitFor('Ask hew to do something');
    await tmux.submit('add the notes');
    const asking = await tmux.waitFor('y yes, once');
    expect(asking).toContain(`$ ${SNEAKY_SHOWN}`);
    tmux.type('y');
    await tmux.waitFor(`A ${EVIL_NAME_SHOWN}`);
    const done = await tmux.waitFor('Nothing to see here.');
    expect(done).toContain(FINAL_SHOWN);
    expect(done).toContain('␛]52;c;ZW50aXR5␇ end.');
    expect(done).toContain(`$ ${SNEAKY_SHOWN}`);
    expect(existsSync(join(repo, 'pwned'))).toBe(false);
  }, 120_000);
});
