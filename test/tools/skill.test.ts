// The skill tool: a body with its folder's files, one file, and every refusal the model can act on
// (unknown name, `..`, an absolute path, a link out of the folder, a missing file, a skill broken since
// the run started); repository skills read from the copy (`root`), user skills from their folder.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Skill } from '../../src/skills/discover.ts';
import { skillTool } from '../../src/tools/skill.ts';
import { makeTempDir } from '../sandbox/helpers.ts';
import { makeContext } from './context.ts';
import type { TestContext } from './context.ts';

let t: TestContext;
let home: { dir: string; cleanup: () => void };
let userDir: string;

function writeIn(dir: string, rel: string, content: string | Buffer): void {
  mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
  writeFileSync(path.join(dir, rel), content);
}

beforeEach(() => {
  home = makeTempDir('hew-skill-home-');
  userDir = path.join(home.dir, '.agents', 'skills', 'pdf');
  writeIn(userDir, 'SKILL.md', '---\nname: pdf\ndescription: PDFs.\n---\nUse scripts/extract.sh.\n');
  writeIn(userDir, 'scripts/extract.sh', 'echo extract\n');
  writeIn(userDir, 'references/forms.md', 'forms\n');
  writeIn(userDir, 'bin/tool', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1]));
  writeIn(home.dir, 'secret.txt', 'SECRET\n');
  symlinkSync(path.join(home.dir, 'secret.txt'), path.join(userDir, 'leak'));
  const skills: Skill[] = [
    { name: 'lint-fix', description: 'Lint.', scope: 'repo', folder: '.agents/skills/lint-fix', realDir: '/nowhere' },
    { name: 'pdf', description: 'PDFs.', scope: 'user', folder: userDir, realDir: userDir },
  ];
  t = makeContext({ skills });
  writeIn(t.root, '.agents/skills/lint-fix/SKILL.md', '---\nname: lint-fix\ndescription: Lint.\n---\nRun the linter.\n');
});
afterEach(() => {
  t.cleanup();
  home.cleanup();
});

const run = (args: { name: string; file?: string }) => skillTool.run(args, t.ctx);

describe('skill tool', () => {
  it('returns a user skill body with its folder and files', async () => {
    const out = await run({ name: 'pdf' });
    expect(out.status).toBe('completed');
    expect(out.output).toBe(`<skill name="pdf" folder="${userDir}/">\nUse scripts/extract.sh.\n</skill>\nFiles in the folder: bin/tool, leak, references/forms.md, scripts/extract.sh`);
    expect(out.item).toMatchObject({ type: 'command_execution', tool: 'skill', command: 'skill pdf', exit_code: 0 });
  });

  it('never blocks on a FIFO put in a repository skill folder in the copy, as a file or as SKILL.md', async () => {
    execFileSync('mkfifo', [path.join(t.root, '.agents/skills/lint-fix/pipe')]);
    const file = await run({ name: 'lint-fix', file: 'pipe' });
    expect(file.status).toBe('failed');
    expect(file.output).toMatch(/FIFO/);
    rmSync(path.join(t.root, '.agents/skills/lint-fix/SKILL.md'));
    execFileSync('mkfifo', [path.join(t.root, '.agents/skills/lint-fix/SKILL.md')]);
    const body = await run({ name: 'lint-fix' });
    expect(body.status).toBe('failed');
    expect(body.output).toMatch(/cannot be read now: .*FIFO/);
  });

  it('reads a repository skill from the copy', async () => {
    const out = await run({ name: 'lint-fix' });
    expect(out.output).toBe('<skill name="lint-fix" folder=".agents/skills/lint-fix/">\nRun the linter.\n</skill>');
  });

  it('reads one file, and lists a folder', async () => {
    expect((await run({ name: 'pdf', file: 'scripts/extract.sh' })).output).toBe('echo extract\n');
    expect((await run({ name: 'pdf', file: 'scripts' })).output).toBe('scripts is a folder; its files: extract.sh');
  });

  it.each([
    [{ name: 'pdff' }, 'No skill named "pdff". The skills are: lint-fix, pdf.'],
    [{ name: 'pdf', file: '../../../secret.txt' }, 'skill refused: ../../../secret.txt is outside the folder of skill "pdf"; name a file inside it.'],
    [{ name: 'pdf', file: '/etc/passwd' }, 'skill refused: /etc/passwd is outside the folder of skill "pdf"; name a file inside it.'],
    [{ name: 'pdf', file: 'leak' }, 'skill refused: leak is outside the folder of skill "pdf"; name a file inside it.'],
    [{ name: 'pdf', file: 'references/x.md' }, 'The skill "pdf" has no file references/x.md. Files in the folder: SKILL.md, bin/tool, leak, references/forms.md, scripts/extract.sh'],
    [{ name: 'pdf', file: 'bin/tool' }, /^bin\/tool is a binary file \(6 bytes\); not shown\./],
  ])('refuses %j', async (args, message) => {
    const out = await run(args);
    expect(out.status).toBe('failed');
    expect(out.item).toMatchObject({ exit_code: 1 });
    if (typeof message === 'string') expect(out.output).toBe(message);
    else expect(out.output).toMatch(message);
    expect(out.output).not.toContain('SECRET');
  });

  it('says when a skill broke since the run started', async () => {
    writeFileSync(path.join(userDir, 'SKILL.md'), 'no front matter now\n');
    expect((await run({ name: 'pdf' })).output).toBe(`The skill "pdf" cannot be read now: ${userDir}/SKILL.md: it has no front matter (it must start with a line "---").`);
    rmSync(path.join(t.root, '.agents'), { recursive: true });
    expect((await run({ name: 'lint-fix' })).output).toBe('The skill "lint-fix" cannot be read now: .agents/skills/lint-fix does not exist.');
  });

  it("follows a repository SKILL.md linked within the copy, not one linked out of it", async () => {
    const file = path.join(t.root, '.agents/skills/lint-fix/SKILL.md');
    writeIn(t.root, 'docs/lint-skill.md', '---\nname: lint-fix\ndescription: Lint.\n---\nShared instructions.\n');
    rmSync(file);
    symlinkSync(path.join(t.root, 'docs/lint-skill.md'), file);
    expect((await run({ name: 'lint-fix' })).output).toContain('Shared instructions.');
    rmSync(file);
    symlinkSync(path.join(userDir, 'SKILL.md'), file);
    const out = await run({ name: 'lint-fix' });
    expect(out.status).toBe('failed');
    expect(out.output).toMatch(/^The skill "lint-fix" cannot be read now: \.agents\/skills\/lint-fix\/SKILL\.md leads to .*, outside the repository/);
  });

  it('refuses a repository skill folder the copy links out of the copy', async () => {
    rmSync(path.join(t.root, '.agents/skills/lint-fix'), { recursive: true });
    symlinkSync(userDir, path.join(t.root, '.agents/skills/lint-fix'));
    expect((await run({ name: 'lint-fix' })).output).toBe('The skill "lint-fix" cannot be read now: .agents/skills/lint-fix leads out of the repository.');
  });
});
