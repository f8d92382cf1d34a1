// Remembered "always" rules: exact word prefixes, never a bare program, never the sandbox question.
import { describe, expect, it } from 'vitest';
import { ApprovalRules, rememberablePrefix } from '../../src/approvals/rules.ts';
import type { ApprovalReason, ApprovalRequest } from '../../src/protocol/approval.ts';

function req(command: string | string[], reasons: ApprovalReason[] = ['untrusted']): ApprovalRequest {
  const shown = typeof command === 'string' ? command : command.join(' ');
  return {
    tool: 'shell',
    command: shown,
    ...(typeof command === 'string' ? {} : { argv: command }),
    cwd: '/repo',
    sandboxed: !reasons.includes('no_sandbox') && !reasons.includes('escalated'),
    network: false,
    reason: 'test',
    reasons,
  };
}

describe('rememberablePrefix', () => {
  it('is the whole command as words, quotes removed', () => {
    expect(rememberablePrefix(req('npm test'))).toEqual(['npm', 'test']);
    expect(rememberablePrefix(req(`git commit -m 'a b'`))).toEqual(['git', 'commit', '-m', 'a b']);
    expect(rememberablePrefix(req(['cargo', 'build', '--release']))).toEqual(['cargo', 'build', '--release']);
  });

  it('refuses a bare program, compound scripts, redirections, assignments and paths', () => {
    for (const command of ['npm', 'make', 'npm test && npm run lint', 'npm test > out', 'CI=0 npm test', './run.sh x', 'echo $(id) x', '']) {
      expect(rememberablePrefix(req(command)), command).toBeNull();
    }
    expect(rememberablePrefix(req(['npm']))).toBeNull();
  });
});

describe('ApprovalRules', () => {
  it('covers later commands that extend the prefix at a word boundary, nothing else', () => {
    const rules = new ApprovalRules();
    expect(rules.remember(req('git status'))).toEqual({ prefix: ['git', 'status'], host: false });
    expect(rules.covers(req('git status'), ['untrusted'])).toBe(true);
    expect(rules.covers(req('git status --short'), ['untrusted'])).toBe(true);
    expect(rules.covers(req(['git', 'status', '-s']), ['untrusted'])).toBe(true);
    expect(rules.covers(req('git statusx'), ['untrusted'])).toBe(false);
    expect(rules.covers(req('git push'), ['untrusted'])).toBe(false);
    expect(rules.covers(req('git'), ['untrusted'])).toBe(false);
    expect(rules.covers(req('git status; git push'), ['untrusted'])).toBe(false);
    expect(rules.covers(req('git status > f'), ['untrusted'])).toBe(false);
    expect(rules.covers(req('git status $(git push)'), ['untrusted'])).toBe(false);
  });

  it('covers a script when every part is covered or read-only', () => {
    const rules = new ApprovalRules();
    rules.remember(req('npm test'));
    expect(rules.covers(req('cd pkg && npm test -- --run | tail -5'), ['untrusted'])).toBe(true);
    expect(rules.covers(req('npm test && npm publish'), ['untrusted'])).toBe(false);
  });

  it('does not store a bare program name', () => {
    const rules = new ApprovalRules();
    expect(rules.remember(req('npm'))).toBeNull();
    expect(rules.list()).toEqual([]);
    expect(rules.covers(req('npm install'), ['untrusted'])).toBe(false);
    expect(new ApprovalRules([{ prefix: ['npm'], host: false }]).list()).toEqual([]);
  });

  it('never answers leaving the sandbox or opening the network', () => {
    const rules = new ApprovalRules();
    // An "always" given to an escalated request remembers the command only, scoped to the sandbox.
    expect(rules.remember(req('npm install', ['escalated', 'untrusted']))).toEqual({ prefix: ['npm', 'install'], host: false });
    expect(rules.covers(req('npm install'), ['untrusted'])).toBe(true);
    expect(rules.covers(req('npm install'), ['escalated'])).toBe(false);
    expect(rules.covers(req('npm install'), ['escalated', 'untrusted'])).toBe(false);
    expect(rules.covers(req('npm install'), ['network'])).toBe(false);
    // A sandbox-scoped rule does not let the command run on a host without a sandbox.
    expect(rules.covers(req('npm install', ['no_sandbox']), ['no_sandbox'])).toBe(false);
  });

  it('lets a rule approved without a sandbox cover the same question later, but not read-only commands for free', () => {
    const rules = new ApprovalRules();
    expect(rules.remember(req('npm test', ['no_sandbox']))).toEqual({ prefix: ['npm', 'test'], host: true });
    expect(rules.covers(req('npm test --silent', ['no_sandbox']), ['no_sandbox'])).toBe(true);
    expect(rules.covers(req('npm test', ['no_sandbox', 'untrusted']), ['no_sandbox', 'untrusted'])).toBe(true);
    // Without a sandbox even `ls` needs its own approval.
    expect(rules.covers(req('npm test && ls', ['no_sandbox']), ['no_sandbox'])).toBe(false);
    expect(rules.covers(req('npm test', ['untrusted']), ['untrusted'])).toBe(true);
  });

  it('keeps one copy of a rule remembered twice', () => {
    const rules = new ApprovalRules();
    rules.remember(req('npm test'));
    rules.remember(req(['npm', 'test']));
    expect(rules.list()).toEqual([{ prefix: ['npm', 'test'], host: false }]);
  });
});

describe('ApprovalRules: deny rules ("always deny")', () => {
  it('remembers what "always" would (a single plain command of two words or more), once', () => {
    const rules = new ApprovalRules();
    expect(rules.rememberDenial(req('npm publish'))).toEqual(['npm', 'publish']);
    expect(rules.rememberDenial(req(['npm', 'publish']))).toEqual(['npm', 'publish']);
    for (const command of ['npm', 'npm publish && ls', 'npm publish > out']) expect(rules.rememberDenial(req(command)), command).toBeNull();
    expect(rules.listDenied()).toEqual([['npm', 'publish']]);
    // Deny rules are their own list: nothing is allowed by them.
    expect(rules.list()).toEqual([]);
    expect(rules.covers(req('npm publish'), ['untrusted'])).toBe(false);
  });

  it('refuses a command when any part of it starts with a denied prefix, whatever is around the words', () => {
    const rules = new ApprovalRules();
    rules.rememberDenial(req('git push'));
    const rows: [command: string | string[], refused: boolean][] = [
      ['git push', true],
      ['git push --force origin main', true],
      [['git', 'push', '-f'], true],
      ['git status && git push', true],
      ['cd sub; git push', true],
      ['GIT_TRACE=1 git push', true],
      ['git push > /tmp/log 2>&1', true],
      ['git status | tee x; git push origin', true],
      ['git pushx', false],
      ['git', false],
      ['git status', false],
      ['git log --grep push', false],
      ['echo git push', false],
    ];
    for (const [command, refused] of rows) {
      expect(rules.deniedBy(req(command)), String(command)).toEqual(refused ? ['git', 'push'] : null);
    }
  });
});
