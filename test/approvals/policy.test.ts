// evaluatePolicy as a table: each policy × sandbox (working, none, full access) × what the model
// asked for × read-only or not.
import { describe, expect, it } from 'vitest';
import { evaluatePolicy, planRun } from '../../src/approvals/policy.ts';
import type { ApprovalPolicy, ApprovalReason, SandboxFacts, SandboxPermissions } from '../../src/protocol/approval.ts';

const BWRAP: SandboxFacts = { kind: 'bwrap', mode: 'workspace-write', network: false };
const BWRAP_NET: SandboxFacts = { kind: 'bwrap', mode: 'workspace-write', network: true };
const NO_SANDBOX: SandboxFacts = { kind: 'none', mode: 'workspace-write', network: true };
const NO_SANDBOX_RO: SandboxFacts = { kind: 'none', mode: 'read-only', network: true };
const FULL: SandboxFacts = { kind: 'none', mode: 'danger-full-access', network: true };

type Row = [ApprovalPolicy, SandboxFacts, SandboxPermissions, string, 'allow' | 'ask' | 'deny', ApprovalReason[]];

const ROWS: Row[] = [
  // on-request: sandboxed commands run; leaving the sandbox or opening the network asks.
  ['on-request', BWRAP, 'use_default', 'rm -rf build', 'allow', []],
  ['on-request', BWRAP, 'use_default', 'ls', 'allow', []],
  ['on-request', BWRAP, 'require_escalated', 'ls', 'ask', ['escalated']],
  ['on-request', BWRAP, 'require_network', 'npm install', 'ask', ['network']],
  ['on-request', BWRAP_NET, 'require_network', 'npm install', 'allow', []],
  ['on-request', BWRAP_NET, 'require_escalated', 'npm install', 'ask', ['escalated']],
  ['on-request', NO_SANDBOX, 'use_default', 'ls', 'ask', ['no_sandbox']],
  ['on-request', NO_SANDBOX_RO, 'use_default', 'cat a', 'ask', ['no_sandbox']],
  ['on-request', NO_SANDBOX, 'require_escalated', 'make', 'ask', ['no_sandbox']],
  ['on-request', NO_SANDBOX, 'require_network', 'make', 'ask', ['no_sandbox']],
  ['on-request', FULL, 'use_default', 'rm -rf build', 'allow', []],
  ['on-request', FULL, 'require_escalated', 'make', 'allow', []],
  ['on-request', FULL, 'require_network', 'curl x', 'allow', []],
  // untrusted: also asks for anything not known to be read-only, wherever it runs.
  ['untrusted', BWRAP, 'use_default', 'ls -la', 'allow', []],
  ['untrusted', BWRAP, 'use_default', 'git status && git diff', 'allow', []],
  ['untrusted', BWRAP, 'use_default', 'git push', 'ask', ['untrusted']],
  ['untrusted', BWRAP, 'use_default', 'cat a > b', 'ask', ['untrusted']],
  ['untrusted', BWRAP, 'require_escalated', 'ls', 'ask', ['escalated']],
  ['untrusted', BWRAP, 'require_escalated', 'make', 'ask', ['escalated', 'untrusted']],
  ['untrusted', BWRAP, 'require_network', 'npm ci', 'ask', ['network', 'untrusted']],
  ['untrusted', NO_SANDBOX, 'use_default', 'ls', 'ask', ['no_sandbox']],
  ['untrusted', NO_SANDBOX, 'use_default', 'rm x', 'ask', ['no_sandbox', 'untrusted']],
  ['untrusted', FULL, 'use_default', 'ls', 'allow', []],
  ['untrusted', FULL, 'use_default', 'rm x', 'ask', ['untrusted']],
  // never: nothing is asked; whatever would need asking is denied.
  ['never', BWRAP, 'use_default', 'rm -rf build', 'allow', []],
  ['never', BWRAP, 'require_escalated', 'ls', 'deny', ['escalated']],
  ['never', BWRAP, 'require_network', 'npm ci', 'deny', ['network']],
  ['never', BWRAP_NET, 'require_network', 'npm ci', 'allow', []],
  ['never', NO_SANDBOX, 'use_default', 'ls', 'deny', ['no_sandbox']],
  ['never', FULL, 'use_default', 'rm x', 'allow', []],
  ['never', FULL, 'require_escalated', 'rm x', 'allow', []],
];

