// End to end in a real terminal (tmux), the built CLI's TUI against the scripted model server: the
// `notify` command (docs/background.md) hears of an approval that waits for the person — while the
// prompt is on the screen — and of each turn that ends. The command records its last argument.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { NotifyPayload } from '../../src/protocol/notify.ts';
import { startHewTui, type TmuxSession } from '../support/tmux.ts';
import { closeWorlds, hewWorld } from '../support/world.ts';

const sessions: TmuxSession[] = [];
afterEach(async () => {
  for (const s of sessions.splice(0)) s.kill();
  await closeWorlds();
});

const WAIT = 60_000;

/** The payloads recorded in `out`, oldest first. */
function payloads(out: string): NotifyPayload[] {
  return readdirSync(out)
    .sort()
    .map((name) => JSON.parse(readFileSync(join(out, name), 'utf8')) as NotifyPayload);
}

/** Waits until `out` holds a payload that `match` accepts (the notify command wrote its file). */
async function payloadWhere(out: string, match: (p: NotifyPayload) => boolean, what: string): Promise<NotifyPayload> {
  const deadline = Date.now() + WAIT;
  for (;;) {
    const found = payloads(out).find(match);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no ${what} payload; recorded: ${JSON.stringify(payloads(out))}`);
    await sleep(50);
  }
}

describe('notify in the TUI', () => {
  it('sends approval.waiting while the approval prompt is shown, and turn.completed when the turn ends', async () => {
    const world = await hewWorld()
      .withScript([
        { outputs: [{ tool: 'shell', args: { command: 'touch escaped.txt', sandbox_permissions: 'require_escalated', justification: 'write outside the copy' } }] },
        { outputs: [{ text: 'I asked, and was told no.' }] },
      ])
      .build();
    const out = join(world.dir, 'notified');
    mkdirSync(out);
    mkdirSync(join(world.home.config, 'hew'), { recursive: true });
    // Written by a temp file then renamed, so a reader never sees half a payload.
    const record = `printf '%s' "$1" > "${out}/.tmp-$$" && mv "${out}/.tmp-$$" "${out}/$(date +%s%N)-$$.json"`;
    writeFileSync(join(world.home.config, 'hew', 'config.toml'), `notify = ["sh", "-c", ${JSON.stringify(record)}, "sh"]\n`);
    const tmux = startHewTui({ cwd: world.repo, home: world.home, env: world.env });
    sessions.push(tmux);
    await tmux.waitFor('Ask hew to do something', WAIT);
    await tmux.submit('write a file outside the copy');
    await tmux.waitFor('y yes, once', WAIT);

    // The prompt is still up (nothing answered it): the payload arrived while the person was asked.
    const waiting = await payloadWhere(out, (p) => p.type === 'approval.waiting', 'approval.waiting');
    expect(tmux.screen()).toContain('y yes, once');
    expect(waiting).toMatchObject({
      type: 'approval.waiting',
      status: 'awaiting_approval',
      exit_code: null,
      repository: world.repo,
      approval: { tool: 'shell', command: 'touch escaped.txt', justification: 'write outside the copy', sandboxed: false },
    });
    expect(waiting.run_id).toMatch(/^\d{8}-\d{6}-/);
    expect(payloads(out).filter((p) => p.type === 'turn.completed')).toEqual([]);

    tmux.keys('n');
    await tmux.waitFor('A note for the model (optional)', WAIT);
    tmux.keys('Enter');
    await tmux.waitFor('I asked, and was told no.', WAIT);
    const turn = await payloadWhere(out, (p) => p.type === 'turn.completed', 'turn.completed');
    expect(turn).toMatchObject({ type: 'turn.completed', turn: 1, status: 'completed', run_id: waiting.run_id, final_message: 'I asked, and was told no.', exit_code: null });

    await tmux.submit('/quit');
    await tmux.waitFor(/\[exit 0\]/, WAIT);
    expect(payloads(out).map((p) => p.type)).toEqual(['approval.waiting', 'turn.completed']);
  });

  it('shows a notify command that fails as a warning in the session; the session goes on and exits 0', async () => {
    const world = await hewWorld().withScript([{ outputs: [{ text: 'first answer' }] }, { outputs: [{ text: 'second answer' }] }]).build();
    mkdirSync(join(world.home.config, 'hew'), { recursive: true });
    writeFileSync(join(world.home.config, 'hew', 'config.toml'), 'notify = ["sh", "-c", "echo no desktop here >&2; exit 3", "sh"]\n');
    const tmux = startHewTui({ cwd: world.repo, home: world.home, env: world.env });
    sessions.push(tmux);
    await tmux.waitFor('Ask hew to do something', WAIT);
    await tmux.submit('first');
    await tmux.waitFor('first answer', WAIT);
    await tmux.waitFor('the notify command `sh` exited with code 3: no desktop here (turn.completed)', WAIT);
    await tmux.submit('second');
    await tmux.waitFor('second answer', WAIT);
    await tmux.submit('/quit');
    await tmux.waitFor(/\[exit 0\]/, WAIT);
  });
});
