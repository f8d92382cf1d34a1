// The gate (policy → rules → approver), the approvers, the approval items, and the prompt line.
import { describe, expect, it } from 'vitest';
import type { AgentEvent } from '../../src/protocol/events.ts';
import { policyApprover, scriptedApprover } from '../../src/approvals/approvers.ts';
import { createApprovalGate } from '../../src/approvals/gate.ts';
import { approvalPromptLine, isApprovalPolicy, requestWithoutApprover } from '../../src/approvals/index.ts';
import { approvalRequester } from '../../src/approvals/requester.ts';
import type { ApprovalPolicy, ApprovalRequest, SandboxFacts } from '../../src/protocol/approval.ts';
import type { Approver } from '../../src/approvals/types.ts';

const BWRAP: SandboxFacts = { kind: 'bwrap', mode: 'workspace-write', network: false };
const NO_SANDBOX: SandboxFacts = { kind: 'none', mode: 'workspace-write', network: true };
const FULL: SandboxFacts = { kind: 'none', mode: 'danger-full-access', network: true };

function shellReq(command: string, extra: Partial<ApprovalRequest> = {}): ApprovalRequest {
  return { tool: 'shell', command, cwd: '/repo', sandboxed: true, network: false, reason: '', sandbox: BWRAP, ...extra };
}

/** Resolves to 'settled' if `p` settles before the next macrotask, else 'pending'. */
async function settlesAtOnce(p: Promise<unknown>): Promise<'settled' | 'pending'> {
  const tick = new Promise<'pending'>((r) => setImmediate(() => r('pending')));
  return Promise.race([p.then(() => 'settled' as const), tick]);
}

describe('createApprovalGate', () => {
  it('lets what the policy allows pass without asking the approver', async () => {
    const approver = scriptedApprover([]);
    const gate = createApprovalGate({ policy: 'on-request', approver });
    expect(await gate.check(shellReq('rm -rf build'))).toEqual({ decision: 'approved', by: 'policy' });
    expect(approver.requests).toEqual([]);
  });

  it('asks the approver with the reasons filled in, and passes its answer on', async () => {
    const approver = scriptedApprover([{ decision: 'denied', note: 'not today' }, 'approved']);
    const gate = createApprovalGate({ policy: 'on-request', approver });
    const escalated = shellReq('make deploy', { sandbox_permissions: 'require_escalated', justification: 'needs the host docker' });
    expect(await gate.check(escalated)).toEqual({ decision: 'denied', note: 'not today', by: 'approver' });
    expect(await gate.check(escalated)).toEqual({ decision: 'approved', by: 'approver' });
    expect(approver.requests).toHaveLength(2);
    expect(approver.requests[0]).toMatchObject({
      command: 'make deploy',
      justification: 'needs the host docker',
      reasons: ['escalated'],
      reason: 'The model asked to run the command outside the sandbox.',
    });
  });

  it('remembers an "always" as a prefix rule that answers later requests without the approver', async () => {
    const approver = scriptedApprover(['approved_always']);
    const gate = createApprovalGate({ policy: 'untrusted', approver });
    expect((await gate.check(shellReq('npm test'))).decision).toBe('approved_always');
    expect(gate.rules.list()).toEqual([{ prefix: ['npm', 'test'], host: false }]);
    expect(await gate.check(shellReq('npm test -- --run'))).toMatchObject({ decision: 'approved', by: 'rule' });
    // Not covered: asked again (and the script, now empty, denies).
    expect(await gate.check(shellReq('npm publish'))).toMatchObject({ decision: 'denied', by: 'approver' });
    expect(approver.requests.map((r) => r.command)).toEqual(['npm test', 'npm publish']);
  });

  it('asks for every escalation even after an "always" for the same command', async () => {
    const approver = scriptedApprover(['approved_always', 'denied']);
    const gate = createApprovalGate({ policy: 'untrusted', approver });
    const escalated = shellReq('npm install', { sandbox_permissions: 'require_escalated' });
    expect((await gate.check(escalated)).decision).toBe('approved_always');
    expect((await gate.check(escalated)).decision).toBe('denied');
    // The remembered part still answers the untrusted question inside the sandbox.
    expect(await gate.check(shellReq('npm install'))).toMatchObject({ decision: 'approved', by: 'rule' });
    expect(approver.requests).toHaveLength(2);
  });

  it('counts an "always" for a bare program as a one-off approval', async () => {
    const approver = scriptedApprover(['approved_always', 'denied']);
    const gate = createApprovalGate({ policy: 'untrusted', approver });
    expect(await gate.check(shellReq('make'))).toEqual({ decision: 'approved', by: 'approver' });
    expect(gate.rules.list()).toEqual([]);
    expect((await gate.check(shellReq('make'))).decision).toBe('denied');
  });

  it('denies under `never` without asking, with a note that says what to do instead', async () => {
    const approver = scriptedApprover(['approved']);
    const gate = createApprovalGate({ policy: 'never', approver });
    const answer = await gate.check(shellReq('curl example.com', { sandbox_permissions: 'require_network' }));
    expect(answer.decision).toBe('denied');
    expect(answer.by).toBe('policy');
    expect(answer.note).toContain('approval policy is `never`');
    expect(answer.note).toContain('Work without the network');
    expect(answer.note).toContain('re-run with `--network`');
    expect(approver.requests).toEqual([]);
  });

  it('treats a request without sandbox facts as having no sandbox', async () => {
    const approver = scriptedApprover(['denied']);
    const gate = createApprovalGate({ policy: 'on-request', approver });
    await gate.check({ tool: 'mcp__x__y', command: 'x', cwd: '/', sandboxed: true, network: false, reason: '' });
    expect(approver.requests[0]?.reasons).toEqual(['no_sandbox']);
  });

  it('reports a decision that threw as denied to the observer, and rethrows', async () => {
    const seen: string[] = [];
    const approver: Approver = { canApprove: true, decide: () => Promise.reject(new Error('interrupted')) };
    const gate = createApprovalGate({ policy: 'on-request', approver });
    const check = gate.check(shellReq('x', { sandbox: NO_SANDBOX }), {
      observer: { asked: () => seen.push('asked'), decided: (_, a) => seen.push(a.decision) },
    });
    await expect(check).rejects.toThrow('interrupted');
    expect(seen).toEqual(['asked', 'denied']);
  });
});

