// The one zod schema for config.toml (SPEC §8); the Config type comes from it.
import { z } from 'zod';
import { TUI_NOTIFICATIONS } from '../protocol/interactive.ts';
import { MAX_ATTEMPTS } from '../protocol/run-meta.ts';

const APPROVALS = ['untrusted', 'on-request', 'never'] as const;
const SANDBOX_MODES = ['read-only', 'workspace-write', 'danger-full-access'] as const;
/** Codex's `model_reasoning_effort` values; which of them a model accepts is the provider's to say. */
export const REASONING_EFFORTS = ['none', 'minimal', 'low', 'medium', 'high', 'xhigh'] as const;

const providerSchema = z
  .object({
    name: z.string().optional(),
    base_url: z.string().url().optional(),
    wire_api: z.enum(['responses', 'chat']).optional(),
    env_key: z.string().optional(),
    headers: z.record(z.string(), z.string()).optional(),
    /** Retries of a failed request (429, 5xx, connection loss, cut or idle stream); default 4. */
    request_max_retries: z.number().int().min(0).max(20).optional(),
    /** A stream with no event for this long counts as cut; default 60000. */
    stream_idle_timeout_ms: z.number().int().positive().optional(),
    /** Ceiling on one response's wall time, request to end of stream; default 1200000 (20 min). Not retried. */
    response_max_ms: z.number().int().positive().optional(),
    /** Ceiling on one response's bytes on the wire; default 67108864 (64 MiB). Not retried. */
    response_max_bytes: z.number().int().positive().optional(),
    /** USD per million tokens by model name: [input, cached input, output]. */
    prices: z.record(z.string(), z.tuple([z.number().nonnegative(), z.number().nonnegative(), z.number().nonnegative()])).optional(),
    /** Added to every request's URL query (e.g. Azure's `api-version`). */
    query_params: z.record(z.string(), z.string()).optional(),
    /** Capability flags (defaults per built-in; see docs/config.md): send `parallel_tool_calls` or omit it. */
    parallel_tool_calls: z.boolean().optional(),
    /** Chat: ask for usage in the stream (`stream_options.include_usage`). */
    stream_usage: z.boolean().optional(),
    /** Send reasoning fields (Responses `reasoning`, encrypted reasoning items back). */
    reasoning: z.boolean().optional(),
    /** Send `strict: true` for response schemas. */
    strict_schemas: z.boolean().optional(),
  })
  .strict();

export const mcpServerSchema = z
  .object({
    command: z.string().optional(),
    args: z.array(z.string()).optional(),
    env: z.record(z.string(), z.string()).optional(),
    url: z.string().url().optional(),
    headers: z.record(z.string(), z.string()).optional(),
    /** Fail the run (exit 1) when this server does not start; default: warn and go on without it. */
    required: z.boolean().optional(),
    /** Default 10000. */
    startup_timeout_ms: z.number().int().positive().optional(),
    /** Default 60000. */
    tool_timeout_ms: z.number().int().positive().optional(),
    /** Default true; false skips the server. */
    enabled: z.boolean().optional(),
    /** Calls run without asking for approval. */
    trusted: z.boolean().optional(),
  })
  .strict();

/** A variable name, or a pattern where `*` matches any run of characters (`MY_*`). */
export const envNamePattern = z
  .string()
  .regex(/^[A-Za-z0-9_*]+$/, 'expected a variable name or a pattern with * (letters, digits, _ and *), e.g. "MY_*"');

/** `[env]`: which of hew's environment variables commands get (docs/security.md). */
const envPolicySchema = z
  .object({
    /** Also removed from commands (and their values redacted), on top of the built-in rules. */
    deny: z.array(envNamePattern).optional(),
    /** Let through although a built-in rule or `deny` removes them; their values are not redacted. */
    allow: z
      .array(envNamePattern.refine((p) => /[^*]/.test(p), 'a pattern of only * would pass every secret; list the names commands need'))
      .optional(),
  })
  .strict();

/** One hook: a shell command, or several run in order. */
const hookSchema = z.union([z.string().min(1), z.array(z.string().min(1))]).optional();

