// The TUI's rendering cost: the App over a fake controller that streams 2,000 answer tokens and then
// a 5,000-line command output, rendered by Ink into a dummy terminal (a TTY of 100×40 that discards
// what it is sent). Reports the slowest frame, the number of frames Ink drew, the peak RSS and the
// CPU time of the process that rendered them. Targets: every frame under 50 ms, memory under 150 MB.
//
// The App is .tsx, which Node's type stripping does not load, so this file bundles itself with
// esbuild and runs the bundle in a child process (HEW_TUI_SCENARIO=1), which also keeps the RSS and
// CPU figures the renderer's own. `node bench/tui-render.ts` prints the figures.
import { spawnSync } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { AgentEvent } from '../src/protocol/events.ts';
import type { Scheduler } from '../src/ui/scheduler.ts';

export interface TuiRenderFigures {
  /** Slowest frame: from the store's flush (reducing the batched events) to Ink having drawn it. */
  maxFrameMs: number;
  /** Frames Ink drew during the scenario. */
  frames: number;
  /** Peak resident set size of the rendering process. */
  rssMb: number;
  /** User + system CPU time of the scenario. */
  cpuMs: number;
}

export const TUI_TARGETS = { maxFrameMs: 50, rssMb: 150 } as const;

const TOKENS = 2000;
const OUTPUT_LINES = 5000;

/** Answer tokens that make Markdown worth rendering: headings, lists, inline and fenced code. */
function token(i: number): string {
  const cycle = i % 200;
  if (cycle === 0) return '\n\n## Step ';
  if (cycle === 1) return `${i / 200 + 1}\n\n`;
  if (cycle === 60) return '\n\n```ts\n';
  if (cycle > 60 && cycle < 90) return cycle % 6 === 0 ? ' return x;\n' : ' const v = 1;';
  if (cycle === 90) return '\n```\n\n';
  if (cycle > 120 && cycle < 150) return cycle % 5 === 0 ? '\n- item ' : ' `code` and **bold**';
  return ' word';
}

/** A terminal that takes everything and keeps nothing. */
class NullTerminal extends EventEmitter {
  isTTY = true;
  columns = 100;
  rows = 40;
  bytes = 0;
  write(data: string, ...rest: unknown[]): boolean {
    this.bytes += data.length;
    const done = rest.find((r): r is () => void => typeof r === 'function');
    if (done) queueMicrotask(done);
    return true;
  }
}

