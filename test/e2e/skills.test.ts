// End to end, through the built CLI with the scripted model: Agent Skills from the repository's
// .agents/skills and the user's ~/.agents/skills are listed in the first request (name, description,
// folder) without their bodies; `skills:` in a task file puts a body in up front (an unknown name stops
// the task before any request); a malformed skill and a repository skill folder linked out of the
// repository are skipped with one warning each; the skill tool reads a user skill's file, and a user
// skill's script runs in the sandbox, read-only.
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { git } from '../support/fixtures.ts';
import type { ModelServer } from '../support/model-server.ts';
import { closeWorlds, hewWorld, type World } from '../support/world.ts';

afterEach(closeWorlds);

const REPO_BODY = 'REPO-SKILL-BODY-7c1e: run npm run lint -- --fix, then fix the rest by hand.';
const USER_BODY = 'USER-SKILL-BODY-42ab: extract with scripts/extract.sh FILE.';

function writeSkill(dir: string, name: string, description: string, body: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'SKILL.md'), `---\nname: ${name}\ndescription: ${description}\nmetadata: {version: 1.0}\n---\n\n${body}\n`);
}

/** A world with a repository skill `lint-fix` (committed) and a user skill `pdf` with a script. */
async function skillWorld(script: Parameters<ReturnType<typeof hewWorld>['withScript']>[0], opts: { linked?: boolean } = {}): Promise<World & { userSkill: string }> {
  const world = await hewWorld().withScript(script).build();
  writeSkill(join(world.repo, '.agents', 'skills', 'lint-fix'), 'lint-fix', 'Fix lint errors the project way. Use when eslint fails.', REPO_BODY);
  git(world.repo, 'add', '-A');
  git(world.repo, 'commit', '-q', '-m', 'skills');
  const userSkill = join(world.home.dir, '.agents', 'skills', 'pdf');
  // Linked: the folder lives elsewhere (as skill installers make it) and ~/.agents/skills/pdf links to it.
  const real = opts.linked ? join(world.home.dir, 'installed', 'pdf') : userSkill;
  if (opts.linked) {
    mkdirSync(join(world.home.dir, '.agents', 'skills'), { recursive: true });
    mkdirSync(real, { recursive: true });
    symlinkSync(real, userSkill);
  }
  writeSkill(real, 'pdf', 'Extract text from PDF files.\n  Use when the user mentions PDFs.', USER_BODY);
  mkdirSync(join(real, 'scripts'));
  writeFileSync(join(real, 'scripts', 'extract.sh'), 'echo "extracted by $0 SCRIPT-RAN-91d0"\n');
  return Object.assign(world, { userSkill });
}

function inputOf(server: ModelServer, i = 0): { type: string; role?: string; content?: string }[] {
  return server.requests[i]?.body.input as { type: string; role?: string; content?: string }[];
}

function toolNames(server: ModelServer, i = 0): string[] {
  return (server.requests[i]?.body.tools as { name: string }[]).map((t) => t.name);
}

