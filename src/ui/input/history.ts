// Walking earlier prompts with up/down: up from the draft goes to the newest entry, down past the
// newest comes back to the draft as it was left.

export interface HistoryWalk {
  entries: string[];
  /** Index into `entries` being shown, or null while editing the draft. */
  index: number | null;
  draft: string;
}

export function historyWalk(entries: string[]): HistoryWalk {
  return { entries, index: null, draft: '' };
}

/** One step back; null when there is nothing older. */
export function older(h: HistoryWalk, current: string): { walk: HistoryWalk; text: string } | null {
  if (h.entries.length === 0) return null;
  if (h.index === 0) return null;
  const index = h.index === null ? h.entries.length - 1 : h.index - 1;
  const draft = h.index === null ? current : h.draft;
  return { walk: { ...h, index, draft }, text: h.entries[index] ?? '' };
}

/** One step forward; back to the draft after the newest; null when already on the draft. */
export function newer(h: HistoryWalk): { walk: HistoryWalk; text: string } | null {
  if (h.index === null) return null;
  if (h.index >= h.entries.length - 1) return { walk: { ...h, index: null }, text: h.draft };
  const index = h.index + 1;
  return { walk: { ...h, index }, text: h.entries[index] ?? '' };
}

/** After a submit: the prompt joins the history (unless it repeats the newest), back on a fresh draft. */
export function remember(h: HistoryWalk, text: string): HistoryWalk {
  const entries = h.entries[h.entries.length - 1] === text ? h.entries : [...h.entries, text];
  return { entries, index: null, draft: '' };
}
