// `$NAME` in a prompt typed in the TUI (the interactive controller, no UI): a known skill's body goes
// into the request up front, before the prompt, and shows as a `skill` item; `$HOME` and unknown
// names do nothing; `$p` completes to the skill names.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../support/fixtures.ts';
import { closeSessions, completed, requestInput, startSession } from './harness.ts';

afterEach(closeSessions);

const BODY = 'PDF-SKILL-BODY-e31f: use pdftotext -layout.';

function userHomeWithSkill(): string {
  const home = tempDir('hew-skills-home-');
  const dir = join(home, '.agents', 'skills', 'pdf');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'SKILL.md'), `---\nname: pdf\ndescription: Extract text from PDF files.\n---\n${BODY}\n`);
  return home;
}

describe('$NAME in a prompt', () => {
  it('puts a known skill body into the request before the prompt and shows it as a skill item', async () => {
    const home = userHomeWithSkill();
    const s = await startSession([{ outputs: [{ text: 'ok' }] }, { outputs: [{ text: 'ok again' }] }], { skillsHome: home });
    await s.turn('read invoice.pdf with $pdf; keep $HOME and $nope as they are');
    const input = requestInput(s.server, 0);
    const skillAt = input.findIndex((i) => i.role === 'developer' && String(i.content).includes(BODY));
    const promptAt = input.findIndex((i) => i.role === 'user' && JSON.stringify(i.content).includes('read invoice.pdf with $pdf'));
    expect(skillAt).toBeGreaterThan(0);
    expect(promptAt).toBe(skillAt + 1);
    expect(String(input[skillAt]!.content)).toContain(`<skill name="pdf" folder="${join(home, '.agents', 'skills', 'pdf')}/">`);
    expect(input.filter((i) => String(i.content).includes(BODY))).toHaveLength(1);
    expect(completed(s.events, 'command_execution').map((i) => i.command)).toContain('skill pdf ($pdf)');

    // A prompt without $NAME loads nothing more.
    await s.turn('thanks, and $HOME is fine');
    expect(JSON.stringify(requestInput(s.server, 1)).split(BODY)).toHaveLength(2);
    expect(s.controller.complete('$p')).toEqual(['$pdf']);
    expect(s.controller.complete('$H')).toEqual([]);
  });
});
