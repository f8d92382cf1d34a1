// `npm run bench`: startup, launch to first model request, a scripted fix task end to end,
// per-step overhead, peak RSS, working-copy creation and request size. Prints a Markdown table;
// `--write` also records it in docs/benchmarks.md between the BENCH markers.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { fixtureRepo, ROOT, tempDir, git } from '../test/support/fixtures.ts';
import { startModelServer } from '../test/support/model-server.ts';
import type { ScriptedTurn } from '../test/support/model-server.ts';
import { dateFixScript } from '../test/support/scripts.ts';
import { createWorkingCopy } from '../src/workcopy/create.ts';
import { orientation } from '../src/agent/orientation.ts';
import { generateRepo } from './big-repo.ts';
import { firstRequestMs } from './mcp.ts';
import { measureCheckpoint } from './checkpoint.ts';
import { measureResume } from './resume.ts';
import { measureAttempts } from './attempts.ts';
import { measureSkills } from './skills.ts';
import { fmtMb, fmtMs, median, runCli } from './measure.ts';
import { measureDepsCopy } from './deps-copy.ts';
import { measureSandboxOverhead } from './sandbox-overhead.ts';
import { firstFrameMs } from './tui-first-frame.ts';
import { acpStartup, sdkImportMs } from './acp-startup.ts';
import { measureTuiRendering, TUI_TARGETS } from './tui-render.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const rows: [string, string, string, string][] = [];
const row = (name: string, value: string, target: string, ok: boolean | null): void => {
  rows.push([name, value, target, ok === null ? '' : ok ? 'met' : 'missed']);
};

execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
const home = tempDir('hew-bench-home-');
const baseEnv = { XDG_STATE_HOME: join(home, 'state'), XDG_CONFIG_HOME: join(home, 'config'), HOME: home, NO_COLOR: '1', OPENAI_API_KEY: 'sk-bench' };

// 1. Startup: `hew --version`.
{
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) times.push((await runCli(['--version'], ROOT, baseEnv)).wallMs);
  row('startup (`hew --version`), median', fmtMs(median(times)), '', null);
}

// 2. Launch to first model request, and 3. the scripted fix task end to end.
{
  const firstRequest: number[] = [];
  const wall: number[] = [];
  const rss: number[] = [];
  let bodyBytes = 0;
  let instructionsBytes = 0;
  let toolsBytes = 0;
  for (let i = 0; i < RUNS; i++) {
    const server = await startModelServer(dateFixScript());
    const repo = fixtureRepo('date-parser');
    const result = await runCli(['exec', 'fix the date parser'], repo, { ...baseEnv, OPENAI_BASE_URL: server.url });
    if (result.code !== 0) throw new Error(`fix task failed (exit ${result.code}):\n${result.stderr}`);
    const first = server.requests[0];
    if (!first) throw new Error('no model request');
    firstRequest.push(first.at - result.startedAt);
    wall.push(result.wallMs);
    rss.push(result.peakRss);
    bodyBytes = first.bytes;
    instructionsBytes = Buffer.byteLength(String(first.body.instructions ?? ''));
    toolsBytes = Buffer.byteLength(JSON.stringify(first.body.tools ?? []));
    await server.close();
  }
  const fr = median(firstRequest);
  row('launch to first model request, median', fmtMs(fr), '< 150 ms', fr < 150);
  const w = median(wall);
  row('fix task end to end (read, patch, test, answer), median', fmtMs(w), '< 600 ms', w < 600);
  const peak = Math.max(...rss);
  row('peak RSS during the fix task, max', fmtMb(peak), '< 100 MB', peak < 100 * 1024 * 1024);
  row('first request body', `${(bodyBytes / 1024).toFixed(1)} KB`, '< 20 KB', bodyBytes < 20 * 1024);
  row('  of which system prompt', `${instructionsBytes} B`, '', null);
  row('  of which tool schemas', `${toolsBytes} B`, '', null);
}

// 2b. Agent Skills: the first request with 20 skills (10 repository, 10 user), worst-case descriptions.
{
  const skills = await measureSkills();
  row('first request body, 20 skills (worst-case descriptions)', `${(skills.bodyBytes / 1024).toFixed(1)} KB`, '< 20 KB', skills.bodyBytes < 20 * 1024);
  row('  of which the skills block', `${skills.blockBytes} B`, '≤ 8 KiB', skills.blockBytes <= 8 * 1024);
  row('launch to first model request, 20 skills, median', fmtMs(skills.firstRequestMs), '', null);
}

