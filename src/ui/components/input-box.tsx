// Where the person types: multi-line editing, history, paste (long pastes collapse to a
// placeholder but are sent whole), `/command` and `@path` completion. The editing rules are in
// input/input-state.ts; this component renders them and forwards the effects.
import { Box, Text, useInput, usePaste } from 'ink';
import { useRef, useState } from 'react';
import type { SlashCommand } from '../../protocol/interactive.ts';
import { stylesEnabled } from '../color.ts';
import { afterSubmit, handleKey, handlePaste, inputState } from '../input/input-state.ts';
import type { InputState } from '../input/input-state.ts';
import { glyph, theme } from '../theme.ts';
import { CompletionMenu, SlashHints } from './completion-menu.tsx';

export interface InputBoxProps {
  /** Returns false to refuse the text (it stays in the box). */
  onSubmit(text: string): boolean;
  onEscape(): void;
  complete(word: string): string[];
  /** Earlier prompts, oldest first. */
  history?: string[];
  slashCommands?: SlashCommand[];
  isActive?: boolean;
  placeholder?: string;
}

const DEFAULT_PLACEHOLDER = 'Ask hew to do something · / for commands · @ for files';

function Cursor({ char }: { char: string }) {
  if (stylesEnabled()) return <Text inverse>{char}</Text>;
  return <Text>▏{char === ' ' ? '' : char}</Text>;
}

function Rows({ state, active }: { state: InputState; active: boolean }) {
  const { text, cursor } = state.editor;
  const rows = text.split('\n');
  let offset = 0;
  return (
    <>
      {rows.map((row, r) => {
        const start = offset;
        offset += row.length + 1;
        const prefix = r === 0 ? `${glyph.prompt} ` : '  ';
        const here = active && cursor >= start && cursor <= start + row.length;
        if (!here) {
          return (
            <Text key={r}>
              <Text color={theme.prompt}>{prefix}</Text>
              {row === '' ? ' ' : row}
            </Text>
          );
        }
        const col = cursor - start;
        return (
          <Text key={r}>
            <Text color={theme.prompt}>{prefix}</Text>
            {row.slice(0, col)}
            <Cursor char={row[col] ?? ' '} />
            {row.slice(col + 1)}
          </Text>
        );
      })}
    </>
  );
}

export function InputBox(props: InputBoxProps) {
  const { isActive = true } = props;
  const state = useRef<InputState>(inputState(props.history ?? []));
  const [, setTick] = useState(0);
  const update = (next: InputState): void => {
    if (next === state.current) return;
    state.current = next;
    setTick((t) => t + 1);
  };

  useInput(
    (input, key) => {
      if (key.ctrl && input === 'c') return;
      const result = handleKey(state.current, input, key, { complete: props.complete });
      update(result.state);
      if (result.effect?.type === 'escape') props.onEscape();
      if (result.effect?.type === 'submit') {
        const text = result.effect.text;
        update(afterSubmit(state.current, text, props.onSubmit(text)));
      }
    },
    { isActive },
  );
  usePaste((text) => update(handlePaste(state.current, text)), { isActive });

  const s = state.current;
  const empty = s.editor.text === '';
  const typed = s.editor.text;
  const slashWord = /^\/\S*$/.test(typed) ? typed : null;
  const hints = slashWord !== null && !s.menu ? (props.slashCommands ?? []).filter((c) => c.name.startsWith(slashWord)) : [];
  return (
    <Box flexDirection="column">
      <Box flexDirection="column" borderStyle="round" borderColor={isActive ? theme.accent : theme.muted} paddingX={1}>
        {empty ? (
          <Text>
            <Text color={theme.prompt}>{glyph.prompt} </Text>
            {isActive ? <Cursor char=" " /> : null}
            <Text dimColor>{props.placeholder ?? DEFAULT_PLACEHOLDER}</Text>
          </Text>
        ) : (
          <Rows state={s} active={isActive} />
        )}
      </Box>
      {s.menu ? <CompletionMenu items={s.menu.items} index={s.menu.index} /> : null}
      {hints.length > 0 ? <SlashHints commands={hints} /> : null}
    </Box>
  );
}
