// Which variables of hew's environment a command gets, and which values are secrets to redact. One
// policy per run, from four sources (docs/security.md "Secrets and the environment"):
//   1. hew's own credentials (`credentialNames`: every provider's `env_key`, names an MCP server's
//      config gives a secret): always removed and redacted, whatever their names; `allow` cannot pass them;
//   2. the user's `[env] allow` patterns: passed through, and their values are not redacted;
//   3. the user's (and the project's) `[env] deny` patterns: removed and redacted;
//   4. the built-in rules of name-rules.ts (by name, or a URL value with a password).
import { builtinVerdict, URL_WITH_PASSWORD } from './name-rules.ts';

/** Values shorter than this are never redacted (they would match everywhere and hide nothing). */
const MIN_SECRET_LENGTH = 8;
/** A value made only of letters is redacted from this length on (`postgres`, `changeme` are not). */
const MIN_WORD_SECRET_LENGTH = 16;
/** At most this many distinct values are redacted (longest first), each at most this long. */
export const MAX_SECRETS = 256;
const MAX_SECRET_LENGTH = 64 * 1024;

export interface EnvPolicyOptions {
  /** Patterns (`*` matches any run of characters, case-insensitive) removed on top of the rules. */
  deny?: readonly string[];
  /** Patterns let through although a rule or `deny` would remove them. */
  allow?: readonly string[];
  /** Variables hew itself uses as credentials: removed and redacted whatever `allow` says. */
  credentialNames?: readonly string[];
}

export type EnvVerdict =
  | { pass: true; allowed: boolean }
  | { pass: false; reason: string; redact: boolean };

export interface EnvPolicy {
  /** What happens to one variable. */
  verdict(name: string, value: string): EnvVerdict;
  /** `env` without the removed variables. */
  commandEnv(env: NodeJS.ProcessEnv): Record<string, string>;
  /** The values to redact: of removed variables whose verdict says so, and the passwords inside URL values. */
  secretValues(env: NodeJS.ProcessEnv): string[];
}

/** `MY_*` → /^MY_.*$/i; only letters, digits, `_` and `*` are meaningful (validated in config). */
export function envPattern(glob: string): RegExp {
  const body = glob.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  return new RegExp(`^${body}$`, 'i');
}

export function createEnvPolicy(opts: EnvPolicyOptions = {}): EnvPolicy {
  const deny = (opts.deny ?? []).map(envPattern);
  const allow = (opts.allow ?? []).map(envPattern);
  const credentials = new Set((opts.credentialNames ?? []).map((n) => n.toUpperCase()));
  const verdict = (name: string, value: string): EnvVerdict => {
    if (credentials.has(name.toUpperCase())) return { pass: false, reason: 'credential', redact: true };
    if (allow.some((re) => re.test(name))) return { pass: true, allowed: true };
    if (deny.some((re) => re.test(name))) return { pass: false, reason: 'deny', redact: true };
    const builtin = builtinVerdict(name, value);
    return builtin ? { pass: false, reason: builtin.rule, redact: builtin.redact } : { pass: true, allowed: false };
  };
  return {
    verdict,
    commandEnv(env) {
      const out: Record<string, string> = {};
      for (const [name, value] of Object.entries(env)) {
        if (value !== undefined && verdict(name, value).pass) out[name] = value;
      }
      return out;
    },
    secretValues(env) {
      const values: string[] = [];
      for (const [name, value] of Object.entries(env)) {
        if (value === undefined) continue;
        const v = verdict(name, value);
        if (v.pass) continue;
        if (v.redact) values.push(value);
        const password = URL_WITH_PASSWORD.exec(value)?.[2];
        if (password) values.push(password, safeDecode(password));
      }
      return redactableValues(values);
    },
  };
}

/** Whether a value is worth redacting: long enough, and not a plain short word. */
export function isRedactable(value: string): boolean {
  if (value.length < MIN_SECRET_LENGTH || value.length > MAX_SECRET_LENGTH) return false;
  return !(/^[A-Za-z]+$/.test(value) && value.length < MIN_WORD_SECRET_LENGTH);
}

/** Distinct redactable values, longest first, at most MAX_SECRETS. */
export function redactableValues(values: Iterable<string>): string[] {
  const set = new Set<string>();
  for (const v of values) if (isRedactable(v)) set.add(v);
  return [...set].sort((a, b) => b.length - a.length).slice(0, MAX_SECRETS);
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
