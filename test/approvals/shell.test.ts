// The shell tool asking the gate: escalation through the unsandboxed runner, network for one
// command, denials the model can read. Runs real commands through the `none` sandbox; a thin
// labelling wrapper presents it as a working sandbox and records what the tool asked of it.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { scriptedApprover } from '../../src/approvals/approvers.ts';
import { createApprovalGate } from '../../src/approvals/gate.ts';
import type { ApprovalPolicy, ApprovalRequest } from '../../src/protocol/approval.ts';
import { createNoneSandbox } from '../../src/sandbox/none.ts';
import type { CommandSpec, Sandbox } from '../../src/sandbox/types.ts';
import type { SandboxKind, SandboxMode } from '../../src/protocol/sandbox.ts';
import { shellTool } from '../../src/tools/shell.ts';
import type { ToolContext } from '../../src/tools/types.ts';
import { makeContext } from '../tools/context.ts';
import type { TestContext } from '../tools/context.ts';

interface Labelled extends Sandbox {
  specs: CommandSpec[];
}

/** The real `none` sandbox under another label; RUNNER in the environment tells which one ran. */
function labelled(kind: SandboxKind, mode: SandboxMode, network: boolean, runner: string): Labelled {
  const inner = createNoneSandbox({ mode });
  const specs: CommandSpec[] = [];
  return {
    kind,
    mode,
    network,
    specs,
    run(cmd, signal) {
      specs.push(cmd);
      return inner.run({ ...cmd, env: { ...cmd.env, RUNNER: runner } }, signal);
    },
  };
}

let t: TestContext | undefined;
afterEach(() => t?.cleanup());

function setup(policy: ApprovalPolicy, answers: Parameters<typeof scriptedApprover>[0], overrides: Partial<ToolContext> = {}) {
  const sandbox = labelled('bwrap', 'workspace-write', false, 'sandbox');
  const unsandboxed = labelled('none', 'danger-full-access', true, 'host');
  const approver = scriptedApprover(answers);
  const gate = createApprovalGate({ policy, approver });
  t = makeContext({ sandbox, unsandboxed, requestApproval: (req: ApprovalRequest) => gate.check(req), ...overrides });
  const run = (args: Record<string, unknown>) => shellTool.run(shellTool.schema.parse(args), t!.ctx);
  return { sandbox, unsandboxed, approver, run, root: t.root };
}

describe('shell tool approvals', () => {
  it('runs sandboxed commands without asking under on-request', async () => {
    const { approver, sandbox, run } = setup('on-request', []);
    const outcome = await run({ command: 'echo $RUNNER' });
    expect(outcome.output).toContain('Output:\nsandbox\n');
    expect(approver.requests).toEqual([]);
    expect(sandbox.specs[0]?.network).toBeUndefined();
  });

  it('runs an approved escalation through the unsandboxed runner, with the request the person saw', async () => {
    const { approver, sandbox, unsandboxed, run } = setup('on-request', ['approved']);
    const outcome = await run({ command: ['printenv', 'RUNNER'], sandbox_permissions: 'require_escalated', justification: 'needs docker' });
    expect(outcome.status).toBe('completed');
    expect(outcome.output).toContain('Output:\nhost\n');
    expect(sandbox.specs).toEqual([]);
    expect(unsandboxed.specs).toHaveLength(1);
    expect(approver.requests[0]).toMatchObject({
      tool: 'shell',
      command: 'printenv RUNNER',
      argv: ['printenv', 'RUNNER'],
      cwd: t!.root,
      sandboxed: false,
      network: true,
      justification: 'needs docker',
      sandbox_permissions: 'require_escalated',
      sandbox: { kind: 'bwrap', mode: 'workspace-write', network: false },
      reasons: ['escalated'],
    });
  });

  it('opens the network for one approved command inside the sandbox', async () => {
    const { approver, sandbox, run } = setup('on-request', ['approved']);
    const outcome = await run({ command: 'echo $RUNNER', sandbox_permissions: 'require_network', justification: 'npm install' });
    expect(outcome.output).toContain('Output:\nsandbox\n');
    expect(sandbox.specs[0]?.network).toBe(true);
    expect(approver.requests[0]).toMatchObject({ sandboxed: true, network: true, reasons: ['network'] });
  });

  it('declines a denied command without running it and tells the model why', async () => {
    const { sandbox, run, root } = setup('on-request', [{ decision: 'denied', note: 'Not run: the user said no.' }]);
    const outcome = await run({ command: 'touch escaped', sandbox_permissions: 'require_escalated' });
    expect(outcome).toMatchObject({ status: 'declined', output: 'Not run: the user said no.' });
    expect(outcome.item).toMatchObject({ type: 'command_execution', command: 'touch escaped', exit_code: null, aggregated_output: 'Not run: the user said no.' });
    expect(existsSync(path.join(root, 'escaped'))).toBe(false);
    expect(sandbox.specs).toEqual([]);
  });

  it('gives a default note when the person denies without one', async () => {
    const { run } = setup('untrusted', ['denied']);
    const outcome = await run({ command: 'touch x' });
    expect(outcome).toMatchObject({ status: 'declined', output: 'Not run: the user denied this command.' });
  });

  it('declines an approved escalation when the run has no unsandboxed runner', async () => {
    const { run, root } = setup('on-request', ['approved'], { unsandboxed: undefined });
    const outcome = await run({ command: 'touch escaped', sandbox_permissions: 'require_escalated' });
    expect(outcome.status).toBe('declined');
    expect(outcome.output).toContain('no way to run commands outside the sandbox');
    expect(existsSync(path.join(root, 'escaped'))).toBe(false);
  });

  it('without an approver, runs what on-request allows and denies every command when there is no sandbox', async () => {
    t = makeContext({ sandbox: createNoneSandbox({ mode: 'workspace-write' }) });
    const outcome = await shellTool.run({ command: 'touch made' }, t.ctx);
    expect(outcome.status).toBe('declined');
    expect(outcome.output).toContain('no approver is connected');
    expect(existsSync(path.join(t.root, 'made'))).toBe(false);
    t.cleanup();
    t = makeContext(); // danger-full-access: nothing to ask
    expect((await shellTool.run({ command: 'touch made' }, t.ctx)).status).toBe('completed');
  });

  it('accepts only the three sandbox_permissions values', () => {
    expect(shellTool.schema.safeParse({ command: 'ls', sandbox_permissions: 'require_escalated' }).success).toBe(true);
    expect(shellTool.schema.safeParse({ command: 'ls', sandbox_permissions: 'root' }).success).toBe(false);
  });
});