// 3b. The same with a trivial setup step (`setup = "true"`): the first request waits for the copy,
// the sandbox and the setup command, which otherwise run while it is in flight.
{
  const firstRequest: number[] = [];
  const wall: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const server = await startModelServer(dateFixScript());
    const repo = fixtureRepo('date-parser');
    const result = await runCli(['exec', '-c', 'setup="true"', 'fix the date parser'], repo, { ...baseEnv, OPENAI_BASE_URL: server.url });
    if (result.code !== 0) throw new Error(`fix task with setup failed (exit ${result.code}):\n${result.stderr}`);
    const first = server.requests[0];
    if (!first) throw new Error('no model request');
    firstRequest.push(first.at - result.startedAt);
    wall.push(result.wallMs);
    await server.close();
  }
  row('launch to first model request with `setup = "true"`, median', fmtMs(median(firstRequest)), '', null);
  row('fix task end to end with `setup = "true"`, median', fmtMs(median(wall)), '', null);
}

// 4. Per-step overhead: N trivial steps (update_plan) versus 1, with an instant model.
{
  const steps = 21;
  const plan: ScriptedTurn = { outputs: [{ tool: 'update_plan', args: { plan: [{ step: 'x', status: 'in_progress' }] } }] };
  const script = (n: number): ScriptedTurn[] => [...Array.from({ length: n - 1 }, () => plan), { outputs: [{ text: 'done' }] }];
  const timeOf = async (n: number): Promise<number> => {
    const times: number[] = [];
    for (let i = 0; i < Math.max(5, Math.floor(RUNS / 2)); i++) {
      const server = await startModelServer(script(n));
      const repo = fixtureRepo('date-parser');
      const result = await runCli(['exec', 'plan'], repo, { ...baseEnv, OPENAI_BASE_URL: server.url });
      if (result.code !== 0) throw new Error(`step run failed: ${result.stderr}`);
      times.push(result.wallMs);
      await server.close();
    }
    return median(times);
  };
  const one = await timeOf(1);
  const many = await timeOf(steps);
  row('per-step overhead (model round trip + trivial tool), median', fmtMs((many - one) / (steps - 1)), '', null);
}

// 5. Working-copy creation: the fixture and a 1,000-file repository.
{
  const measureCopy = async (repo: string): Promise<number> => {
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      await createWorkingCopy(repo, join(tempDir('hew-bench-copy-'), 'work'));
      times.push(performance.now() - t0);
    }
    return median(times);
  };
  row('working copy of the fixture (7 files), median', fmtMs(await measureCopy(fixtureRepo('date-parser'))), '', null);
  const big = tempDir('hew-bench-big-');
  for (let d = 0; d < 20; d++) {
    const dir = join(big, `pkg${d}`);
    execFileSync('mkdir', ['-p', dir]);
    for (let f = 0; f < 50; f++) writeFileSync(join(dir, `file${f}.ts`), `export const v${f} = ${f};\n`.repeat(20));
  }
  git(big, 'init', '-q');
  git(big, 'add', '-A');
  git(big, 'commit', '-q', '-m', 'big');
  writeFileSync(join(big, 'pkg0', 'file0.ts'), 'changed\n');
  row('working copy of a 1,000-file repo (one file modified), median', fmtMs(await measureCopy(big)), '', null);
  row('checkpoint after a one-file edit in that repo, median', fmtMs(await measureCheckpoint(big, Math.max(9, RUNS))), '', null);
}

// 6. Sandbox overhead per command: `true` through bwrap against `true` through the none sandbox.
{
  const { bwrapMs, plainMs } = await measureSandboxOverhead(Math.max(21, RUNS));
  const overhead = bwrapMs - plainMs;
  row('sandbox overhead per command (bwrap `true` − plain `true`), median', `${overhead.toFixed(1)} ms (${bwrapMs.toFixed(1)} vs ${plainMs.toFixed(1)})`, '< 15 ms', overhead < 15);
  // The run's private node_modules, made while the first model request is in flight.
  const deps = await measureDepsCopy(20_000);
  row(`private node_modules copy (20,000 files, ${deps.megabytes} MB)`, fmtMs(deps.ms), '', null);
}

// 8. The TUI: time to first frame, and rendering a 2,000-token answer and a 5,000-line output.
{
  const repo = fixtureRepo('date-parser');
  const frames: number[] = [];
  for (let i = 0; i < Math.min(RUNS, 9); i++) frames.push(await firstFrameMs(repo));
  const ff = median(frames);
  row('TUI: time to first frame (`hew` in a pty), median', fmtMs(ff), '< 250 ms', ff < 250);
  const tui = await measureTuiRendering();
  row('TUI: slowest frame, 2,000 tokens + 5,000-line output', `${tui.maxFrameMs.toFixed(1)} ms (${tui.frames} frames, ${tui.cpuMs.toFixed(0)} ms CPU)`, `< ${TUI_TARGETS.maxFrameMs} ms`, tui.maxFrameMs < TUI_TARGETS.maxFrameMs);
  row('TUI: peak RSS while rendering that', `${tui.rssMb.toFixed(1)} MB`, `< ${TUI_TARGETS.rssMb} MB`, tui.rssMb < TUI_TARGETS.rssMb);
}