const NOTIFY_EXAMPLE = 'e.g. notify = ["notify-send", "hew"]';
/** `notify`: an argv (program and arguments, no shell); the payload is appended as the last argument. */
const notifySchema = z
  .array(z.string({ error: `expected a string (every element of notify is one), ${NOTIFY_EXAMPLE}` }).min(1, `an element of notify is empty; every one must be a non-empty string, ${NOTIFY_EXAMPLE}`), {
    error: `expected an array of strings (the program and its arguments, no shell), ${NOTIFY_EXAMPLE}`,
  })
  .min(1, `expected a non-empty array (the program and its arguments), ${NOTIFY_EXAMPLE}`);

/** Keys a profile (and the top level) may set. */
const settingsShape = {
  model: z.string().min(1).optional(),
  provider: z.string().min(1).optional(),
  approval: z.enum(APPROVALS).optional(),
  sandbox: z.enum(SANDBOX_MODES).optional(),
  network: z.boolean().optional(),
  project_doc_max_bytes: z.number().int().nonnegative().optional(),
  max_turns: z.number().int().positive().optional(),
  command_timeout_ms: z.number().int().positive().optional(),
  /** Most processes and threads a sandboxed command may run at once (RLIMIT_NPROC; not enforced for root). */
  sandbox_max_processes: z.number().int().min(16).max(4_194_304).optional(),
  /** Most heap one sandboxed process may use, in MiB (RLIMIT_DATA). */
  sandbox_max_memory_mb: z.number().int().min(64).max(1_073_741_824).optional(),
  /** The task inbox `hew watch` watches, relative to the repository (default .hew/tasks). */
  watch_dir: z.string().min(1).optional(),
  /** Tokens the model's context window holds (default: known per model, else 128000). */
  model_context_window: z.number().int().min(1000).optional(),
  /** Compact when the prompt is estimated over this share of the window. */
  compact_threshold: z.number().gt(0).max(1).optional(),
  /** Stop once the run has cost more than this many USD (exit 4). */
  max_cost: z.number().positive().optional(),
  /** How hard a reasoning model thinks (Responses providers with the `reasoning` capability); default medium. */
  model_reasoning_effort: z.enum(REASONING_EFFORTS).optional(),
  /** A command run once in the copy, with network, before the agent starts (docs/config.md); not in a project config. */
  setup: z.string().min(1).optional(),
  /** Best of N: how many attempts a task gets (docs/background.md); not in a project config. */
  attempts: z.number().int().min(1).max(MAX_ATTEMPTS).optional(),
};

const profileSchema = z.object(settingsShape).strict();

export const configFileSchema = z
  .object({
    ...settingsShape,
    providers: z.record(z.string(), providerSchema).optional(),
    mcp_servers: z.record(z.string(), mcpServerSchema).optional(),
    /** Commands run in the sandbox at before_command / after_patch / on_finish (docs/hooks.md). */
    hooks: z.object({ before_command: hookSchema, after_patch: hookSchema, on_finish: hookSchema }).strict().optional(),
    profiles: z.record(z.string(), profileSchema).optional(),
    env: envPolicySchema.optional(),
    /** The TUI's bell / OSC 9 when a turn ends or an approval waits unfocused (docs/background.md); this file or -c only. */
    tui_notifications: z.enum(TUI_NOTIFICATIONS).optional(),
    /** A command run on the host when a run ends or an approval waits, the JSON payload appended (docs/background.md); your config only. */
    notify: notifySchema.optional(),
    /** A program on the host that decides approvals (docs/background.md); the user's own config (or -c) only. */
    approver: z
      .array(z.string().min(1, 'an empty argument; write the program and its arguments, e.g. ["/usr/local/bin/my-approver", "--strict"]'), {
        error: 'expected an argv array of strings, e.g. approver = ["/usr/local/bin/my-approver", "--strict"] (no shell line)',
      })
      .min(1, 'an empty array; name the program, e.g. approver = ["/usr/local/bin/my-approver"]')
      .optional(),
    /** How long the approver may take per request before the request is denied (default 60000). */
    approver_timeout_ms: z.number().int().min(100).max(3_600_000).optional(),
  })
  .strict();

export type ConfigFile = z.infer<typeof configFileSchema>;
export type ProviderConfig = z.infer<typeof providerSchema>;
export type Approval = (typeof APPROVALS)[number];
export type SandboxModeSetting = (typeof SANDBOX_MODES)[number];
export type ReasoningEffort = (typeof REASONING_EFFORTS)[number];
