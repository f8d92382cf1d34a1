// What the demo's scripted model does with the bundled sample (demo/sample): plan, reproduce the
// failure, read the code, patch it, run the tests again, close the plan and sum up — the same tools
// a real model uses, run for real on the sample's working copy.
import type { ScriptedStep } from './scripted-model.ts';

export const DEMO_PROMPT =
  'formatDuration prints 3725 seconds as "1h 62m 5s" instead of "1h 2m 5s". Find the bug, fix it, and make the tests pass.';

export const DEMO_TEST_COMMAND = 'node test/duration.test.js';

export const DEMO_PATCH = `*** Begin Patch
*** Update File: src/duration.js
@@
   const hours = Math.floor(whole / 3600);
-  const minutes = Math.floor(whole / 60);
+  const minutes = Math.floor((whole % 3600) / 60);
   const seconds = whole % 60;
*** End Patch`;

export const DEMO_ANSWER = [
  'Fixed `formatDuration` in `src/duration.js`.',
  '',
  'The minutes were computed from the whole duration (`Math.floor(whole / 60)`), so every full hour was counted',
  'again as 60 minutes: 3725 s came out as "1h 62m 5s". They are now taken from what is left after the hours,',
  '`Math.floor((whole % 3600) / 60)`. All 8 tests pass.',
].join('\n');

export const DEMO_FALLBACK =
  "This is hew's demo model: it only knows how to fix the sample's formatDuration bug. Review the change with /diff, " +
  'bring it into the sample repository with /apply, or run `hew` in your own repository with a real model.';

type Status = 'pending' | 'in_progress' | 'completed';

function plan(...statuses: [Status, Status, Status]): { name: string; args: unknown } {
  const steps = ['Reproduce the failure with the tests', 'Find the bug in src/duration.js', 'Fix it and run the tests again'];
  return { name: 'update_plan', args: { plan: steps.map((step, i) => ({ step, status: statuses[i] })) } };
}

export function demoScript(): ScriptedStep[] {
  return [
    { text: "I'll reproduce the failure first, then find and fix the bug.", calls: [plan('in_progress', 'pending', 'pending')] },
    { calls: [{ name: 'shell', args: { command: DEMO_TEST_COMMAND } }] },
    {
      text: 'Three cases with hours fail, and the extra minutes are exactly 60 per hour. Let me read the formatter.',
      calls: [plan('completed', 'in_progress', 'pending'), { name: 'read_file', args: { path: 'src/duration.js' } }],
    },
    {
      text: 'Found it: `minutes` is counted from the whole duration instead of what is left after the hours.',
      calls: [plan('completed', 'completed', 'in_progress'), { name: 'apply_patch', args: { input: DEMO_PATCH } }],
    },
    { calls: [{ name: 'shell', args: { command: DEMO_TEST_COMMAND } }] },
    { calls: [plan('completed', 'completed', 'completed')] },
    { text: DEMO_ANSWER },
  ];
}
