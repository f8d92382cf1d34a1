// A ToolContext over a real temp dir and the real `none` sandbox, recording streamed and logged text.
import { createNoneSandbox } from '../../src/sandbox/none.ts';
import type { ToolContext } from '../../src/tools/types.ts';
import { makeTempDir } from '../sandbox/helpers.ts';

export interface TestContext {
  ctx: ToolContext;
  root: string;
  streamed: string[];
  logged: string[];
  cleanup: () => void;
}

export function makeContext(overrides: Partial<ToolContext> = {}): TestContext {
  const { dir, cleanup } = makeTempDir('hew-tools-');
  const streamed: string[] = [];
  const logged: string[] = [];
  const ctx: ToolContext = {
    root: dir,
    sandbox: createNoneSandbox(),
    signal: new AbortController().signal,
    onOutput: (chunk) => streamed.push(chunk),
    log: (text) => logged.push(text),
    ...overrides,
  };
  return { ctx, root: dir, streamed, logged, cleanup };
}
