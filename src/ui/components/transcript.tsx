// The finished transcript through Ink's <Static>: each entry is written once above the live area
// and then belongs to the terminal (scrollback and copy work). A new epoch (/new) starts a fresh
// <Static> with the new thread's entries. The <Static> box is absolutely positioned (shrink to fit),
// so entries get the terminal's width explicitly or rows with fixed-width labels would overflow.
import { Box, Static } from 'ink';
import type { TranscriptEntry } from '../state/types.ts';
import { EntryView } from './entry-view.tsx';

export function Transcript({ entries, epoch, roots, width }: { entries: TranscriptEntry[]; epoch: number; roots: string[]; width: number }) {
  return (
    <Static key={epoch} items={entries}>
      {(entry) => (
        <Box key={entry.key} flexDirection="column" width={width}>
          <EntryView entry={entry} roots={roots} />
        </Box>
      )}
    </Static>
  );
}