describe('deny rules in the gate ("always deny")', () => {
  it('remembers a "deny always", then refuses the same prefix without asking anyone (decided by the rule)', async () => {
    const approver = scriptedApprover(['denied_always', 'approved']);
    const gate = createApprovalGate({ policy: 'untrusted', approver });
    const first = await gate.check(shellReq('npm publish'));
    expect(first).toMatchObject({ decision: 'denied_always', by: 'approver' });
    expect(first.note).toContain('will refuse every command that starts with `npm publish`');
    expect(gate.rules.listDenied()).toEqual([['npm', 'publish']]);
    const later = await gate.check(shellReq('npm publish --tag next'));
    expect(later).toMatchObject({ decision: 'denied', by: 'rule' });
    expect(later.note).toContain('the user always refuses commands that start with `npm publish`');
    expect(approver.requests.map((r) => r.command)).toEqual(['npm publish']);
    // Another command is asked as before.
    expect((await gate.check(shellReq('npm test'))).decision).toBe('approved');
  });

  it('counts a "deny always" it cannot remember as a single denial, and says so', async () => {
    const approver = scriptedApprover(['denied_always', 'approved']);
    const gate = createApprovalGate({ policy: 'untrusted', approver });
    const answer = await gate.check(shellReq('make'));
    expect(answer).toMatchObject({ decision: 'denied', by: 'approver' });
    expect(answer.note).toContain('only this one was refused');
    expect(gate.rules.listDenied()).toEqual([]);
    expect((await gate.check(shellReq('make'))).decision).toBe('approved');
  });

  it('refuses before the allow rules, for every reason it is asked, and before the approver command', async () => {
    const rows: [name: string, req: ApprovalRequest, policy: ApprovalPolicy][] = [
      ['untrusted', shellReq('git push origin'), 'untrusted'],
      ['escalated', shellReq('git push', { sandbox_permissions: 'require_escalated' }), 'on-request'],
      ['network', shellReq('git push', { sandbox_permissions: 'require_network' }), 'on-request'],
      ['no sandbox', shellReq('git push', { sandbox: NO_SANDBOX }), 'on-request'],
      ['never', shellReq('git push', { sandbox: NO_SANDBOX }), 'never'],
      ['a script', shellReq('git add . && git push'), 'untrusted'],
    ];
    for (const [name, req, policy] of rows) {
      const approver = scriptedApprover(['approved']);
      let firstAsked = 0;
      const first = { decide: () => ((firstAsked += 1), Promise.resolve({ decision: 'approved' as const, by: 'approver_command' as const })) };
      const gate = createApprovalGate({ policy, approver, rules: [{ prefix: ['git', 'push'], host: true }], first });
      gate.rules.rememberDenial(shellReq('git push'));
      expect(await gate.check(req), name).toMatchObject({ decision: 'denied', by: 'rule' });
      expect(approver.requests, name).toEqual([]);
      expect(firstAsked, name).toBe(0);
    }
  });

  it('leaves alone what the policy simply allows (a deny rule answers questions only)', async () => {
    const gate = createApprovalGate({ policy: 'on-request', approver: scriptedApprover([]) });
    gate.rules.rememberDenial(shellReq('git push'));
    expect(await gate.check(shellReq('git push'))).toEqual({ decision: 'approved', by: 'policy' });
  });

  it('records the refusal as an approval item, declined and decided by the rule', async () => {
    const events: AgentEvent[] = [];
    const gate = createApprovalGate({ policy: 'untrusted', approver: scriptedApprover([]) });
    gate.rules.rememberDenial(shellReq('git push'));
    await approvalRequester(gate, (e) => events.push(e), () => 'item_0', new AbortController().signal)(shellReq('git push'));
    expect(events.at(-1)).toMatchObject({ type: 'item.completed', item: { type: 'approval', decision: 'denied', decided_by: 'rule', status: 'declined' } });
  });
});

