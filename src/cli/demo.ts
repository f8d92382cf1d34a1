// `hew demo`: the offline walkthrough. In a terminal it runs in the TUI; `--headless` (or `--json`)
// prints like `hew exec`. Without a terminal it runs headless by itself and says so, so
// `npm ci && npm run build && node bin/hew demo` works in CI too. Needs no API key and no config.
import { createDemoController, prepareDemo, runDemoHeadless } from '../demo/run-demo.ts';
import { DEMO_PROMPT } from '../demo/script.ts';
import { RunStore } from '../runs/store.ts';
import { stateDir } from '../runs/paths.ts';
import { colorEnabled } from '../format/color.ts';
import { humanPrinter, makeStyle } from './human-output.ts';
import { renderWith } from './interactive.ts';
import { handleInterrupts } from './interrupts.ts';
import type { UiModule } from './interactive.ts';

export interface DemoFlags {
  headless?: boolean;
  json?: boolean;
}

export async function demoCommand(flags: DemoFlags): Promise<number> {
  const env = process.env;
  let headless = Boolean(flags.headless || flags.json);
  if (!headless && !(process.stdout.isTTY && process.stdin.isTTY)) {
    process.stderr.write('hew demo: no terminal here, so the demo runs headless (as `hew demo --headless` does)\n');
    headless = true;
  }
  const demo = await prepareDemo({ store: new RunStore(stateDir(env)), env });
  if (!headless) {
    const ui: Promise<UiModule> = import('../ui/render.ts');
    return renderWith(ui, createDemoController(demo), DEMO_PROMPT);
  }

  const interrupts = handleInterrupts({ message: 'hew: interrupting; the run is saved (Ctrl-C again to quit at once)\n' });
  try {
    const stderr = (text: string): void => void process.stderr.write(text);
    return await runDemoHeadless(demo, {
      json: Boolean(flags.json),
      stdout: (text) => void process.stdout.write(text),
      stderr,
      progress: humanPrinter(stderr, makeStyle(colorEnabled(process.stderr, env))),
      signal: interrupts.signal,
    });
  } finally {
    interrupts.dispose();
  }
}
