// `hew pick`: a finished best-of-N group's attempts side by side, one column each (layout.ts), the
// cursor on the first. ←/→ (h/l) or a digit select, `d` shows the selected attempt's diff (the TUI's
// diff view; q/Esc back), Enter chooses it (the CLI then applies it as `hew apply RUN` does), q, Esc
// or Ctrl-C leave without choosing. The screen only chooses: it writes nothing.
import { Box, Text, useInput } from 'ink';
import { useState } from 'react';
import type { FileDiff } from '../../protocol/files.ts';
import type { PickAttempt } from '../../protocol/pick.ts';
import { safeLine, safeStrings } from '../../format/safe-text.ts';
import { DiffView } from '../components/diff-view.tsx';
import { theme } from '../theme.ts';
import { COLUMN_GAP, columnLines, columnsFit, cut, windowStart, type Tone } from './layout.ts';

export interface PickScreenProps {
  /** The group's id (its first attempt's run id). */
  group: string;
  /** The task's title (the user's text, made safe here). */
  title: string;
  /** By index. */
  attempts: PickAttempt[];
  width: number;
  height: number;
  /** The selected attempt's changes, for `d`. */
  loadDiff: (runId: string) => Promise<FileDiff[]>;
  /** The chosen run, or null: leave without choosing. */
  onDone: (runId: string | null) => void;
}

type View = { kind: 'columns' } | { kind: 'loading' } | { kind: 'diff'; files: FileDiff[] };

/** Rows taken by everything but the final messages: title, window line, six detail lines, a blank, two footer lines. */
const CHROME_ROWS = 11;
const MESSAGE_MAX = 12;

const TONE_COLOR: Record<Tone, string | undefined> = { head: undefined, good: theme.ok, bad: theme.bad, dim: theme.muted, plain: undefined };

export function PickScreen({ group, title, attempts, width, height, loadDiff, onDone }: PickScreenProps) {
  const [pos, setPos] = useState({ selected: 0, start: 0 });
  const [view, setView] = useState<View>({ kind: 'columns' });
  const [note, setNote] = useState<string | null>(null);
  const total = attempts.length;
  const fit = columnsFit(total, width);
  const select = (to: (selected: number) => number): void => {
    setNote(null);
    setPos((p) => {
      const selected = Math.max(0, Math.min(total - 1, to(p.selected)));
      return { selected, start: windowStart(p.start, selected, fit.visible, total) };
    });
  };
  const current = attempts[Math.min(pos.selected, total - 1)] as PickAttempt;

  // Always listening (the diff view listens too while it is open): input never stops being read
  // between the two, so a key pressed as the diff opens is not lost. Ctrl-C leaves from either.
  useInput((input, key) => {
    if (key.ctrl && input === 'c') return onDone(null);
    // q/Esc close the diff here too: the diff view's own keys start once it has mounted.
    if (view.kind === 'diff' && (key.escape || input === 'q')) return setView({ kind: 'columns' });
    if (view.kind !== 'columns') return;
    if (key.escape || input === 'q') onDone(null);
    else if (key.leftArrow || input === 'h') select((s) => s - 1);
    else if (key.rightArrow || input === 'l') select((s) => s + 1);
    else if (/^[1-9]$/.test(input)) {
      const at = attempts.findIndex((a) => a.index === Number(input));
      if (at >= 0) select(() => at);
    } else if (input === 'd') {
      if (current.gone) return setNote(`attempt #${current.index}: its working copy is gone; there is no diff to show`);
      setView({ kind: 'loading' });
      loadDiff(current.runId).then(
        // The diff is the model's work: made safe like every notice (paths on one line).
        (files) => setView({ kind: 'diff', files: safeStrings(files) }),
        (err: unknown) => {
          setView({ kind: 'columns' });
          setNote(`could not read the diff of attempt #${current.index}: ${safeLine(err instanceof Error ? err.message : String(err))}`);
        },
      );
    } else if (key.return) {
      if (current.gone) return setNote(`attempt #${current.index}: its working copy is gone; there is nothing to apply`);
      onDone(current.runId);
    }
  });

  if (view.kind === 'diff') {
    return (
      <Box flexDirection="column">
        <Text wrap="truncate-end">
          <Text bold>attempt #{current.index}</Text>
          <Text dimColor> {current.runId}</Text>
        </Text>
        <DiffView files={view.files} height={Math.max(5, height - 1)} onClose={() => setView({ kind: 'columns' })} />
      </Box>
    );
  }

  const shown = attempts.slice(pos.start, pos.start + fit.visible);
  const before = pos.start;
  const after = total - pos.start - shown.length;
  const messageLines = Math.max(1, Math.min(MESSAGE_MAX, height - CHROME_ROWS));
  const columns = shown.map((a, i) => ({ a, lines: columnLines(a, fit.width, messageLines, pos.start + i === pos.selected) }));
  const rows = Math.max(...columns.map((c) => c.lines.length));
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        <Text bold color={theme.accent}>
          Pick an attempt
        </Text>
        <Text dimColor> · best of {total} · group {group} · </Text>
        <Text>{safeLine(title)}</Text>
      </Text>
      <Box justifyContent="space-between" width={width}>
        <Text dimColor>{before > 0 ? `‹ ${before} more` : ' '}</Text>
        <Text dimColor>{after > 0 ? `${after} more ›` : ' '}</Text>
      </Box>
      <Box flexDirection="row" height={rows}>
        {columns.map(({ a, lines }, i) => {
          const selected = pos.start + i === pos.selected;
          return (
            <Box key={a.runId} flexDirection="column" width={fit.width} marginRight={i < columns.length - 1 ? COLUMN_GAP : 0}>
              {lines.map((l, n) => (
                <Text key={n} wrap="truncate-end" bold={l.tone === 'head'} inverse={selected && l.tone === 'head'} color={TONE_COLOR[l.tone]}>
                  {l.text === '' ? ' ' : l.text}
                </Text>
              ))}
            </Box>
          );
        })}
      </Box>
      <Text> </Text>
      <Text wrap="truncate-end" color={note !== null ? theme.warn : undefined} dimColor={note === null && view.kind !== 'loading'}>
        {note ?? (view.kind === 'loading' ? `reading the diff of attempt #${current.index}…` : `attempt #${current.index} · ${cut(current.runId, 40)}`)}
      </Text>
      <Text dimColor wrap="truncate-end">
        ←/→ select · d diff · Enter apply #{current.index} to your tree · q quit
      </Text>
    </Box>
  );
}
