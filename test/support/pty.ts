// Runs the built CLI with its stdout and stderr on a real terminal (a pty made by util-linux
// `script`), and returns the raw bytes the terminal received: what a user's terminal would interpret.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './fixtures.ts';

function quote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

export interface PtyResult {
  code: number | null;
  /** Everything written to the terminal (stdout and stderr together; newlines as CRLF). */
  output: string;
}

/** `onOutput` gets the terminal's bytes as they arrive (what was written so far, whole), to wait on them. */
export function runHewOnPty(args: string[], opts: { cwd: string; env: Record<string, string>; timeoutMs?: number; onOutput?: (soFar: string) => void }): Promise<PtyResult> {
  const command = [process.execPath, join(ROOT, 'bin/hew'), ...args].map(quote).join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qfec', command, '/dev/null'], {
      cwd: opts.cwd,
      env: { ...process.env, NO_COLOR: '1', ...opts.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const take = (c: string): void => {
      output += c;
      opts.onOutput?.(output);
    };
    child.stdout.setEncoding('utf8').on('data', take);
    child.stderr.setEncoding('utf8').on('data', take);
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`hew ${args.join(' ')} on a pty did not finish; output:\n${output}`));
    }, opts.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}
