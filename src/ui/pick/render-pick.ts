// Mounts the picker (pick-screen.tsx) and resolves with the run the user chose, or null when they
// left without choosing. The CLI imports this module lazily, so a pipe never loads Ink/React.
import { render } from 'ink';
import { createElement } from 'react';
import { applyColorMode } from '../color.ts';
import { PickScreen, type PickScreenProps } from './pick-screen.tsx';

export interface RenderPickOptions {
  stdout?: NodeJS.WriteStream;
  stdin?: NodeJS.ReadStream;
  stderr?: NodeJS.WriteStream;
}

export async function renderPick(props: Omit<PickScreenProps, 'onDone' | 'width' | 'height'>, opts: RenderPickOptions = {}): Promise<string | null> {
  applyColorMode();
  const stdout = opts.stdout ?? process.stdout;
  let choice: string | null = null;
  const screen = () =>
    createElement(PickScreen, {
      ...props,
      width: stdout.columns || 80,
      height: stdout.rows || 24,
      onDone: (runId: string | null) => {
        choice = runId;
        instance.unmount();
      },
    });
  const instance = render(screen(), { stdout, stdin: opts.stdin ?? process.stdin, stderr: opts.stderr ?? process.stderr, exitOnCtrlC: false, patchConsole: false });
  // The columns follow the terminal's size.
  const resized = (): void => instance.rerender(screen());
  stdout.on('resize', resized);
  try {
    await instance.waitUntilExit();
  } finally {
    stdout.off('resize', resized);
  }
  return choice;
}
