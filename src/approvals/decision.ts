// Reading an approval decision: `denied` and `denied_always` both mean "do not run it" (the second
// also leaves a deny rule behind). Every place that acts on a decision asks this, never `=== 'denied'`.
import type { ApprovalDecision } from '../protocol/approval.ts';

export function isDenial(decision: ApprovalDecision): boolean {
  return decision === 'denied' || decision === 'denied_always';
}
