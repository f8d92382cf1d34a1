// The `update_plan` tool (Codex's shape): the model's todo list, shown as a `todo_list` item.
// Like Codex, more than one `in_progress` step is accepted as sent (the model is told to keep one).
import { z } from 'zod';
import type { ItemBody } from '../protocol/events.ts';
import type { Tool, ToolOutcome } from './types.ts';

const schema = z.object({
  explanation: z.string().optional(),
  plan: z
    .array(
      z.object({
        step: z.string(),
        status: z.enum(['pending', 'in_progress', 'completed']),
      }),
    )
    .describe('The whole plan, in order.'),
});

export type UpdatePlanArgs = z.infer<typeof schema>;

function planItem(args: UpdatePlanArgs): ItemBody {
  const item: ItemBody = {
    type: 'todo_list',
    items: args.plan.map((entry) => ({ text: entry.step, status: entry.status })),
  };
  if (args.explanation !== undefined && args.explanation !== '') item.explanation = args.explanation;
  return item;
}

export const updatePlanTool: Tool<UpdatePlanArgs> = {
  name: 'update_plan',
  description:
    'Record your plan for multi-step work: send the full list of steps each time, with at most one in_progress.',
  schema,
  begin: planItem,
  async run(args: UpdatePlanArgs): Promise<ToolOutcome> {
    return { output: 'Plan updated', item: planItem(args), status: 'completed' };
  },
};
