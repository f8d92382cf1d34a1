// `hew completion bash|zsh|fish`: a shell completion script for the subcommands and their flags,
// generated from the commander program so it never falls behind it. Arguments that are not flags
// complete as file names (task files, paths); run ids are not completed.
import type { Command } from 'commander';
import { UsageError } from './usage-error.ts';

export const COMPLETION_SHELLS = ['bash', 'zsh', 'fish'] as const;

export interface CompletionSpec {
  /** The flags of `hew` itself (the interactive session). */
  flags: string[];
  commands: { name: string; flags: string[] }[];
}

function flagsOf(cmd: Command): string[] {
  return [...new Set([...cmd.options.flatMap((o) => [o.short, o.long].filter((f): f is string => Boolean(f))), '-h', '--help'])];
}

export function completionSpec(program: Command): CompletionSpec {
  return { flags: flagsOf(program), commands: program.commands.map((c) => ({ name: c.name(), flags: flagsOf(c) })) };
}

function bash(spec: CompletionSpec): string {
  const cases = spec.commands.map((c) => `    ${c.name}) words="${c.flags.join(' ')}" ;;`).join('\n');
  return `# hew completion for bash: source <(hew completion bash)
_hew() {
  local cur=\${COMP_WORDS[COMP_CWORD]} words
  if [ "$COMP_CWORD" -eq 1 ] && [[ $cur != -* ]]; then
    COMPREPLY=($(compgen -W "${spec.commands.map((c) => c.name).join(' ')}" -- "$cur"))
    return
  fi
  [[ $cur == -* ]] || return 0
  case \${COMP_WORDS[1]} in
${cases}
    *) words="${spec.flags.join(' ')}" ;;
  esac
  COMPREPLY=($(compgen -W "$words" -- "$cur"))
}
complete -o default -F _hew hew
`;
}

function zsh(spec: CompletionSpec): string {
  const cases = spec.commands.map((c) => `    ${c.name}) compadd -- ${c.flags.join(' ')} ;;`).join('\n');
  return `#compdef hew
# hew completion for zsh: source <(hew completion zsh) (after compinit)
_hew() {
  if (( CURRENT == 2 )) && [[ $PREFIX != -* ]]; then
    compadd -- ${spec.commands.map((c) => c.name).join(' ')}
    return
  fi
  if [[ $PREFIX != -* ]]; then
    _files
    return
  fi
  case $words[2] in
${cases}
    *) compadd -- ${spec.flags.join(' ')} ;;
  esac
}
compdef _hew hew
`;
}

function fish(spec: CompletionSpec): string {
  const names = spec.commands.map((c) => c.name).join(' ');
  const flagLine = (condition: string, flag: string): string =>
    flag.startsWith('--') ? `complete -c hew -n '${condition}' -l ${flag.slice(2)}` : `complete -c hew -n '${condition}' -s ${flag.slice(1)}`;
  const lines = [
    '# hew completion for fish: hew completion fish > ~/.config/fish/completions/hew.fish',
    `complete -c hew -n '__fish_use_subcommand' -a '${names}'`,
    ...spec.flags.map((f) => flagLine('__fish_use_subcommand', f)),
    ...spec.commands.flatMap((c) => c.flags.map((f) => flagLine(`__fish_seen_subcommand_from ${c.name}`, f))),
  ];
  return `${lines.join('\n')}\n`;
}

export function completionScript(shell: string, spec: CompletionSpec): string {
  if (shell === 'bash') return bash(spec);
  if (shell === 'zsh') return zsh(spec);
  if (shell === 'fish') return fish(spec);
  throw new UsageError(`unknown shell "${shell}": use one of ${COMPLETION_SHELLS.join(', ')} (e.g. source <(hew completion bash))`);
}
