// hew's internal records in a run's events.jsonl: what is needed to rebuild the model's conversation
// exactly (resume) and to go back to a checkpoint (rewind). They are written only to events.jsonl,
// never to a front's sink or `--json` stdout; their `type` starts with `hew.` and they carry `ts`
// but no `seq` (seq numbers the SPEC stream). `readConversation` replays them; it is pure.
import type { ConversationItem } from '../model/types.ts';

/** A thread opened (or its model changed): the system prompt the model saw, and who answered. */
export interface SessionRecord {
  type: 'hew.session';
  instructions: string;
  model: string;
  provider: string;
}

/** Items added to the conversation (one record per add call); `step` is the step count then. */
export interface ItemsRecord {
  type: 'hew.items';
  items: ConversationItem[];
  step?: number;
}

/**
 * The conversation was replaced wholesale (compaction). The conversation it replaces stays in the
 * replay as an earlier generation, so checkpoints recorded before it can still be gone back to.
 */
export interface ReplacedRecord {
  type: 'hew.replaced';
  items: ConversationItem[];
}

/** The copy was committed after step `step`; the conversation then held `items` items. */
export interface CheckpointRecord {
  type: 'hew.checkpoint';
  step: number;
  commit: string;
  items: number;
}

/**
 * `hew rewind` restored the copy to `commit` and cut the conversation back to `items` items of
 * conversation generation `generation` (0 before the first `hew.replaced`, 1 after it, …; absent:
 * the current one, as records written before compaction kept checkpoints say).
 */
export interface RewoundRecord {
  type: 'hew.rewound';
  step: number;
  commit: string;
  items: number;
  generation?: number;
}

export type HewRecordBody = SessionRecord | ItemsRecord | ReplacedRecord | CheckpointRecord | RewoundRecord;
export type HewRecord = HewRecordBody & { ts: string };

export function isHewRecord(value: { type: string }): value is HewRecord {
  return value.type.startsWith('hew.');
}

/** What is wrong with a `hew.*` record's shape (so a replay cannot trip over it), or null. Unknown records are fine. */
export function recordDamage(record: { type: string }): string | null {
  const r = record as Record<string, unknown>;
  const whole = (v: unknown): boolean => typeof v === 'number' && Number.isInteger(v) && v >= 0;
  const items = (v: unknown): boolean => Array.isArray(v) && v.every((i) => i !== null && typeof i === 'object' && typeof (i as { type?: unknown }).type === 'string');
  switch (record.type) {
    case 'hew.session':
      return typeof r.instructions === 'string' ? null : 'without its instructions';
    case 'hew.items':
      return items(r.items) && (r.step === undefined || whole(r.step)) ? null : 'with malformed items';
    case 'hew.replaced':
      return items(r.items) ? null : 'with malformed items';
    case 'hew.checkpoint':
    case 'hew.rewound':
      return whole(r.step) && whole(r.items) && typeof r.commit === 'string' && (r.generation === undefined || whole(r.generation)) ? null : 'with a malformed step, commit or item count';
    default:
      return null;
  }
}

export interface Checkpoint {
  step: number;
  commit: string;
  /** How many items the conversation held then… */
  items: number;
  /** …in this generation of it (0 until the first compaction replaced it, then 1, …). */
  generation: number;
}

export interface ReplayedConversation {
  items: ConversationItem[];
  /** The latest recorded system prompt (null when none was recorded). */
  instructions: string | null;
  /** The highest step seen (after a rewind: the step rewound to). */
  lastStep: number;
  /** Checkpoints still reachable, oldest first (a rewind drops later ones; compaction keeps them). */
  checkpoints: Checkpoint[];
  /** Items before the first user message (the context, generation 0), for a rewind to step 0; null before any. */
  baseItems: number | null;
  /** The conversations compaction replaced, oldest first: generation g is `generations[g]`, the current one `items`. */
  generations: ConversationItem[][];
}

/**
 * Replays records in order: items append, replaced starts a new generation, rewound truncates (going
 * back to an earlier generation when its checkpoint was recorded before a compaction). Other lines are ignored.
 */
export function readConversation(records: ReadonlyArray<HewRecordBody | { type: string }>): ReplayedConversation {
  let items: ConversationItem[] = [];
  let instructions: string | null = null;
  let lastStep = 0;
  let checkpoints: Checkpoint[] = [];
  let baseItems: number | null = null;
  let sawUser = false;
  const generations: ConversationItem[][] = [];
  for (const value of records) {
    if (!isHewRecord(value)) continue;
    const record = value;
    switch (record.type) {
      case 'hew.session':
        instructions = record.instructions;
        break;
      case 'hew.items':
        for (const item of record.items) {
          if (!sawUser && item.type === 'message' && item.role === 'user') {
            sawUser = true;
            if (baseItems === null) baseItems = items.length;
          }
          items.push(item);
        }
        if (typeof record.step === 'number' && record.step > lastStep) lastStep = record.step;
        break;
      case 'hew.replaced':
        generations.push(items);
        items = record.items.slice();
        sawUser = true;
        break;
      case 'hew.checkpoint':
        checkpoints.push({ step: record.step, commit: record.commit, items: record.items, generation: generations.length });
        if (record.step > lastStep) lastStep = record.step;
        break;
      case 'hew.rewound': {
        const generation = record.generation ?? generations.length;
        if (generation < generations.length) {
          items = (generations[generation] ?? []).slice(0, record.items);
          generations.length = generation;
        } else if (record.items < items.length) {
          items.length = record.items;
        }
        checkpoints = checkpoints.filter((c) => c.step <= record.step && c.generation <= generation);
        lastStep = record.step;
        break;
      }
    }
  }
  return { items, instructions, lastStep, checkpoints, baseItems, generations };
}

/** Calls without an output (the process died while they ran): their call ids, in order. */
export function unansweredCalls(items: readonly ConversationItem[]): string[] {
  const answered = new Set<string>();
  for (const item of items) if (item.type === 'function_call_output') answered.add(item.call_id);
  return items.filter((i) => i.type === 'function_call' && !answered.has(i.call_id)).map((i) => (i as { call_id: string }).call_id);
}

/** Where `hew rewind STEP` goes: the latest checkpoint at or before STEP (0: the base), or null. */
export function checkpointFor(replayed: ReplayedConversation, step: number, baseSnapshot: string): Checkpoint | null {
  if (!Number.isInteger(step) || step < 0 || step > replayed.lastStep) return null;
  let found: Checkpoint | null = replayed.baseItems === null ? null : { step: 0, commit: baseSnapshot, items: replayed.baseItems, generation: 0 };
  for (const c of replayed.checkpoints) if (c.step <= step) found = c;
  return found;
}
