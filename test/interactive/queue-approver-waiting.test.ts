// QueueApprover's onWaiting (what the TUI's `approval.waiting` notification hangs on): called once for
// a request that really waits for the person, never for one answered in the tick it was shown.
import { describe, expect, it } from 'vitest';
import type { ApprovalRequest } from '../../src/protocol/approval.ts';
import { QueueApprover } from '../../src/interactive/queue-approver.ts';

const request = (): ApprovalRequest => ({ tool: 'shell', command: 'touch x', cwd: '/repo', sandboxed: false, network: false, reason: 'asked' });

function shown(approver: QueueApprover, req: ApprovalRequest, id: string): void {
  approver.observe({ type: 'item.started', item: { id, status: 'in_progress', type: 'approval', request: req, decision: null } });
}

describe('QueueApprover onWaiting', () => {
  it('hears of a request that waits, once, before it is answered', async () => {
    const waiting: ApprovalRequest[] = [];
    const approver = new QueueApprover({ onWaiting: (r) => waiting.push(r) });
    const req = request();
    shown(approver, req, 'a1');
    const decided = approver.decide(req, new AbortController().signal);
    expect(waiting).toEqual([req]);
    approver.answer('a1', { decision: 'approved' });
    await expect(decided).resolves.toMatchObject({ decision: 'approved' });
    expect(waiting).toHaveLength(1);
  });

  it('does not hear of one answered before it was asked, nor of one it could not show', async () => {
    const waiting: ApprovalRequest[] = [];
    const approver = new QueueApprover({ onWaiting: (r) => waiting.push(r) });
    const early = request();
    shown(approver, early, 'a2');
    approver.answer('a2', { decision: 'denied' });
    await expect(approver.decide(early, new AbortController().signal)).resolves.toMatchObject({ decision: 'denied' });
    await expect(approver.decide(request(), new AbortController().signal)).resolves.toMatchObject({ decision: 'denied' });
    expect(waiting).toEqual([]);
  });
});