describe('Agent Skills', () => {
  it('lists repository and user skills in the first request with descriptions and folders, never their bodies', async () => {
    const world = await skillWorld([{ outputs: [{ text: 'ok' }] }]);
    const result = await world.hew(['exec', '--json', 'hello']);
    expect(result.code, result.stderr).toBe(0);
    const server = world.server!;
    const context = inputOf(server).find((i) => i.role === 'developer')?.content ?? '';
    const block = /<skills>\n[\s\S]*?\n<\/skills>/.exec(context)?.[0] ?? '';
    expect(block).toContain('- lint-fix: Fix lint errors the project way. Use when eslint fails. (.agents/skills/lint-fix/)');
    expect(block).toContain(`- pdf: Extract text from PDF files. Use when the user mentions PDFs. (${world.userSkill}/)`);
    // The listing comes after the project instructions and before the orientation.
    expect(context.indexOf('<skills>')).toBeLessThan(context.indexOf('<orientation>'));
    const request = JSON.stringify(server.requests[0]!.body);
    expect(request).not.toContain('REPO-SKILL-BODY-7c1e');
    expect(request).not.toContain('USER-SKILL-BODY-42ab');
    expect(toolNames(server)).toContain('skill');
  });

  it('offers no skill tool and no listing when there are no skills', async () => {
    const world = await hewWorld().withScript([{ outputs: [{ text: 'ok' }] }]).build();
    expect((await world.hew(['exec', '--json', 'hello'])).code).toBe(0);
    expect(toolNames(world.server!)).not.toContain('skill');
    expect(JSON.stringify(world.server!.requests[0]!.body)).not.toContain('<skills>');
  });

  it('skips a malformed skill and a repository skill folder linked out of the repository, naming the file and the problem', async () => {
    const world = await skillWorld([{ outputs: [{ text: 'ok' }] }]);
    const skills = join(world.repo, '.agents', 'skills');
    mkdirSync(join(skills, 'broken'));
    writeFileSync(join(skills, 'broken', 'SKILL.md'), 'BROKEN-BODY-55e0 no front matter here\n');
    const outside = join(world.dir, 'outside-skill');
    writeSkill(outside, 'escape', 'A skill outside the repository.', 'ESCAPE-BODY-0b9d');
    symlinkSync(outside, join(skills, 'escape'));
    writeSkill(join(skills, 'Bad_Name'), 'Bad_Name', 'Wrong name.', 'BADNAME-BODY');
    git(world.repo, 'add', '-A');
    git(world.repo, 'commit', '-q', '-m', 'more skills');
    const result = await world.hew(['exec', '--json', 'hello']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('.agents/skills/broken/SKILL.md was skipped: it has no front matter (it must start with a line "---")');
    expect(result.stderr).toContain('.agents/skills/escape was skipped: it is a symbolic link out of the repository; hew does not follow it');
    expect(result.stderr).toContain('.agents/skills/Bad_Name/SKILL.md was skipped: `name` "Bad_Name" is not a skill name');
    const request = JSON.stringify(world.server!.requests[0]!.body);
    for (const absent of ['- broken:', '- escape:', 'ESCAPE-BODY-0b9d', 'BROKEN-BODY-55e0', 'A skill outside the repository']) expect(request).not.toContain(absent);
    expect(request).toContain('- lint-fix:');
  });

  it('`skills:` in a task file puts the skill body into the first request before the prompt', async () => {
    const world = await skillWorld([{ outputs: [{ text: 'ok' }] }]);
    const task = join(world.dir, 'task.md');
    writeFileSync(task, '---\nskills: [pdf]\n---\nRead the invoice PDF.\n');
    const result = await world.hew(['exec', '--json', '--task', task]);
    expect(result.code, result.stderr).toBe(0);
    const input = inputOf(world.server!);
    const skillAt = input.findIndex((i) => i.role === 'developer' && (i.content ?? '').includes('USER-SKILL-BODY-42ab'));
    const promptAt = input.findIndex((i) => i.role === 'user' && JSON.stringify(i.content).includes('Read the invoice PDF.'));
    expect(skillAt).toBeGreaterThan(0);
    expect(promptAt).toBeGreaterThan(skillAt);
    expect(input[skillAt]!.content).toContain(`<skill name="pdf" folder="${world.userSkill}/">`);
    expect(input[skillAt]!.content).toContain('Files in the folder: scripts/extract.sh');
    // The lint-fix body was not asked for.
    expect(JSON.stringify(world.server!.requests[0]!.body)).not.toContain('REPO-SKILL-BODY-7c1e');
  });

  it('an unknown skill in `skills:` stops the task with exit 2 before any model request', async () => {
    const world = await skillWorld([{ outputs: [{ text: 'never' }] }]);
    const task = join(world.dir, 'task.md');
    writeFileSync(task, '---\nskills: [pdff]\n---\nRead the invoice PDF.\n');
    const result = await world.hew(['exec', '--json', '--task', task]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${task}: skill "pdff" is not installed (skills: lint-fix, pdf)`);
    expect(world.server!.requests).toHaveLength(0);
  });

  it('`hew batch` brings a task\'s skill in, and stops before any run when one names an unknown skill', async () => {
    const world = await skillWorld([{ outputs: [{ text: 'ok' }] }]);
    const good = join(world.dir, 'good.md');
    writeFileSync(good, '---\nskills: [lint-fix]\n---\nFix the lint.\n');
    const bad = join(world.dir, 'bad.md');
    writeFileSync(bad, '---\nskills: [nope]\n---\nFix the lint.\n');
    const refused = await world.hew(['batch', '--json', good, bad]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('skill "nope" is not installed (skills: lint-fix, pdf)');
    expect(world.server!.requests).toHaveLength(0);
    const ran = await world.hew(['batch', '--json', good]);
    expect(ran.code, ran.stderr).toBe(0);
    expect(JSON.stringify(world.server!.requests[0]!.body)).toContain('REPO-SKILL-BODY-7c1e');
  });

  it('`hew watch` fails a task naming an unknown skill before it runs, and brings a known one in', async () => {
    const world = await skillWorld([{ outputs: [{ text: 'ok' }] }]);
    const inbox = join(world.repo, 'inbox');
    mkdirSync(inbox);
    writeFileSync(join(inbox, 'bad.md'), '---\nskills: [nope]\n---\nFix the lint.\n');
    writeFileSync(join(inbox, 'good.md'), '---\nskills: [pdf]\n---\nRead the PDF.\n');
    const result = await world.hew(['watch', '--once', '--dir', 'inbox']);
    expect(result.code).toBe(1);
    const bad = JSON.parse(readFileSync(join(inbox, 'bad.result.json'), 'utf8')) as { status: string; exit_code: number; run_id: string | null };
    expect(bad).toMatchObject({ status: 'failed', exit_code: 2, run_id: null });
    expect(result.stderr).toContain('skill "nope" is not installed (skills: lint-fix, pdf)');
    expect(JSON.parse(readFileSync(join(inbox, 'good.result.json'), 'utf8'))).toMatchObject({ status: 'completed' });
    expect(world.server!.requests).toHaveLength(1);
    expect(JSON.stringify(world.server!.requests[0]!.body)).toContain('USER-SKILL-BODY-42ab');
  });

  it('the skill tool reads a user skill file; its script runs in the sandbox at the listed path (a link), which cannot write the folder', async () => {
    const world: World & { userSkill: string } = await skillWorld((_req, i) => {
      const script = join(world.userSkill, 'scripts', 'extract.sh');
      const steps = [
        { outputs: [{ tool: 'skill', args: { name: 'pdf', file: 'scripts/extract.sh' } }] },
        { outputs: [{ tool: 'skill', args: { name: 'pdf', file: '../../../.gitconfig' } }] },
        { outputs: [{ tool: 'shell', args: { command: `bash ${script} in.pdf` } }] },
        { outputs: [{ tool: 'shell', args: { command: `touch ${world.userSkill}/planted; echo "exit=$?"` } }] },
        { outputs: [{ text: 'done' }] },
      ];
      return steps[i] ?? { outputs: [{ text: 'done' }] };
    }, { linked: true });
    writeFileSync(join(world.home.dir, '.gitconfig'), '[user]\n');
    const result = await world.hew(['exec', '--json', 'extract the pdf']);
    expect(result.code, result.stderr).toBe(0);
    const [read, escape, ran, wrote] = world.toolOutputs();
    expect(read).toContain('SCRIPT-RAN-91d0');
    expect(escape).toContain('skill refused: ../../../.gitconfig is outside the folder of skill "pdf"; name a file inside it.');
    expect(ran).toContain('extracted by');
    expect(ran).toContain('SCRIPT-RAN-91d0');
    expect(wrote).toMatch(/Read-only file system/);
    expect(wrote).not.toContain('exit=0');
    expect(existsSync(join(world.home.dir, 'installed', 'pdf', 'planted'))).toBe(false);
  });
});
