// The commander program. Subcommands are imported lazily so each path loads only what it needs.
import { Argument, Command, CommanderError, Option } from 'commander';
import pkg from '../../package.json' with { type: 'json' };
import { EXIT } from '../protocol/exit-codes.ts';
import { reportFatal } from './fatal.ts';
import { UsageError } from '../errors/usage-error.ts';
import { examplesText } from './help-examples.ts';
import { guardPrompt } from './typo-guard.ts';
import { nearCommand } from './near-command.ts';

/** Commands that work on no repository, so never recover an interrupted apply. */
// `acp` works on the repositories its sessions name, and recovers each of them as a session opens.
const REPOLESS_COMMANDS = new Set(['demo', 'doctor', 'report', 'config', 'models', 'completion', 'help', 'acp']);

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

function commonOptions(cmd: Command): Command {
  return cmd
    .option('-m, --model <model>', 'model to use')
    .option('--provider <name>', 'provider: openai, azure, ollama, lmstudio, vllm, openrouter or a [providers.NAME]')
    .option('-C, --cd <dir>', 'run in this directory instead of the current one')
    .addOption(new Option('-s, --sandbox <mode>', 'sandbox mode').choices(['read-only', 'workspace-write', 'danger-full-access']))
    .option('--network', 'allow network access inside the sandbox')
    .addOption(new Option('-a, --approval <policy>', 'when to ask before running commands').choices(['untrusted', 'on-request', 'never']))
    .option('-c, --config <key=value>', 'override a config key (repeatable)', collect)
    .option('--profile <name>', 'use a [profiles.NAME] from config.toml')
    .option('--skip-git-repo-check', 'allow running outside a git repository (the directory is copied plainly)');
}

