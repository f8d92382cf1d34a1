// Wrapped running text. Ink (wrap-ansi without trimming) starts a wrapped row with the space that
// followed a row filled to the exact width; prose drops that one space so rows start flush.
import { Text, Transform } from 'ink';
import type { ReactNode } from 'react';

// eslint-disable-next-line no-control-regex -- colour codes may precede the space
const LEADING_SPACE = /^((?:\u001b\[[0-9;]*m)*) /;

function trimContinuation(line: string, index: number): string {
  return index > 0 ? line.replace(LEADING_SPACE, '$1') : line;
}

export function Prose({ children, bold, dimColor, italic, color }: { children: ReactNode; bold?: boolean; dimColor?: boolean; italic?: boolean; color?: string }) {
  return (
    <Transform transform={trimContinuation}>
      <Text {...(bold ? { bold } : {})} {...(dimColor ? { dimColor } : {})} {...(italic ? { italic } : {})} {...(color ? { color } : {})}>
        {children}
      </Text>
    </Transform>
  );
}
