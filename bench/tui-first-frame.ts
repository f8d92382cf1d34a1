// Time to the TUI's first frame: `hew` started in a pseudo-terminal (util-linux `script`), from
// spawn to the first output that holds the input box. No model request is made (no prompt).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT, tempDir } from '../test/support/fixtures.ts';

export async function firstFrameMs(cwd: string): Promise<number> {
  const home = tempDir('hew-bench-tui-');
  // The pty `script` makes has no size when our stdin is not a terminal: give it one first.
  const command = `stty rows 40 cols 100; exec ${process.execPath} ${join(ROOT, 'bin/hew')}`;
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    // Ink draws only the last frame when it detects CI, so the variables that mark CI are dropped.
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const key of Object.keys(env)) if (key === 'CI' || key === 'CONTINUOUS_INTEGRATION' || key.startsWith('CI_')) delete env[key];
    const child = spawn('script', ['-qfec', command, '/dev/null'], {
      cwd,
      env: { ...env, HOME: home, XDG_STATE_HOME: join(home, 's'), XDG_CONFIG_HOME: join(home, 'c'), OPENAI_API_KEY: 'sk-bench', TERM: 'xterm-256color', COLUMNS: '100', LINES: '40' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no first frame in 10 s:\n${out}`));
    }, 10_000);
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('Ask hew')) {
        const ms = performance.now() - t0;
        clearTimeout(timer);
        child.kill('SIGKILL');
        resolve(ms);
      }
    });
    child.on('error', reject);
  });
}
