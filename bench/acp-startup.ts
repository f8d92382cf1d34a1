// Startup of `hew acp` as an editor sees it: spawn the built CLI, write `initialize` at once, and time
// the response line (from spawn); then `session/new` in a fixture repository, timed from its request
// to its answer (the per-session work: config, sandbox probe, repository lookup, the run; the working
// copy is made in the background). And the SDK's import alone, a sanity figure for the part of
// startup that is the SDK's (its zod schemas).
import { execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT, tempDir } from '../test/support/fixtures.ts';

export interface AcpStartup {
  /** Spawn to the `initialize` answer. */
  initializeMs: number;
  /** `session/new` request to its answer. */
  sessionNewMs: number;
}

export function acpStartup(repo: string): Promise<AcpStartup> {
  const home = tempDir('hew-bench-acp-');
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [join(ROOT, 'bin/hew'), 'acp'], {
      cwd: home,
      env: { ...process.env, HOME: home, XDG_STATE_HOME: join(home, 's'), XDG_CONFIG_HOME: join(home, 'c'), OPENAI_API_KEY: 'sk-bench', NO_COLOR: '1' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const send = (id: number, method: string, params: unknown): void => {
      child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', id, method, params })}\n`);
    };
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`hew acp: no answers in 20 s\nstderr:\n${stderr}`));
    }, 20_000);
    let initializeMs = 0;
    let t1 = 0;
    let partial = '';
    child.stdout.on('data', (chunk: Buffer) => {
      const lines = (partial + chunk.toString()).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        const m = JSON.parse(line) as { id?: number; error?: { message: string } };
        if (m.error) {
          clearTimeout(timer);
          child.kill('SIGKILL');
          reject(new Error(`hew acp: ${m.error.message}\nstderr:\n${stderr}`));
          return;
        }
        if (m.id === 1) {
          t1 = performance.now();
          initializeMs = t1 - t0;
          send(2, 'session/new', { cwd: repo, mcpServers: [] });
        } else if (m.id === 2) {
          const sessionNewMs = performance.now() - t1;
          clearTimeout(timer);
          child.stdin.end();
          child.on('close', () => resolve({ initializeMs, sessionNewMs }));
        }
      }
    });
    child.on('error', reject);
    send(1, 'initialize', { protocolVersion: 1, clientCapabilities: {} });
  });
}

/** The SDK's import in a fresh Node, in ms (what `hew acp` pays for it, bundled or not). */
export function sdkImportMs(): number {
  const code = "const t = performance.now(); await import('@agentclientprotocol/sdk'); console.log(performance.now() - t);";
  return Number(execFileSync(process.execPath, ['--input-type=module', '-e', code], { cwd: ROOT, encoding: 'utf8' }).trim());
}
