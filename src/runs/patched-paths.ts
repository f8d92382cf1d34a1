// The paths a run's apply_patch calls wrote, from its transcript: every completed file_change item
// (an added or updated file, a move's both ends), across resumed sessions. Used only to tell which
// ignored files the agent edited itself (named one by one) from what its commands wrote
// (summarised): workcopy/ignored-groups.ts. The transcript is the model's doing, so this only ever
// narrows a list git produced; it never adds a path.
import path from 'node:path';
import type { StampedEvent } from '../protocol/events.ts';

/** Repository-relative paths named by completed file_change items. */
export function patchedPaths(events: readonly StampedEvent[]): Set<string> {
  const paths = new Set<string>();
  for (const e of events) {
    if (e.type !== 'item.completed' || e.item.type !== 'file_change' || e.item.status !== 'completed') continue;
    for (const c of e.item.changes) {
      for (const p of [c.path, c.move_path]) {
        if (typeof p === 'string' && p !== '' && !path.posix.isAbsolute(p)) paths.add(path.posix.normalize(p));
      }
    }
  }
  return paths;
}
