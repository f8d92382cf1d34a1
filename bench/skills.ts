// Agent Skills in the first request: `hew exec` in the fixture with 20 skills (10 in the repository's
// .agents/skills, 10 in the user's ~/.agents/skills), each with a worst-case 1,024-character
// description and a 20 KB body. Measures the first request's body and the <skills> block's bytes;
// checks that no body reached the request and that two runs give the same block, byte for byte.
// Run directly: node bench/skills.ts
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixtureRepo, git, tempDir } from '../test/support/fixtures.ts';
import { startModelServer } from '../test/support/model-server.ts';
import { fmtMs, median, runCli } from './measure.ts';

const RUNS = 5;
const BODY_MARKER = 'SKILL-BODY-MARKER';

function description(i: number): string {
  const words = Array.from({ length: 400 }, (_, n) => `step${i}x${n}`).join(' ');
  return words.slice(0, 1024).trimEnd();
}

function writeSkills(root: string, prefix: string): void {
  for (let i = 0; i < 10; i++) {
    const name = `${prefix}-skill-${i}`;
    mkdirSync(join(root, name), { recursive: true });
    const body = `${BODY_MARKER} ${name}\n${'Do the thing carefully. '.repeat(850)}\n`;
    writeFileSync(join(root, name, 'SKILL.md'), `---\nname: ${name}\ndescription: ${description(i)}\n---\n${body}`);
  }
}

export interface SkillsBench {
  /** The first request's body, bytes. */
  bodyBytes: number;
  /** The <skills> block in it, bytes. */
  blockBytes: number;
  /** Launch to first model request, median. */
  firstRequestMs: number;
}

export async function measureSkills(): Promise<SkillsBench> {
  const blocks = new Set<string>();
  const times: number[] = [];
  let bodyBytes = 0;
  // One home for every run: the user skills' listed folders are then the same paths.
  const home = tempDir('hew-bench-skills-');
  writeSkills(join(home, '.agents', 'skills'), 'user');
  for (let i = 0; i < RUNS; i++) {
    const repo = fixtureRepo('date-parser');
    writeSkills(join(repo, '.agents', 'skills'), 'repo');
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'skills');
    const server = await startModelServer([{ outputs: [{ text: 'done' }] }]);
    const env = { XDG_STATE_HOME: join(home, 'state'), XDG_CONFIG_HOME: join(home, 'config'), HOME: home, OPENAI_API_KEY: 'sk-bench', OPENAI_BASE_URL: server.url, NO_COLOR: '1' };
    const result = await runCli(['exec', 'say done'], repo, env);
    await server.close();
    if (result.code !== 0) throw new Error(`exec failed (exit ${result.code}):\n${result.stderr}`);
    const first = server.requests[0];
    if (!first) throw new Error('no model request');
    const text = JSON.stringify(first.body);
    if (text.includes(BODY_MARKER)) throw new Error('a skill body reached the first request');
    const input = first.body.input as { role?: string; content?: string }[];
    const context = input.find((m) => m.role === 'developer')?.content ?? '';
    const block = /<skills>\n[\s\S]*?\n<\/skills>/.exec(context)?.[0];
    if (!block) throw new Error('no <skills> block in the first request');
    if ((block.match(/^- /gm) ?? []).length !== 20) throw new Error('not all 20 skills are listed');
    blocks.add(block);
    bodyBytes = first.bytes;
    times.push(first.at - result.startedAt);
  }
  if (blocks.size !== 1) throw new Error('the <skills> block differed between runs');
  return { bodyBytes, blockBytes: Buffer.byteLength([...blocks][0]!), firstRequestMs: median(times) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const m = await measureSkills();
  process.stdout.write(`first request body, 20 skills: ${(m.bodyBytes / 1024).toFixed(1)} KB (${m.bodyBytes} B)\nskills block: ${m.blockBytes} B\nlaunch to first request: ${fmtMs(m.firstRequestMs)}\n`);
}
