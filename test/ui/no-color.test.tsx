import { cleanup, render } from 'ink-testing-library';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { App } from '../../src/ui/app.tsx';
import { noColorRequested } from '../../src/format/color.ts';
import { applyColorMode, colorLevel, setColorLevel } from '../../src/ui/color.ts';
import type { ColorLevel } from '../../src/ui/color.ts';
import { connectViewStore } from '../../src/ui/view-store.ts';
import { command, completed, message } from './events.ts';
import { FakeController } from './fake-controller.ts';
import { waitFor } from './frames.ts';

let saved: ColorLevel = 0;
beforeAll(() => {
  saved = colorLevel();
});
afterAll(() => {
  cleanup();
  setColorLevel(saved);
});

async function renderedFrame(): Promise<string> {
  const c = new FakeController();
  const r = render(<App controller={c} store={connectViewStore(c)} />);
  c.push(completed(message('m', '**bold** and `code`\n\n```ts\nconst x = 1;\n```')));
  c.push(completed(command('c', 'npm test', { status: 'failed', exit_code: 1, duration_ms: 10, aggregated_output: 'FAIL\n' })));
  c.push({ type: 'notice.summary', turn: 1, files: [{ path: 'a.ts', kind: 'update', added: 1, removed: 2, binary: false }] });
  await waitFor(() => expect(r.lastFrame()).toContain('Changes so far'));
  return r.lastFrame() ?? '';
}

describe('NO_COLOR', () => {
  it('is requested by a non-empty NO_COLOR only', () => {
    expect(noColorRequested({ NO_COLOR: '1' })).toBe(true);
    expect(noColorRequested({ NO_COLOR: '' })).toBe(false);
    expect(noColorRequested({})).toBe(false);
  });

  it('frames have colour when colours are on, and no ANSI escape at all under NO_COLOR', async () => {
    setColorLevel(1);
    applyColorMode({}); // no NO_COLOR: the level stays
    expect(colorLevel()).toBe(1);
    applyColorMode({ NO_COLOR: '' }); // empty: not a request (no-color.org), the level stays
    expect(colorLevel()).toBe(1);
    expect(await renderedFrame()).toContain('\u001b[');

    applyColorMode({ NO_COLOR: '1' });
    expect(colorLevel()).toBe(0);
    const frame = await renderedFrame();
    expect(frame).not.toContain('\u001b');
    expect(frame).toContain('✗ $ npm test'); // states still read without colour
    expect(frame).toContain('`code`'); // inline code keeps its backticks
  });
});
