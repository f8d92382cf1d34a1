// Coloured lines of a unified diff: additions green, removals red, hunk headers cyan, file headers
// dim. Each line is truncated to one row so a scrolling view can count rows by lines. The +/-
// prefix stays, so the diff reads the same without colour.
import { Text } from 'ink';
import { theme } from '../theme.ts';

export type DiffLineKind = 'add' | 'remove' | 'hunk' | 'meta' | 'context';

/** `headers`: the text may hold file headers (`diff --git`, `---`, `+++`); hunks alone have none, so there `---` is a removal. */
function diffLineKind(line: string, headers = true): DiffLineKind {
  if (headers && (line.startsWith('+++') || line.startsWith('---') || line.startsWith('diff ') || line.startsWith('index '))) return 'meta';
  if (line.startsWith('@@')) return 'hunk';
  if (line.startsWith('+')) return 'add';
  if (line.startsWith('-')) return 'remove';
  return 'context';
}

export function DiffLine({ line, wrap = 'truncate-end', headers = true }: { line: string; wrap?: 'truncate-end' | 'wrap'; headers?: boolean }) {
  const kind = diffLineKind(line, headers);
  const text = line === '' ? ' ' : line.replace(/\t/g, '    ');
  switch (kind) {
    case 'add':
      return <Text color={theme.added} wrap={wrap}>{text}</Text>;
    case 'remove':
      return <Text color={theme.removed} wrap={wrap}>{text}</Text>;
    case 'hunk':
      return <Text color={theme.hunk} wrap={wrap}>{text}</Text>;
    case 'meta':
      return <Text dimColor wrap={wrap}>{text}</Text>;
    default:
      return <Text wrap={wrap}>{text}</Text>;
  }
}
