// What the bubblewrap sandbox costs per command: the median wall time of running `true` through the
// bwrap sandbox and through the none sandbox, both via the same process runner, so the difference is
// bwrap's own cost (namespaces, mounts). Target: under 15 ms. Run alone: `node bench/sandbox-overhead.ts [runs]`.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createBwrapSandbox } from '../src/sandbox/bwrap.ts';
import { createNoneSandbox } from '../src/sandbox/none.ts';
import type { Sandbox } from '../src/sandbox/types.ts';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

async function timeRuns(sandbox: Sandbox, cwd: string, runs: number): Promise<number> {
  const signal = new AbortController().signal;
  const times: number[] = [];
  for (let i = 0; i < runs + 2; i++) {
    const t0 = performance.now();
    const r = await sandbox.run({ command: ['true'], cwd, timeoutMs: 10_000 }, signal);
    const ms = performance.now() - t0;
    if (r.exitCode !== 0) throw new Error(`${sandbox.kind}: \`true\` failed: ${r.output}`);
    if (i >= 2) times.push(ms); // the first two warm up
  }
  return median(times);
}

export async function measureSandboxOverhead(runs: number): Promise<{ bwrapMs: number; plainMs: number }> {
  const base = mkdtempSync(path.join(tmpdir(), 'hew-bench-sandbox-'));
  try {
    const copy = path.join(base, 'copy');
    mkdirSync(copy);
    const bwrap = createBwrapSandbox({ mode: 'workspace-write', network: false, copyRoot: copy, visibleRoot: path.join(base, 'repo') });
    const none = createNoneSandbox({ mode: 'danger-full-access' });
    // Interleave the two so machine noise hits both alike.
    const bw: number[] = [];
    const pl: number[] = [];
    const rounds = Math.max(1, Math.ceil(runs / 5));
    for (let i = 0; i < rounds; i++) {
      pl.push(await timeRuns(none, copy, 5));
      bw.push(await timeRuns(bwrap, copy, 5));
    }
    return { bwrapMs: Math.round(median(bw) * 10) / 10, plainMs: Math.round(median(pl) * 10) / 10 };
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const runs = Number(process.argv[2] ?? 50);
  const { bwrapMs, plainMs } = await measureSandboxOverhead(runs);
  console.log(`true via bwrap: ${bwrapMs} ms, via none: ${plainMs} ms, bwrap overhead: ${(bwrapMs - plainMs).toFixed(1)} ms per command`);
}
