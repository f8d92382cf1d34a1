// End to end in a real terminal (tmux, `focus-events on`), the built CLI's TUI against the scripted
// model server: hew turns on focus reporting, and rings the bell when a turn ends or an approval
// waits while its pane has lost focus — not while it has it. Focus changes are tmux's own: a session
// nobody is attached to is unfocused, a client attaching (on a pty of its own) focuses the pane, and
// switching that client to another window takes the focus away. Everything hew writes to the
// terminal is recorded raw (tmux pipe-pane) to see the BEL, the OSC 9 and the focus-reporting modes.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { answer, shell } from '../support/scripts.ts';
import { startHewTui, type TmuxSession } from '../support/tmux.ts';
import { closeWorlds, hewWorld, type World } from '../support/world.ts';

const sessions: TmuxSession[] = [];
const clients: { detach(): void }[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.detach();
  for (const s of sessions.splice(0)) s.kill();
  await closeWorlds();
});

const WAIT = 60_000;
const BEL = '\u0007';
const FOCUS_ON = '\u001b[?1004h';
const FOCUS_OFF = '\u001b[?1004l';
const TOKENS = /\d[\d.]*k? in \/ \d[\d.]*k? out/;

/** What hew wrote to the terminal so far (raw). */
const written = (file: string): string => (existsSync(file) ? readFileSync(file, 'latin1') : '');
/** BELs hew wrote on their own (an OSC string's own terminator is not one). */
// eslint-disable-next-line no-control-regex -- an OSC string is ESC ] … BEL
const bells = (file: string): number => written(file).replace(/\u001b\][^\u0007]*\u0007/g, '').split(BEL).length - 1;

async function until(what: string, check: () => boolean): Promise<void> {
  const deadline = Date.now() + WAIT;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

function startHew(world: World, record: string, args: string[] = []): TmuxSession {
  const session = startHewTui({ cwd: world.repo, home: world.home, env: world.env, args, options: [['focus-events', 'on']], recordOutput: record });
  sessions.push(session);
  return session;
}

describe('the TUI rings the terminal when it is not looked at', () => {
  it('a turn that ends and an approval that waits ring while the pane is unfocused; nothing while it is focused', async () => {
    const world = await hewWorld()
      .withScript([answer('first answer'), answer('second answer'), shell('node test/date.test.js'), answer('after the denial')])
      .build();
    const out = join(world.dir, 'terminal.out');
    const tmux = startHew(world, out, ['-a', 'untrusted']);
    await tmux.waitFor('Ask hew to do something', WAIT);
    await until('focus reporting on', () => written(out).includes(FOCUS_ON));

    // A person attaches: tmux reports the pane focused before any key they type.
    const client = tmux.attachClient();
    clients.push(client);
    await until('a focused client', () => tmux.clientFlags().includes('focused'));
    await tmux.submit('first task');
    await tmux.waitFor('first answer', WAIT);
    await tmux.waitFor(TOKENS, WAIT);
    expect(bells(out)).toBe(0);

    // They switch to another window: hew's pane loses focus (inside tmux, auto means the bell).
    tmux.switchAway();
    await tmux.submit('second task');
    await tmux.waitFor('second answer', WAIT);
    await until('a bell for the finished turn', () => bells(out) === 1);
    expect(tmux.bellFlag()).toBe(true);

    await tmux.submit('run the tests');
    await tmux.waitFor('y yes, once', WAIT);
    await until('a bell for the waiting approval', () => bells(out) === 2);
    tmux.type('n');
    await tmux.waitFor('A note for the model', WAIT);
    tmux.keys('Enter');
    await tmux.waitFor('after the denial', WAIT);
    await until('a bell for the turn that ended after it', () => bells(out) === 3);

    // The focus reports tmux sent (out, in, out) never showed up as typed text.
    expect(tmux.history()).not.toMatch(/\[[IO]/);
    await tmux.submit('/quit');
    await tmux.waitFor(/\[exit 0\]/, WAIT);
    const all = written(out);
    expect(all.lastIndexOf(FOCUS_OFF)).toBeGreaterThan(all.lastIndexOf(FOCUS_ON));
    // hew wrote no OSC 9 inside tmux (auto), and never the model's words in a notification.
    expect(all).not.toContain('\u001b]9;');
  });

  it('tui_notifications = "off": no focus reporting and no bell; `hew config` says so', async () => {
    const world = await hewWorld().withConfig('tui_notifications = "off"\n').withScript([answer('done here')]).build();
    const config = await world.hewOk(['config']);
    expect(config.stdout).toMatch(/^tui_notifications = "off" {2}# .*config\.toml$/m);
    const out = join(world.dir, 'terminal.out');
    const tmux = startHew(world, out);
    await tmux.waitFor('Ask hew to do something', WAIT);
    await tmux.submit('a task'); // nobody is attached: the pane is unfocused
    await tmux.waitFor('done here', WAIT);
    await tmux.waitFor(TOKENS, WAIT);
    await tmux.submit('/quit');
    await tmux.waitFor(/\[exit 0\]/, WAIT);
    expect(bells(out)).toBe(0);
    expect(tmux.bellFlag()).toBe(false);
    expect(written(out)).not.toContain(FOCUS_ON);
  });

  it('tui_notifications = "osc9" inside tmux: an OSC 9 with fixed text, wrapped for tmux passthrough', async () => {
    const world = await hewWorld().withConfig('tui_notifications = "osc9"\n').withScript([answer('finished \u0007 with a bell in it')]).build();
    const out = join(world.dir, 'terminal.out');
    const tmux = startHew(world, out);
    await tmux.waitFor('Ask hew to do something', WAIT);
    await tmux.submit('a task');
    await until('an OSC 9 notification', () => written(out).includes('\u001b]9;'));
    const repoName = world.repo.split('/').at(-1) ?? '';
    expect(written(out)).toContain(`\u001bPtmux;\u001b\u001b]9;hew: turn finished (${repoName})\u0007\u001b\\`);
    expect(bells(out)).toBe(0);
    await tmux.submit('/quit');
    await tmux.waitFor(/\[exit 0\]/, WAIT);
  });
});