describe('evaluatePolicy', () => {
  it.each(ROWS.map((r) => [`${r[0]} ${r[1].kind}/${r[1].mode}${r[1].network ? '+net' : ''} ${r[2]} \`${r[3]}\``, r] as const))(
    '%s',
    (_, [policy, sandbox, permissions, command, action, reasons]) => {
      const verdict = evaluatePolicy({ policy, sandbox, permissions, command });
      expect(verdict.action).toBe(action);
      expect(verdict.reasons).toEqual(reasons);
      if (action === 'allow') expect(verdict.reason).toBe('');
      else expect(verdict.reason).toMatch(/\.$/);
    },
  );

  it('explains each reason in the sentence for the person', () => {
    const verdict = evaluatePolicy({ policy: 'untrusted', sandbox: NO_SANDBOX, command: 'rm x' });
    expect(verdict.reason).toBe(
      'No OS sandbox is available, so the command would run directly on this machine; the approval policy is untrusted and the command is not known to be read-only.',
    );
  });

  it('classifies argv commands without a shell', () => {
    expect(evaluatePolicy({ policy: 'untrusted', sandbox: BWRAP, command: ['cat', 'a; rm -rf /'] }).action).toBe('allow');
    expect(evaluatePolicy({ policy: 'untrusted', sandbox: BWRAP, command: ['rm', 'a'] }).action).toBe('ask');
  });
});

// A write outside the copy (the remember tool's user scope) always needs a person, whatever the
// sandbox and the command; `never` denies it. Its only reason is outside_copy.
const OUTSIDE_ROWS: [ApprovalPolicy, SandboxFacts, 'ask' | 'deny'][] = [
  ['on-request', BWRAP, 'ask'],
  ['on-request', NO_SANDBOX, 'ask'],
  ['on-request', FULL, 'ask'],
  ['untrusted', BWRAP, 'ask'],
  ['untrusted', FULL, 'ask'],
  ['never', BWRAP, 'deny'],
  ['never', FULL, 'deny'],
  ['never', NO_SANDBOX, 'deny'],
];

describe('evaluatePolicy: a write outside the copy', () => {
  it.each(OUTSIDE_ROWS.map((r) => [`${r[0]} ${r[1].kind}/${r[1].mode}`, r] as const))('%s', (_, [policy, sandbox, action]) => {
    const verdict = evaluatePolicy({ policy, sandbox, command: ['remember'], writesOutside: '/home/ana/.config/hew/AGENTS.md' });
    expect(verdict.action).toBe(action);
    expect(verdict.reasons).toEqual(['outside_copy']);
    expect(verdict.reason).toBe('Hew would write outside the working copy, to your global instructions file.');
  });

  it('without writesOutside the same command is judged as a command', () => {
    expect(evaluatePolicy({ policy: 'on-request', sandbox: FULL, command: ['remember'] }).action).toBe('allow');
  });
});

describe('planRun', () => {
  it('escalates only out of a working sandbox and opens the network only when it is off', () => {
    expect(planRun(BWRAP)).toEqual({ sandboxed: true, network: false, escalate: false, openNetwork: false });
    expect(planRun(BWRAP, 'require_escalated')).toEqual({ sandboxed: false, network: true, escalate: true, openNetwork: false });
    expect(planRun(BWRAP, 'require_network')).toEqual({ sandboxed: true, network: true, escalate: false, openNetwork: true });
    expect(planRun(BWRAP_NET, 'require_network')).toEqual({ sandboxed: true, network: true, escalate: false, openNetwork: false });
    expect(planRun(NO_SANDBOX, 'require_escalated')).toEqual({ sandboxed: false, network: true, escalate: false, openNetwork: false });
    expect(planRun(FULL, 'require_network')).toEqual({ sandboxed: false, network: true, escalate: false, openNetwork: false });
  });
});