/** ARGV is what main() parses (process.argv): the typo guard needs to see where `--` was. */
function buildProgram(argv: readonly string[]): Command {
  const program = new Command('hew')
    .description('A coding agent that works in a sandboxed copy of your repository.')
    .version(pkg.version, '-V, --version')
    .enablePositionalOptions()
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)');
  // An apply that a SIGKILL or power cut interrupted is finished or undone before any command that
  // works on that repository (see apply-guard.ts); commands that never touch a repository skip it.
  program.hook('preAction', async (_program, action) => {
    if (REPOLESS_COMMANDS.has(action.name())) return;
    const { anyJournal, recoverInterruptedApply } = await import('./apply-guard.ts');
    if (!anyJournal()) return;
    const { currentRepo } = await import('./run-ref.ts');
    await recoverInterruptedApply(currentRepo(action.opts<{ cd?: string }>().cd));
  });

  commonOptions(program.argument('[prompt]', 'first message for the interactive session')).action(
    async (prompt: string | undefined, flags: Record<string, unknown>, cmd: Command) => {
      // `hew dif` must not become a paid prompt: a near miss of a command is refused (typo-guard.ts)
      // unless it came after `--`. Excess words are allowed by the parser only to be judged here.
      const raw = argv.slice(2);
      const dashes = raw.indexOf('--');
      const afterDashes = dashes >= 0 && raw.length - dashes - 1 === cmd.args.length;
      guardPrompt(cmd.args, afterDashes, program.commands.map((c) => c.name()));
      const { interactiveCommand } = await import('./interactive.ts');
      process.exitCode = await interactiveCommand(prompt, flags);
    },
  );

  commonOptions(
    program
      .command('exec')
      .description('run a task non-interactively (CI): final message on stdout, progress on stderr')
      .argument('[prompt]', 'the task; `-` (or no argument with piped stdin) reads stdin'),
  )
    .option('--task <file>', 'read the task from a Markdown task file with YAML front matter')
    .option('--json', 'print the event stream as JSONL on stdout')
    .option('--json-deltas', 'like --json, plus item.delta events for streamed text and output')
    .option('-q, --quiet', 'no progress on stderr, only errors and warnings (stdout stays the final message)')
    .option('-o, --output-last-message <file>', 'also write the final message to this file')
    .option('--max-turns <n>', 'stop after this many model requests (exit 4)')
    .option('--timeout <duration>', 'stop after this long, e.g. 90s, 10m (exit 4)')
    .option('--max-cost <usd>', 'stop once the run has cost more than this many US dollars (exit 4)')
    .option('--ephemeral', 'keep no run after it finishes (with --apply: only if everything the run wrote was applied)')
    .option('--apply', 'on success, apply the changes to your tree if they apply cleanly (conflict: exit 5)')
    .option('--include-ignored', 'with --apply: also apply the files the run wrote that your .gitignore hides (never dependency folders or symlinks)')
    .option('--resume <run>', 'continue this run (id or unique prefix) with PROMPT, in its own copy and conversation')
    .option('--output-schema <file>', 'the final answer must be JSON matching this JSON schema (one retry, else exit 1)')
    .option('--attempts <n>', 'best of N: run N attempts (1-8) of the task at once, each its own run; the best is chosen')
    .option('--first-pass', "with --attempts: stop the other attempts once one passes the task's check")
    .action(async (prompt: string | undefined, flags: Record<string, unknown>) => {
      const { execCommand } = await import('./exec.ts');
      process.exitCode = await execCommand(prompt, flags);
    });

  const runs = program
    .command('runs')
    .description('list runs of this repository, newest first')
    .enablePositionalOptions()
    .option('--all', 'list the runs of every repository')
    .option('--json', 'print one JSON object per run (JSONL)')
    .option('-C, --cd <dir>', 'the repository to list runs for')
    .addHelpText('after', '\nCOST is "-" for a run whose model has no known price: set one under [providers.NAME.prices] in config.toml (docs/long-runs.md).')
    .action(async (flags: Record<string, unknown>) => {
      const { runsCommand } = await import('./runs.ts');
      process.exitCode = await runsCommand(flags);
    });
  runs
    .command('prune')
    .description('remove whole runs (copy and transcript) that ended more than AGE ago; running runs stay')
    .requiredOption('--older-than <age>', 'how old a run must be to go: hours, days or weeks, e.g. 12h, 7d, 2w')
    .option('--dry-run', 'list what would be removed; remove nothing')
    .option('-y, --yes', 'do not ask first (required when stdin is not a terminal)')
    .option('--all', "prune every repository's runs, not just this one's")
    .option('-C, --cd <dir>', 'the repository whose runs to prune')
    .action(async (flags: Record<string, unknown>) => {
      const { pruneCommand } = await import('./runs-prune.ts');
      process.exitCode = await pruneCommand({ ...runs.opts(), ...flags });
    });
  program
    .command('diff')
    .description("show a run's changes as a unified diff (default: the latest run of this repository)")
    .argument('[run]', 'run id or unique prefix')
    .option('--stat', 'a per-file summary instead of the diff')
    .option('--name-status', 'only the changed paths and how they changed')
    .option('-C, --cd <dir>', 'the repository whose latest run to show')
    .action(async (ref: string | undefined, flags: Record<string, unknown>) => {
      const { diffCommand } = await import('./diff.ts');
      process.exitCode = await diffCommand(ref, flags);
    });
  program
    .command('apply')
    .description("bring a run's changes into your working tree, all or nothing (conflict: exit 5)")
    .argument('[run]', 'run id or unique prefix (default: the latest run of this repository)')
    .option('--branch <name>', "create branch NAME holding the run's commit instead of touching your files")
    .option('--dry-run', 'report what would be applied or what conflicts; write nothing')
    .option('--include-ignored', 'also apply the files the run wrote that your .gitignore hides (never dependency folders or symlinks)')
    .option('--json', 'print the result as one JSON object')
    .option('-C, --cd <dir>', 'the repository whose latest run to apply')
    .action(async (ref: string | undefined, flags: Record<string, unknown>) => {
      const { applyCommand } = await import('./apply.ts');
      process.exitCode = await applyCommand(ref, flags);
    });
  program
    .command('pick')
    .description('choose an attempt of a best-of-N group side by side and apply it (default: the newest group of this repository)')
    .argument('[run]', "any attempt's run id or unique prefix (the group's id is its first attempt's)")
    .option('-C, --cd <dir>', 'the repository whose newest group to show')
    .action(async (ref: string | undefined, flags: Record<string, unknown>) => {
      const { pickCommand } = await import('./pick.ts');
      process.exitCode = await pickCommand(ref, flags);
    });
  program
    .command('discard')
    .description("delete a run's working copy (its transcript stays)")
    .argument('[run]', 'run id or unique prefix (default: the latest run of this repository)')
    .option('--all', "discard the working copies of all this repository's finished runs")
    .option('-y, --yes', 'with --all: do not ask first (required when stdin is not a terminal)')
    .option('-C, --cd <dir>', 'the repository whose latest run to discard')
    .action(async (ref: string | undefined, flags: Record<string, unknown>) => {
      const { discardCommand } = await import('./discard.ts');
      process.exitCode = await discardCommand(ref, flags);
    });
  commonOptions(
    program
      .command('resume')
      .description('continue a run interactively (default: the latest run of this repository)')
      .argument('[run]', 'run id or unique prefix'),
  ).action(async (ref: string | undefined, flags: Record<string, unknown>) => {
    const { resumeCommand } = await import('./resume.ts');
    process.exitCode = await resumeCommand(ref, flags);
  });
  commonOptions(program.command('acp').description('serve the Agent Client Protocol on stdio, for editors (Zed, JetBrains, Neovim): docs/editors.md')).action(
    async (flags: Record<string, unknown>) => {
      const { acpCommand } = await import('./acp.ts');
      process.exitCode = await acpCommand(flags);
    },
  );
  program
    .command('rewind')
    .description("restore a run's copy and conversation to an earlier step (then continue with `hew resume`)")
    .argument('<run>', 'run id or unique prefix')
    .argument('<step>', 'the step to go back to (0: the start)')
    .action(async (ref: string, step: string) => {
      const { rewindCommand } = await import('./rewind.ts');
      process.exitCode = await rewindCommand(ref, step);
    });
  program
    .command('demo')
    .description('an offline walkthrough: a scripted model fixes a bundled sample repository (no API key needed)')
    .option('--headless', 'run without the TUI, printing like `hew exec` (the default without a terminal)')
    .option('--json', 'headless, with the event stream as JSONL on stdout')
    .action(async (flags: Record<string, unknown>) => {
      const { demoCommand } = await import('./demo.ts');
      process.exitCode = await demoCommand(flags);
    });
  program
    .command('doctor')
    .description('check Node, git, the sandbox, the config and the provider; say how to fix each failure')
    .option('--json', 'print the checks as one JSON object')
    .option('-m, --model <model>', 'the model to check')
    .option('--provider <name>', 'the provider to check')
    .option('-c, --config <key=value>', 'override a config key (repeatable)', collect)
    .option('--profile <name>', 'use a [profiles.NAME] from config.toml')
    .action(async (flags: Record<string, unknown>) => {
      const { doctorCommand } = await import('./doctor.ts');
      process.exitCode = await doctorCommand(flags);
    });
  commonOptions(
    program
      .command('batch')
      .description('run many task files, each in its own working copy, several at once (exit 1 if any failed)')
      .argument('<files...>', 'task files (Markdown with optional YAML front matter)'),
  )
    .option('--concurrency <n>', 'run at most N tasks at once (default: the number of CPUs)')
    .option('--shard <i/n>', 'run only shard I of N (a stable split by file path, for N machines)')
    .option('--json', 'print one JSONL result line per task on stdout as it finishes')
    .option('--apply', 'put each successful task on its own branch (requires --branch-prefix)')
    .option('--branch-prefix <prefix>', 'with --apply: the branch for task FILE.md is <prefix>FILE')
    .action(async (files: string[], flags: Record<string, unknown>) => {
      const { batchCommand } = await import('./batch.ts');
      process.exitCode = await batchCommand(files, flags);
    });
  program
    .command('report')
    .description('summarise `hew batch --json` result files as Markdown (e.g. for $GITHUB_STEP_SUMMARY)')
    .argument('<files...>', 'JSONL files of batch result lines (or `hew exec --json` streams)')
    .action(async (files: string[]) => {
      const { reportCommand } = await import('./report.ts');
      process.exitCode = reportCommand(files);
    });
  commonOptions(
    program
      .command('watch')
      .description("watch the repository's task inbox (.hew/tasks/) and run each new or changed task file once"),
  )
    .option('--dir <dir>', 'the inbox to watch instead of .hew/tasks/')
    .option('--once', 'run the task files there now, then exit (1 if any failed)')
    .option('--concurrency <n>', 'run at most N tasks at once (default 1)')
    .option('--json', 'print each result as one JSONL line on stdout')
    .option('--max-turns <n>', "each run's step limit (overrides the task's max_turns)")
    .option('--timeout <duration>', "each run's time limit, e.g. 10m (overrides the task's timeout)")
    .action(async (flags: Record<string, unknown>) => {
      const { watchCommand } = await import('./watch.ts');
      process.exitCode = await watchCommand(flags);
    });
  program
    .command('remember')
    .description("remember a fact for later runs: appended under \"## Remembered by hew\" in the repository's AGENTS.md (or, with --user, your global one)")
    .argument('<text...>', 'the fact, e.g. "run tests with npm run test:unit"')
    .option('--user', 'in your global instructions ($XDG_CONFIG_HOME/hew/AGENTS.md) instead of the repository')
    .option('-C, --cd <dir>', 'the repository to remember it for')
    .option('-c, --config <key=value>', 'override a config key (repeatable)', collect)
    .option('--profile <name>', 'use a [profiles.NAME] from config.toml')
    .action(async (words: string[], flags: Record<string, unknown>) => {
      const { rememberCommand } = await import('./remember.ts');
      process.exitCode = rememberCommand(words, flags);
    });
  program
    .command('memory')
    .description('list what is remembered (project and user) and where it lives')
    .option('--json', 'print it as one JSON object')
    .option('-C, --cd <dir>', 'the repository whose memory to list')
    .option('-c, --config <key=value>', 'override a config key (repeatable)', collect)
    .option('--profile <name>', 'use a [profiles.NAME] from config.toml')
    .action(async (flags: Record<string, unknown>) => {
      const { memoryCommand } = await import('./memory.ts');
      process.exitCode = memoryCommand(flags);
    });
  program
    .command('config')
    .description('print the effective configuration, each value with its source (secrets masked)')
    .option('--json', 'print it as one JSON object')
    .option('-m, --model <model>', 'as if run with this model')
    .option('--provider <name>', 'as if run with this provider')
    .option('-C, --cd <dir>', 'the directory whose project .hew/config.toml applies')
    .option('-c, --config <key=value>', 'override a config key (repeatable)', collect)
    .option('--profile <name>', 'use a [profiles.NAME] from config.toml')
    .action(async (flags: Record<string, unknown>) => {
      const { configCommand } = await import('./config.ts');
      process.exitCode = configCommand(flags);
    });
  program
    .command('models')
    .description("list the models the provider serves (GET /models); exit 3 when it refuses the key")
    .option('--json', 'print them as one JSON object')
    .option('--provider <name>', 'the provider to ask')
    .option('-C, --cd <dir>', 'the directory whose project .hew/config.toml applies')
    .option('-c, --config <key=value>', 'override a config key (repeatable)', collect)
    .option('--profile <name>', 'use a [profiles.NAME] from config.toml')
    .action(async (flags: Record<string, unknown>) => {
      const { modelsCommand } = await import('./models.ts');
      process.exitCode = await modelsCommand(flags);
    });
  program
    .command('completion')
    .description('print a shell completion script for the commands and their flags')
    .addArgument(new Argument('<shell>', 'the shell').choices(['bash', 'zsh', 'fish']))
    .action(async (shell: string) => {
      const { completionScript, completionSpec } = await import('./completion.ts');
      process.stdout.write(completionScript(shell, completionSpec(program)));
    });
  // Our own `help`: commander's prints the top help for a word it does not know, as if that were an
  // answer; `hew help nosuch` is a usage error naming the nearest command.
  program.helpCommand(false);
  program
    .command('help')
    .description('show help for hew or one of its commands')
    .argument('[command]', 'the command')
    .action((name: string | undefined) => {
      if (name === undefined) return program.outputHelp();
      const command = program.commands.find((c) => c.name() === name || c.aliases().includes(name));
      if (command === undefined) {
        const near = nearCommand(name, program.commands.map((c) => c.name()));
        const hint = near === undefined ? '' : `; did you mean \`hew help ${near}\`?`;
        throw new UsageError(`no command ${JSON.stringify(name)}${hint} (\`hew help\` lists the commands)`);
      }
      command.outputHelp();
    });
  for (const cmd of [program, ...program.commands]) cmd.addHelpText('after', examplesText(cmd.name()));
  for (const cmd of runs.commands) cmd.addHelpText('after', examplesText(`runs ${cmd.name()}`));
  // Only the interactive session takes excess words (to refuse them with a reason, above).
  program.allowExcessArguments(true);
  return program;
}

async function main(argv: string[]): Promise<number> {
  const program = buildProgram(argv);
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return EXIT.ok;
      return EXIT.usage;
    }
    return reportFatal(err, (text) => process.stderr.write(text));
  }
}

// Exit explicitly: an idle keep-alive socket must not hold the process open. stdout and stderr are
// synchronous for files and pipes on Linux, so nothing written is lost.
process.exit(await main(process.argv));
