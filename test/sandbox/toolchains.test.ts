// Which PATH toolchains under hidden places are re-exposed (real directories in a temp tree).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { toolchainMounts } from '../../src/sandbox/toolchains.ts';
import { makeTempDir } from './helpers.ts';

let dir: string;
let cleanup: () => void;
beforeEach(() => {
  ({ dir, cleanup } = makeTempDir('hew-tc-'));
});
afterEach(() => cleanup());

function mk(...rels: string[]): void {
  for (const rel of rels) mkdirSync(path.join(dir, rel), { recursive: true });
}

describe('toolchainMounts', () => {
  it('exposes version managers whole, cargo only its bin plus rustup, deep installs by prefix, others as is', () => {
    const home = path.join(dir, 'home', 'ann');
    mk(
      'home/ann/.nvm/versions/node/v24/bin',
      'home/ann/.pyenv/shims',
      'home/ann/.pyenv/bin',
      'home/ann/.cargo/bin',
      'home/ann/.rustup',
      'home/ann/.cache/tool/node-v24/bin',
      'home/ann/.local/bin',
      'home/ann/bin',
      'repo/node_modules/.bin',
      'opt/bin',
    );
    const pathVar = [
      `${home}/.nvm/versions/node/v24/bin`,
      `${home}/.pyenv/shims`,
      `${home}/.pyenv/bin`,
      `${home}/.cargo/bin`,
      `${home}/.cache/tool/node-v24/bin`,
      `${home}/.local/bin`,
      `${home}/bin`,
      home, // a whole home on PATH is never exposed
      `${dir}/repo/node_modules/.bin`, // inside the repository: the copy is there
      `${dir}/opt/bin`, // not hidden: nothing to do
      `${home}/missing/bin`,
      'relative/bin',
    ].join(':');
    const mounts = toolchainMounts({ pathVar, hiddenRoots: [path.join(dir, 'home')], visibleRoot: path.join(dir, 'repo') });
    expect(mounts.sort()).toEqual(
      [
        `${home}/.nvm`,
        `${home}/.pyenv`,
        `${home}/.cargo/bin`,
        `${home}/.rustup`,
        `${home}/.cache/tool/node-v24`,
        `${home}/.local/bin`,
        `${home}/bin`,
      ].sort(),
    );
    expect(mounts).not.toContain(`${home}/.cargo`);
  });

  it('returns nothing without PATH entries under hidden roots', () => {
    expect(toolchainMounts({ pathVar: '/usr/bin:/bin', hiddenRoots: [dir], visibleRoot: '/nope' })).toEqual([]);
    expect(toolchainMounts({ pathVar: undefined, hiddenRoots: [dir], visibleRoot: '/nope' })).toEqual([]);
  });
});
