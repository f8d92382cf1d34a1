// The examples printed at the end of each command's --help: what a user types first.

const HELP_EXAMPLES: Readonly<Record<string, readonly string[]>> = {
  hew: ['hew                               # the interactive session', 'hew "fix the flaky date test"     # the session, with a first message', 'hew -- diff                       # send a word that is also (close to) a command as the prompt', 'hew help exec'],
  exec: ['hew exec "fix the failing test in test/date.test.js"', 'cat error.log | hew exec "fix this error"', 'hew exec --json "add a --verbose flag" > events.jsonl', 'hew exec -q "summarise this branch" > summary.md   # only the answer: no progress, errors still on stderr', 'hew exec --max-turns 30 --timeout 10m --task tasks/upgrade.md', 'hew exec --apply "rename foo to bar"   # take the change at once if it applies cleanly', 'hew exec --attempts 3 --first-pass --task tasks/fix.md   # best of 3: the first whose check passes wins'],
  runs: ['hew runs', 'hew runs --all', 'hew runs --json', 'hew runs prune --older-than 7d --dry-run'],
  'runs prune': ['hew runs prune --older-than 7d --dry-run   # list what would go', 'hew runs prune --older-than 2w --yes       # remove without asking (CI, cron)', 'hew runs prune --older-than 30d --all'],
  diff: ['hew diff                 # the latest run of this repository', 'hew diff 3f2a --stat', 'hew diff 3f2a --name-status'],
  apply: ['hew apply                # the latest run of this repository', 'hew apply 3f2a --dry-run', 'hew apply 3f2a --branch hew/fix-date'],
  pick: ['hew pick                 # the newest best-of-N group of this repository', 'hew pick 3f2a            # the group of attempt 3f2a'],
  discard: ['hew discard', 'hew discard 3f2a', 'hew discard --all          # every finished run of this repository (asks first)', 'hew discard --all --yes    # without asking (CI)'],
  resume: ['hew resume', 'hew resume 3f2a'],
  rewind: ['hew rewind 3f2a 2 && hew resume 3f2a'],
  demo: ['hew demo', 'hew demo --headless --json'],
  acp: ['hew acp                  # started by your editor (Zed, JetBrains, Neovim): see docs/editors.md', 'hew acp -m gpt-5 -a untrusted   # flags after acp apply to every session'],
  doctor: ['hew doctor', 'hew doctor --provider ollama -m qwen3-coder'],
  batch: ['hew batch tasks/*.md', 'hew batch --concurrency 2 --json tasks/*.md > results.jsonl', 'hew batch --apply --branch-prefix hew/ tasks/*.md', 'hew batch --shard 1/4 tasks/*.md'],
  report: ['hew report results.jsonl >> "$GITHUB_STEP_SUMMARY"'],
  watch: ['hew watch                # run each task file dropped into .hew/tasks/', 'hew watch --once --json', 'hew watch --dir ~/inbox --concurrency 2'],
  remember: ['hew remember "run tests with npm run test:unit; npm test needs Docker"', 'hew remember --user "I prefer small commits with imperative messages"', 'hew remember -C ~/src/api "migrations live in db/migrate"'],
  memory: ['hew memory', 'hew memory --json'],
  config: ['hew config', 'hew config --profile fast --json'],
  models: ['hew models', 'hew models --provider ollama'],
  completion: ['source <(hew completion bash)       # in ~/.bashrc', 'source <(hew completion zsh)        # in ~/.zshrc, after compinit', 'hew completion fish > ~/.config/fish/completions/hew.fish'],
};

/** The text commander prints after a command's help. */
export function examplesText(command: string): string {
  const lines = HELP_EXAMPLES[command];
  return lines ? `\nExamples:\n${lines.map((l) => `  ${l}`).join('\n')}\n` : '';
}