describe('policyApprover', () => {
  it('answers at once, denied, with a note naming the front and a true way to allow it', async () => {
    const gate = createApprovalGate({ policy: 'on-request', approver: policyApprover('exec') });
    const pending = gate.check(shellReq('make', { sandbox_permissions: 'require_escalated' }), { signal: new AbortController().signal });
    expect(await settlesAtOnce(pending)).toBe('settled');
    const answer = await pending;
    expect(answer.decision).toBe('denied');
    expect(answer.note).toContain('`hew exec` runs without a person to ask');
    expect(answer.note).toContain('Run the command inside the sandbox instead');
    expect(answer.note).toContain('`-s danger-full-access`');
    expect(answer.note).not.toContain('never');
  });

  it('points to fixing the sandbox when there is none, and to -a on-request under untrusted', async () => {
    const approver = policyApprover('batch');
    const noSandbox = await approver.decide(shellReq('ls', { reasons: ['no_sandbox'] }), new AbortController().signal);
    expect(noSandbox.note).toContain('`hew batch`');
    expect(noSandbox.note).toContain('hew doctor');
    const untrusted = await approver.decide(shellReq('rm x', { reasons: ['untrusted'] }), new AbortController().signal);
    expect(untrusted.note).toContain('`-a on-request`');
  });
});

describe('approvalRequester', () => {
  it('records asked requests as approval items: started with no decision, completed with it', async () => {
    const events: AgentEvent[] = [];
    let n = 0;
    const gate = createApprovalGate({ policy: 'untrusted', approver: scriptedApprover(['approved', 'denied']) });
    const ask = approvalRequester(gate, (e) => events.push(e), () => `item_${n++}`, new AbortController().signal);
    await ask(shellReq('ls'));
    expect(events).toEqual([]);
    await ask(shellReq('touch a'));
    await ask(shellReq('touch b'));
    expect(events.map((e) => [e.type, 'item' in e && e.item.id, 'item' in e && e.item.status])).toEqual([
      ['item.started', 'item_0', 'in_progress'],
      ['item.completed', 'item_0', 'completed'],
      ['item.started', 'item_1', 'in_progress'],
      ['item.completed', 'item_1', 'declined'],
    ]);
    const [started, completed] = events;
    expect(started).toMatchObject({ item: { type: 'approval', decision: null, request: { command: 'touch a', reasons: ['untrusted'] } } });
    expect(completed).toMatchObject({ item: { type: 'approval', decision: 'approved' } });
    expect(events[3]).toMatchObject({ item: { decision: 'denied', request: { command: 'touch b' } } });
  });
});

