// Scripts for best of N (`hew exec --attempts N`): the scripted model tells the attempts apart by
// their requests' `prompt_cache_key` (one per run, `hew-RUN`): the first attempt to ask gets the first
// behaviour, and so on, so each attempt has its own conversation.
import type { RecordedRequest, ScriptedTurn } from './model-server.ts';
import { patch } from './scripts.ts';

/** A turn whose response never comes: the request is held until the client gives up on it (an abort). */
export const never: ScriptedTurn = { outputs: [{ text: 'never sent' }], fault: { kind: 'hold', afterEvents: 0, until: new Promise(() => undefined) } };

/**
 * A script per attempt: behaviours[k] is the list of turns of the k-th attempt to send a request
 * (past its end: `never`). `runOf(k)` is the run that got behaviour k.
 */
export function perAttempt(behaviours: ScriptedTurn[][]): { script: (req: RecordedRequest) => ScriptedTurn; runOf: (k: number) => string | undefined } {
  const order: string[] = [];
  const steps = new Map<string, number>();
  return {
    script: (req) => {
      const key = String(req.body?.prompt_cache_key);
      if (!order.includes(key)) order.push(key);
      const k = order.indexOf(key);
      const n = steps.get(key) ?? 0;
      steps.set(key, n + 1);
      return behaviours[k]?.[n] ?? never;
    },
    runOf: (k) => order[k]?.replace(/^hew-/, ''),
  };
}

/** A turn that adds answer.txt with these lines. */
export const addAnswer = (lines: string[]): ScriptedTurn => patch(`*** Begin Patch\n*** Add File: answer.txt\n${lines.map((l) => `+${l}`).join('\n')}\n*** End Patch`);