const pause = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Runs in the child: renders the App and prints the figures as one JSON line. */
async function runScenario(): Promise<void> {
  const cpu0 = process.cpuUsage();
  const [{ render }, react, { App }, { connectViewStore }, { setColorLevel }, { FakeController }] = await Promise.all([
    import('ink'),
    import('react'),
    import('../src/ui/app.tsx'),
    import('../src/ui/view-store.ts'),
    import('../src/ui/color.ts'),
    import('../test/ui/fake-controller.ts'),
  ]);
  // react is CommonJS: bundled, its exports sit on `default`.
  const createElement = react.createElement ?? (react as unknown as { default: typeof react }).default.createElement;
  setColorLevel(2); // render with colours, as in a terminal

  let flushStart: number | null = null;
  let maxFrameMs = 0;
  let frames = 0;
  const timed: Scheduler = {
    now: () => performance.now(),
    setTimer: (fn, ms) =>
      setTimeout(() => {
        flushStart = performance.now();
        fn();
      }, ms),
    clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
  };
  const controller = new FakeController();
  const store = connectViewStore(controller, { scheduler: timed });
  const stdout = new NullTerminal();
  const stdin = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => stdin, ref: () => stdin, unref: () => stdin });
  const instance = render(createElement(App, { controller, store }), {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stderr: stdout as unknown as NodeJS.WriteStream,
    stdin: stdin as unknown as NodeJS.ReadStream,
    exitOnCtrlC: false,
    patchConsole: false,
    onRender: () => {
      frames += 1;
      if (flushStart !== null) {
        maxFrameMs = Math.max(maxFrameMs, performance.now() - flushStart);
        flushStart = null;
      }
    },
  });
  const push = (e: AgentEvent): void => controller.push(e);

  push({ type: 'turn.started', turn: 1 });
  push({ type: 'item.started', item: { id: 'm1', type: 'agent_message', text: '', status: 'in_progress' } });
  let text = '';
  for (let i = 0; i < TOKENS; i++) {
    const t = token(i);
    text += t;
    push({ type: 'item.delta', id: 'm1', text: t });
    if (i % 4 === 3) await pause(1); // ~4 tokens a millisecond
  }
  push({ type: 'item.completed', item: { id: 'm1', type: 'agent_message', text, status: 'completed' } });

  const cmd = { type: 'command_execution' as const, command: 'npm test', cwd: '/home/dev/project', exit_code: null, aggregated_output: '', duration_ms: null };
  push({ type: 'item.started', item: { id: 'c1', ...cmd, status: 'in_progress' } });
  let output = '';
  for (let i = 1; i <= OUTPUT_LINES; i++) {
    const line = `  ✓ test/suite-${i % 97}.test.ts > case ${i} passes with a reasonably long description (${i} ms)\n`;
    output += line;
    push({ type: 'item.delta', id: 'c1', text: line });
    if (i % 50 === 0) await pause(1);
  }
  push({ type: 'item.completed', item: { id: 'c1', ...cmd, exit_code: 0, aggregated_output: output, duration_ms: 5400, status: 'completed' } });
  push({ type: 'turn.completed', turn: 1, usage: { input_tokens: 12_000, cached_input_tokens: 0, output_tokens: TOKENS }, total_usage: { input_tokens: 12_000, cached_input_tokens: 0, output_tokens: TOKENS } });
  await pause(120);
  controller.push({ type: 'notice.exit', code: 0 });
  await instance.waitUntilExit();

  const cpu = process.cpuUsage(cpu0);
  const figures: TuiRenderFigures = {
    maxFrameMs: Math.round(maxFrameMs * 10) / 10,
    frames,
    rssMb: Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10,
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
  };
  process.stdout.write(`${JSON.stringify(figures)}\n`);
  process.exit(0);
}

/** Bundles this file, runs the scenario in a child process and returns its figures. */
export async function measureTuiRendering(): Promise<TuiRenderFigures> {
  const { build } = await import('esbuild');
  const dir = mkdtempSync(join(tmpdir(), 'hew-bench-tui-'));
  try {
    // Split like the CLI's build, so Ink's devtools (react-devtools-core, not installed) stay a lazy chunk.
    await build({
      entryPoints: { 'tui-scenario': fileURLToPath(import.meta.url) },
      outdir: dir,
      outExtension: { '.js': '.mjs' },
      splitting: true,
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node22',
      external: ['esbuild', 'react-devtools-core'],
      banner: { js: "import { createRequire as __hewCreateRequire } from 'node:module'; const require = __hewCreateRequire(import.meta.url);" },
      logLevel: 'warning',
    });
    const child = spawnSync(process.execPath, [join(dir, 'tui-scenario.mjs')], { env: { ...process.env, HEW_TUI_SCENARIO: '1', NODE_ENV: 'production' }, encoding: 'utf8', timeout: 120_000 });
    const line = child.stdout.trim().split('\n').pop() ?? '';
    if (child.status !== 0 || !line.startsWith('{')) throw new Error(`the TUI scenario failed (exit ${child.status}):\n${child.stderr}`);
    return JSON.parse(line) as TuiRenderFigures;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.env.HEW_TUI_SCENARIO === '1') {
  await runScenario();
} else if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const f = await measureTuiRendering();
  const ok = (met: boolean): string => (met ? 'met' : 'missed');
  process.stdout.write(
    [
      `slowest frame: ${f.maxFrameMs} ms (target < ${TUI_TARGETS.maxFrameMs} ms: ${ok(f.maxFrameMs < TUI_TARGETS.maxFrameMs)})`,
      `frames drawn: ${f.frames} (for ${TOKENS} tokens and ${OUTPUT_LINES} output lines)`,
      `peak RSS: ${f.rssMb} MB (target < ${TUI_TARGETS.rssMb} MB: ${ok(f.rssMb < TUI_TARGETS.rssMb)})`,
      `CPU: ${f.cpuMs} ms`,
    ].join('\n') + '\n',
  );
}
