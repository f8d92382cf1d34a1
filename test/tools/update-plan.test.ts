import { describe, expect, it } from 'vitest';
import { updatePlanTool } from '../../src/tools/update-plan.ts';
import { makeContext } from './context.ts';

describe('update_plan tool', () => {
  it('records the plan as a todo_list item', async () => {
    const t = makeContext();
    try {
      const args = updatePlanTool.schema.parse({
        explanation: 'Fix the parser first',
        plan: [
          { step: 'Reproduce', status: 'completed' },
          { step: 'Fix', status: 'in_progress' },
          { step: 'Test', status: 'pending' },
        ],
      });
      const expected = {
        type: 'todo_list',
        items: [
          { text: 'Reproduce', status: 'completed' },
          { text: 'Fix', status: 'in_progress' },
          { text: 'Test', status: 'pending' },
        ],
        explanation: 'Fix the parser first',
      };
      expect(updatePlanTool.begin(args, t.ctx)).toEqual(expected);
      const outcome = await updatePlanTool.run(args, t.ctx);
      expect(outcome).toEqual({ output: 'Plan updated', item: expected, status: 'completed' });
    } finally {
      t.cleanup();
    }
  });

  it('rejects an unknown status', () => {
    expect(updatePlanTool.schema.safeParse({ plan: [{ step: 'x', status: 'done' }] }).success).toBe(false);
  });
});
