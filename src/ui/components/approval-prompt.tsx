// Asks the person about one command, showing exactly what would run: the command, where, whether
// inside the sandbox and with network, the model's justification and why hew asks. Keys: y — yes,
// this once; a — yes, and always for commands that start the same way; n — no, then an optional
// note for the model and Enter (Esc goes back); d — no, and always for commands that start the same
// way (for this session; the core counts it once when the command cannot be remembered). The decision goes to the controller; the prompt
// disappears when the core records it.
import { Box, Text, useInput } from 'ink';
import { useRef, useState } from 'react';
import type { ReactNode } from 'react';
import type { ApprovalAnswer } from '../../protocol/approval.ts';
import { stylesEnabled } from '../color.ts';
import { shortenHome } from '../format.ts';
import type { ApprovalView } from '../state/types.ts';
import { glyph, theme } from '../theme.ts';

export interface ApprovalPromptProps {
  request: ApprovalView;
  onAnswer(itemId: string, answer: ApprovalAnswer): void;
  /** Esc while choosing (not while typing a note). */
  onEscape?(): void;
  isActive?: boolean;
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Box>
      <Box width={10} flexShrink={0}>
        <Text dimColor>{label}</Text>
      </Box>
      <Box flexShrink={1}>{children}</Box>
    </Box>
  );
}

function question(r: ApprovalView): string {
  if (r.writesOutside !== undefined) return 'Write this outside the working copy?';
  if (!r.sandboxed && r.network) return 'Run this command outside the sandbox, with network?';
  if (!r.sandboxed) return 'Run this command outside the sandbox?';
  if (r.network) return 'Run this command with network access?';
  return 'Run this command?';
}

export function ApprovalPrompt({ request: r, onAnswer, onEscape, isActive = true }: ApprovalPromptProps) {
  // The mode is mirrored in a ref: keys can arrive faster than renders.
  const [mode, setModeState] = useState<'choose' | 'note' | 'sent'>('choose');
  const modeRef = useRef(mode);
  const setMode = (m: 'choose' | 'note' | 'sent'): void => {
    modeRef.current = m;
    setModeState(m);
  };
  const noteRef = useRef('');
  const [note, setNoteState] = useState('');
  const setNote = (f: (n: string) => string): void => {
    noteRef.current = f(noteRef.current);
    setNoteState(noteRef.current);
  };

  const answer = (a: ApprovalAnswer): void => {
    setMode('sent');
    onAnswer(r.id, a);
  };

  useInput(
    (input, key) => {
      if (modeRef.current === 'sent') return;
      if (modeRef.current === 'note') {
        const typed = noteRef.current.trim();
        if (key.return) answer(typed !== '' ? { decision: 'denied', note: typed } : { decision: 'denied' });
        else if (key.escape) {
          setMode('choose');
          setNote(() => '');
        } else if (key.backspace || key.delete) setNote((n) => n.slice(0, -1));
        else if (!key.ctrl && !key.meta && input !== '') setNote((n) => n + input.replace(/[\r\n]+/g, ' '));
        return;
      }
      if (key.ctrl) return;
      const k = input.toLowerCase();
      if (k === 'y') answer({ decision: 'approved' });
      else if (k === 'a') answer({ decision: 'approved_always' });
      else if (k === 'd') answer({ decision: 'denied_always' });
      else if (k === 'n') setMode('note');
      else if (key.escape) onEscape?.();
    },
    { isActive },
  );

  return (
    <Box flexDirection="column" borderStyle="round" borderColor={theme.warn} paddingX={1}>
      <Text bold color={theme.warn}>
        {glyph.warn} {question(r)}
      </Text>
      <Text>
        <Text dimColor>$ </Text>
        <Text bold>{r.command}</Text>
      </Text>
      {r.cwd !== '' ? (
        <Fact label="in">
          <Text>{shortenHome(r.cwd)}</Text>
        </Fact>
      ) : null}
      {r.writesOutside !== undefined ? (
        <Fact label="file">
          <Text color={theme.warn}>{shortenHome(r.writesOutside)} (not in the diff: written when you approve)</Text>
        </Fact>
      ) : (
        <>
          <Fact label="sandbox">
            <Text color={r.sandboxed ? undefined : theme.bad}>{r.sandboxed ? 'yes, sandboxed' : 'no, runs unconfined on your machine'}</Text>
          </Fact>
          <Fact label="network">
            <Text color={r.network ? theme.warn : undefined}>{r.network ? 'yes' : 'no'}</Text>
          </Fact>
        </>
      )}
      {r.justification !== undefined ? (
        <Fact label="why">
          <Text italic>{r.justification}</Text>
        </Fact>
      ) : null}
      {r.reason !== '' ? (
        <Fact label="reason">
          <Text>{r.reason}</Text>
        </Fact>
      ) : null}
      {r.approver !== undefined ? (
        <Fact label="approver">
          <Text color={theme.warn}>{r.approver}</Text>
        </Fact>
      ) : null}
      {mode === 'choose' ? (
        <Box marginTop={1} flexDirection="column">
          <Text>
            <Text bold color={theme.ok}>y</Text> yes, once · <Text bold color={theme.ok}>a</Text> always for this command ·{' '}
            <Text bold color={theme.bad}>n</Text> no · <Text bold color={theme.bad}>d</Text> never for this command
          </Text>
        </Box>
      ) : null}
      {mode === 'note' ? (
        <Box marginTop={1} flexDirection="column">
          <Text dimColor>Denied. A note for the model (optional), Enter to send, Esc to go back:</Text>
          <Text>
            <Text color={theme.prompt}>{glyph.prompt} </Text>
            {note}
            {stylesEnabled() ? <Text inverse> </Text> : <Text>▏</Text>}
          </Text>
        </Box>
      ) : null}
      {mode === 'sent' ? <Text dimColor>Answer sent…</Text> : null}
    </Box>
  );
}