// 8b. `hew acp`: spawn to the `initialize` answer (what an editor waits for before it shows the agent),
// then `session/new` in the fixture (config, sandbox probe, repository lookup, the run; per session).
{
  const repo = fixtureRepo('date-parser');
  const init: number[] = [];
  const sessionNew: number[] = [];
  for (let i = 0; i < 9; i++) {
    const t = await acpStartup(repo);
    init.push(t.initializeMs);
    sessionNew.push(t.sessionNewMs);
  }
  const im = median(init);
  row('ACP: `hew acp` spawn to the `initialize` answer, median of 9', fmtMs(im), '< 250 ms', im < 250);
  row('ACP: `session/new` in the fixture, request to answer, median of 9', fmtMs(median(sessionNew)), '', null);
  const sdk: number[] = [];
  for (let i = 0; i < 5; i++) sdk.push(sdkImportMs());
  row('ACP: importing the SDK alone in a fresh node (sanity), median of 5', fmtMs(median(sdk)), '', null);
}

// 9. Resuming a run of about 500 events: reading the records and opening the thread.
{
  const { ms, events } = await measureResume();
  row(`resume of a ${events}-event run (hew's own time), median`, fmtMs(ms), '< 200 ms', ms < 200);
}

// 10. MCP: launch to first request with 0, 1 and 3 stdio servers configured (started in parallel).
{
  const zero = await firstRequestMs(0);
  const one = await firstRequestMs(1);
  const three = await firstRequestMs(3);
  row('MCP: launch to first request, 0 servers, median', fmtMs(zero), 'as without MCP', null);
  row('MCP: …with 1 stdio server, median', fmtMs(one), '', null);
  row('MCP: …with 3 stdio servers, median', fmtMs(three), 'parallel: about 1 server', three < one * 1.5);
}

// 11. Best of N: the fix task with its check as 1, 3 and 8 attempts at once (wall time, peak RSS of hew).
{
  const figures = await measureAttempts([1, 3, 8], Math.min(RUNS, 5));
  const one = figures[0] as (typeof figures)[number];
  for (const f of figures) {
    const over = f.attempts === 1 ? '' : ` (×${(f.wallMs / one.wallMs).toFixed(2)} time, +${fmtMb(f.peakRss - one.peakRss)} memory over one)`;
    row(`best of N: fix task with its check, --attempts ${f.attempts}, median`, `${fmtMs(f.wallMs)}, peak RSS ${fmtMb(f.peakRss)}${over}`, '', null);
  }
}

// 7. Working copies of generated 20,000- and 100,000-file repositories, and orientation on
// 1,000- and 100,000-file ones.
const orient = async (repo: string, files: number, targets: boolean): Promise<void> => {
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    bytes = Buffer.byteLength(await orientation({ top: repo, isGit: true }));
    times.push(performance.now() - t0);
  }
  const m = median(times);
  row(`orientation of a ${files.toLocaleString('en')}-file repo: time, median of 3`, fmtMs(m), targets ? '< 300 ms' : '', targets ? m < 300 : null);
  row(`orientation of a ${files.toLocaleString('en')}-file repo: bytes`, `${bytes} B`, targets ? '< 4 KB' : '', targets ? bytes < 4096 : null);
};
await orient(generateRepo(1_000), 1_000, false);
for (const [files, targetMs] of [[20_000, 1500], [100_000, 6000]] as const) {
  if (process.env.BENCH_SKIP_BIG) break;
  const repo = generateRepo(files);
  if (files === 100_000) await orient(repo, files, true);
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    await createWorkingCopy(repo, join(tempDir('hew-bench-copy-'), 'work'));
    times.push(performance.now() - t0);
  }
  const m = median(times);
  row(`working copy of a generated ${files.toLocaleString('en')}-file repo, median of 3`, fmtMs(m), `< ${targetMs / 1000} s`, m < targetMs);
}

const header = `Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${RUNS} runs per figure, ${new Date().toISOString().slice(0, 10)}`;
const table = ['| measure | value | target | |', '|---|---|---|---|', ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
console.log(`${header}\n\n${table}`);

if (process.argv.includes('--write')) {
  const file = join(ROOT, 'docs/benchmarks.md');
  const doc = readFileSync(file, 'utf8');
  const start = '<!-- BENCH:START -->';
  const end = '<!-- BENCH:END -->';
  const updated = doc.replace(new RegExp(`${start}[\\s\\S]*${end}`), `${start}\n${header}\n\n${table}\n${end}`);
  writeFileSync(file, updated);
  console.log(`\nrecorded in ${file}`);
}
