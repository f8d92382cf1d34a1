// Appending to the transcript: every entry gets a key unique within the session (epoch + counter),
// which `<Static>` and React need; entries are never changed once appended.
import type { TranscriptEntry, ViewState } from './types.ts';

type WithoutKey<T> = T extends unknown ? Omit<T, 'key'> : never;
export type NewEntry = WithoutKey<TranscriptEntry>;

export function appendEntries(state: ViewState, entries: NewEntry[]): ViewState {
  if (entries.length === 0) return state;
  let next = state.nextKey;
  const keyed = entries.map((entry) => ({ ...entry, key: `${state.epoch}.${next++}` }) as TranscriptEntry);
  return { ...state, nextKey: next, transcript: [...state.transcript, ...keyed] };
}

export function appendEntry(state: ViewState, entry: NewEntry): ViewState {
  return appendEntries(state, [entry]);
}
