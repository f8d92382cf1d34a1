// The run's event sink numbers and times what the core emits (SPEC §3: `seq`, `ts`).
import type { EmitFn, StampedEvent } from '../protocol/events.ts';

/** Wraps a sink so every event gets `seq` (1, 2, … in this process) and `ts`. */
export function stamper(sink: (e: StampedEvent) => void): EmitFn {
  let seq = 0;
  return (event) => {
    seq += 1;
    sink({ ...event, seq, ts: new Date().toISOString() });
  };
}
