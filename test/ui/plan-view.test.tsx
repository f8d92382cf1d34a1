import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import type { PlanEntry } from '../../src/protocol/events.ts';
import { PlanView } from '../../src/ui/components/plan-view.tsx';
import { plain } from './frames.ts';

afterEach(() => cleanup());

describe('PlanView', () => {
  it('is a checklist: ☐ pending, ▸ in progress, ☑ done, with a count', () => {
    const entries: PlanEntry[] = [
      { text: 'Reproduce the bug', status: 'completed' },
      { text: 'Fix the parser', status: 'in_progress' },
      { text: 'Add a test', status: 'pending' },
    ];
    const out = plain(render(<PlanView entries={entries} explanation="parser first" />).lastFrame());
    expect(out).toContain('Plan 1/3 done');
    expect(out).toContain('parser first');
    expect(out).toContain('☑ Reproduce the bug');
    expect(out).toContain('▸ Fix the parser');
    expect(out).toContain('☐ Add a test');
  });

  it('updates in place when the plan changes', () => {
    const r = render(<PlanView entries={[{ text: 'Fix', status: 'in_progress' }, { text: 'Test', status: 'pending' }]} />);
    r.rerender(<PlanView entries={[{ text: 'Fix', status: 'completed' }, { text: 'Test', status: 'in_progress' }]} />);
    const out = plain(r.lastFrame());
    expect(out).toContain('☑ Fix');
    expect(out).toContain('▸ Test');
    expect(out.match(/Fix/g)).toHaveLength(1);
  });
});
