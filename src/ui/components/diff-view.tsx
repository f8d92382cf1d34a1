// A scrollable diff, one file at a time (notice.diff): ↑/↓ a line, PgUp/PgDn a page, ←/→ or
// Tab/Shift+Tab the previous/next file, Home/End the top/bottom, q or Esc closes.
import { Box, Text, useInput } from 'ink';
import { useState } from 'react';
import type { FileDiff } from '../../protocol/files.ts';
import { DiffLine } from './diff-lines.tsx';
import { theme } from '../theme.ts';

export interface DiffViewProps {
  files: FileDiff[];
  /** Rows the whole view may use at most (header and footer included); a short diff uses fewer. */
  height: number;
  onClose: () => void;
  isActive?: boolean;
}

function statText(f: FileDiff): string {
  if (f.stat.binary) return 'binary';
  return `+${f.stat.added} -${f.stat.removed}`;
}

function linesOf(diff: string): string[] {
  const lines = diff.split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

export function DiffView({ files, height, onClose, isActive = true }: DiffViewProps) {
  // One state updated functionally: keys can arrive faster than renders (a held PgDn).
  const [pos, setPos] = useState({ file: 0, offset: 0 });
  const page = Math.max(3, height - 2);
  const longest = Math.max(1, ...files.map((f) => linesOf(f.diff).length));
  const body = Math.min(page, longest);
  const maxOffsetOf = (fileIndex: number): number => Math.max(0, linesOf(files[fileIndex]?.diff ?? '').length - body);
  const scroll = (to: (offset: number) => number): void =>
    setPos((p) => ({ ...p, offset: Math.max(0, Math.min(maxOffsetOf(p.file), to(Math.min(p.offset, maxOffsetOf(p.file))))) }));
  const switchFile = (delta: number): void => {
    if (files.length > 0) setPos((p) => ({ file: (p.file + delta + files.length) % files.length, offset: 0 }));
  };

  useInput(
    (input, key) => {
      if (key.escape || input === 'q') onClose();
      else if (key.upArrow || input === 'k') scroll((o) => o - 1);
      else if (key.downArrow || input === 'j') scroll((o) => o + 1);
      else if (key.pageUp) scroll((o) => o - body);
      else if (key.pageDown || input === ' ') scroll((o) => o + body);
      else if (key.home || input === 'g') scroll(() => 0);
      else if (key.end || input === 'G') scroll(() => Number.MAX_SAFE_INTEGER);
      else if (key.rightArrow || (key.tab && !key.shift)) switchFile(1);
      else if (key.leftArrow || (key.tab && key.shift)) switchFile(-1);
    },
    { isActive },
  );

  const fileIndex = Math.min(pos.file, files.length - 1);
  const file = files[fileIndex];
  const lines = file ? linesOf(file.diff) : [];
  const top = Math.min(pos.offset, Math.max(0, lines.length - body));
  if (!file) return <Text dimColor>No changes.</Text>;
  const visible = lines.slice(top, top + body);
  const path = file.stat.kind === 'move' && file.stat.move_path !== undefined ? `${file.path} → ${file.stat.move_path}` : file.path;
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        <Text bold color={theme.accent}>
          Diff
        </Text>
        <Text dimColor>
          {' '}
          file {fileIndex + 1}/{files.length}{' '}
        </Text>
        <Text bold>{path}</Text>
        <Text dimColor> {statText(file)}</Text>
      </Text>
      <Box flexDirection="column" height={body}>
        {visible.map((line, i) => (
          <DiffLine key={top + i} line={line} />
        ))}
      </Box>
      <Text dimColor wrap="truncate-end">
        lines {lines.length === 0 ? 0 : top + 1}-{Math.min(lines.length, top + body)} of {lines.length} · ↑↓ PgUp/PgDn scroll · ←→ Tab file · q close
      </Text>
    </Box>
  );
}