describe('approvalRequester with the gated item', () => {
  it('puts the id of the tool call it gates on every request it records', async () => {
    const events: AgentEvent[] = [];
    const gate = createApprovalGate({ policy: 'untrusted', approver: scriptedApprover(['approved']) });
    const ask = approvalRequester(gate, (e) => events.push(e), () => 'item_2', new AbortController().signal, 'item_1');
    await ask(shellReq('touch a'));
    expect(events.map((e) => 'item' in e && e.item.type === 'approval' && e.item.request.item_id)).toEqual(['item_1', 'item_1']);
  });
});

describe('requestWithoutApprover', () => {
  it('allows what on-request allows and denies the rest', async () => {
    expect((await requestWithoutApprover(shellReq('make'))).decision).toBe('approved');
    const denied = await requestWithoutApprover(shellReq('make', { sandbox_permissions: 'require_escalated' }));
    expect(denied.decision).toBe('denied');
    expect(denied.note).toContain('no approver is connected');
  });
});

describe('approvalPromptLine', () => {
  it('tells the model how to ask when someone can approve', () => {
    expect(approvalPromptLine('on-request', BWRAP, true)).toContain('sandbox_permissions "require_escalated"');
    expect(approvalPromptLine('on-request', BWRAP, true)).toContain('"require_network"');
    expect(approvalPromptLine('on-request', { ...BWRAP, network: true }, true)).not.toContain('require_network');
    expect(approvalPromptLine('untrusted', BWRAP, true)).toContain('Only read-only commands');
    expect(approvalPromptLine('never', BWRAP, true)).toContain('do not use sandbox_permissions');
    expect(approvalPromptLine('on-request', NO_SANDBOX, true)).toContain('every shell command needs the user\'s approval');
    expect(approvalPromptLine('on-request', FULL, true)).toBe('Commands run without a sandbox and without asking.');
  });

  it('never invites a request that no one can approve', () => {
    const cases: [ApprovalPolicy, SandboxFacts, RegExp][] = [
      ['on-request', BWRAP, /no one can approve anything more in this run: every command must work inside the sandbox, without network\.$/],
      ['on-request', { ...BWRAP, network: true }, /every command must work inside the sandbox\.$/],
      ['untrusted', BWRAP, /^Only read-only commands .* can run: no one can approve other commands/],
      ['untrusted', FULL, /^Only read-only commands .* can run/],
      ['never', BWRAP, /every command must work inside the sandbox/],
      ['on-request', NO_SANDBOX, /no one can approve commands in this run, so shell commands cannot run/],
      ['on-request', FULL, /^Commands run without a sandbox and without asking\.$/],
    ];
    for (const [policy, sandbox, expected] of cases) {
      const line = approvalPromptLine(policy, sandbox, false);
      expect(line).toMatch(expected);
      expect(line).not.toContain('require_escalated');
      expect(line).not.toContain('approves or denies');
    }
  });

  it('stays within two sentences', () => {
    for (const policy of ['untrusted', 'on-request', 'never'] as const) {
      for (const sandbox of [BWRAP, NO_SANDBOX, FULL]) {
        for (const canApprove of [true, false]) {
          const line = approvalPromptLine(policy, sandbox, canApprove);
          expect(line.split(/[.!?](\s|$)/).filter((s) => s.trim()).length).toBeLessThanOrEqual(2);
        }
      }
    }
  });

  it('recognises the three policies', () => {
    expect(['untrusted', 'on-request', 'never', 'always'].map(isApprovalPolicy)).toEqual([true, true, true, false]);
  });
});
