// `hew completion bash|zsh|fish`: a shell completion script for the subcommands and their flags,
// generated from the commander program so it never falls behind it. A command's own subcommands
// (`hew runs prune`) complete after it, with their own flags. Other arguments that are not flags
// complete as file names (task files, paths); run ids are not completed.
import type { Command } from 'commander';
import { UsageError } from '../errors/usage-error.ts';

export const COMPLETION_SHELLS = ['bash', 'zsh', 'fish'] as const;

export interface CompletionSpec {
  /** The flags of `hew` itself (the interactive session). */
  flags: string[];
  commands: { name: string; flags: string[]; subcommands: { name: string; flags: string[] }[] }[];
}

function flagsOf(cmd: Command): string[] {
  return [...new Set([...cmd.options.flatMap((o) => [o.short, o.long].filter((f): f is string => Boolean(f))), '-h', '--help'])];
}

export function completionSpec(program: Command): CompletionSpec {
  const entry = (c: Command): { name: string; flags: string[] } => ({ name: c.name(), flags: flagsOf(c) });
  return { flags: flagsOf(program), commands: program.commands.map((c) => ({ ...entry(c), subcommands: c.commands.map(entry) })) };
}

/** Each subcommand with its parent: `runs prune`. */
function nested(spec: CompletionSpec): { parent: string; name: string; flags: string[] }[] {
  return spec.commands.flatMap((c) => c.subcommands.map((sub) => ({ parent: c.name, ...sub })));
}

function withSubcommands(spec: CompletionSpec): CompletionSpec['commands'] {
  return spec.commands.filter((c) => c.subcommands.length > 0);
}

function bash(spec: CompletionSpec): string {
  const cases = spec.commands.map((c) => `    ${c.name}) words="${c.flags.join(' ')}" ;;`).join('\n');
  const subNames = withSubcommands(spec).map((c) => `      ${c.name}) COMPREPLY=($(compgen -W "${c.subcommands.map((sub) => sub.name).join(' ')}" -- "$cur")) ;;`).join('\n');
  const subFlags = nested(spec).map((n) => `    "${n.parent} ${n.name}") words="${n.flags.join(' ')}" ;;`).join('\n');
  return `# hew completion for bash: source <(hew completion bash)
_hew() {
  local cur=\${COMP_WORDS[COMP_CWORD]} words
  if [ "$COMP_CWORD" -eq 1 ] && [[ $cur != -* ]]; then
    COMPREPLY=($(compgen -W "${spec.commands.map((c) => c.name).join(' ')}" -- "$cur"))
    return
  fi
  if [ "$COMP_CWORD" -eq 2 ] && [[ $cur != -* ]]; then
    case \${COMP_WORDS[1]} in
${subNames}
    esac
    return 0
  fi
  [[ $cur == -* ]] || return 0
  case "\${COMP_WORDS[1]} \${COMP_WORDS[2]}" in
${subFlags}
    *)
  case \${COMP_WORDS[1]} in
${cases}
    *) words="${spec.flags.join(' ')}" ;;
  esac ;;
  esac
  COMPREPLY=($(compgen -W "$words" -- "$cur"))
}
complete -o default -F _hew hew
`;
}

function zsh(spec: CompletionSpec): string {
  const cases = spec.commands.map((c) => `    ${c.name}) compadd -- ${c.flags.join(' ')} ;;`).join('\n');
  const subNames = withSubcommands(spec).map((c) => `      ${c.name}) compadd -- ${c.subcommands.map((sub) => sub.name).join(' ')}; return ;;`).join('\n');
  const subFlags = nested(spec).map((n) => `    "${n.parent} ${n.name}") compadd -- ${n.flags.join(' ')}; return ;;`).join('\n');
  return `#compdef hew
# hew completion for zsh: source <(hew completion zsh) (after compinit)
_hew() {
  if (( CURRENT == 2 )) && [[ $PREFIX != -* ]]; then
    compadd -- ${spec.commands.map((c) => c.name).join(' ')}
    return
  fi
  if (( CURRENT == 3 )) && [[ $PREFIX != -* ]]; then
    case $words[2] in
${subNames}
    esac
  fi
  if [[ $PREFIX != -* ]]; then
    _files
    return
  fi
  case "$words[2] $words[3]" in
${subFlags}
  esac
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
    ...spec.commands.flatMap((c) => {
      const notSub = c.subcommands.length > 0 ? `; and not __fish_seen_subcommand_from ${c.subcommands.map((sub) => sub.name).join(' ')}` : '';
      return c.flags.map((f) => flagLine(`__fish_seen_subcommand_from ${c.name}${notSub}`, f));
    }),
    ...withSubcommands(spec).map((c) => `complete -c hew -n '__fish_seen_subcommand_from ${c.name}' -a '${c.subcommands.map((sub) => sub.name).join(' ')}'`),
    ...nested(spec).flatMap((n) => n.flags.map((f) => flagLine(`__fish_seen_subcommand_from ${n.parent}; and __fish_seen_subcommand_from ${n.name}`, f))),
  ];
  return `${lines.join('\n')}\n`;
}

export function completionScript(shell: string, spec: CompletionSpec): string {
  if (shell === 'bash') return bash(spec);
  if (shell === 'zsh') return zsh(spec);
  if (shell === 'fish') return fish(spec);
  throw new UsageError(`unknown shell "${shell}": use one of ${COMPLETION_SHELLS.join(', ')} (e.g. source <(hew completion bash))`);
}
