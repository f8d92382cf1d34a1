// Redaction for everything hew logs or sends (SPEC §8: an API key is never written; docs/security.md).
// Three nets in ONE regular expression, so a text is scanned once: the literal values the run's
// environment policy removed from commands (env-policy.ts), well-known token shapes (sk-…, Bearer …,
// ghp_…, AKIA…, private keys), and `NAME_API_KEY=value` / `api_key = "value"` assignments.
// Bounded: at most MAX_SECRETS literal values, no pattern that backtracks more than linearly (the
// private-key block is capped), and the stream form holds back at most STREAM_HOLD characters.
import { createEnvPolicy, type EnvPolicy, redactableValues } from './env-policy.ts';

export const REDACTED = '[REDACTED]';

/** A token shape: its regular expression source (no flags; `(?i:…)` where case does not matter) and its replacement. */
interface TokenShape {
  source: string;
  /** Built from the shape's own capture groups. */
  replace: (groups: readonly (string | undefined)[]) => string;
}

const whole = (): string => REDACTED;

const TOKEN_SHAPES: readonly TokenShape[] = [
  { source: String.raw`-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]{0,20000}?-----END [A-Z ]*PRIVATE KEY-----`, replace: whole },
  { source: String.raw`(?<![A-Za-z0-9])sk-[A-Za-z0-9_-]{16,}`, replace: whole },
  { source: String.raw`\b((?i:bearer))(\s+)(?=[A-Za-z0-9._~+/=-]*\d)[A-Za-z0-9._~+/=-]{12,}`, replace: (g) => `${g[0]}${g[1]}${REDACTED}` },
  { source: String.raw`(?<![A-Za-z0-9])gh[pousr]_[A-Za-z0-9]{20,}`, replace: whole },
  { source: String.raw`(?<![A-Za-z0-9])github_pat_[A-Za-z0-9_]{20,}`, replace: whole },
  { source: String.raw`(?<![A-Za-z0-9])glpat-[A-Za-z0-9_-]{20,}`, replace: whole },
  { source: String.raw`(?<![A-Z0-9])(?:AKIA|ASIA)[0-9A-Z]{16}(?![A-Z0-9])`, replace: whole },
  { source: String.raw`(?<![A-Za-z0-9])xox[abprs]-[A-Za-z0-9-]{10,}`, replace: whole },
  { source: String.raw`(?<![A-Za-z0-9])AIza[0-9A-Za-z_-]{35}`, replace: whole },
  { source: String.raw`(?<![A-Za-z0-9])hf_[A-Za-z0-9]{30,}`, replace: whole },
  // Environment-style assignments: OPENAI_API_KEY=value, GITHUB_TOKEN: "value" (not $REFERENCES).
  {
    source: String.raw`\b([A-Z0-9_]*(?:API_?KEY|TOKEN|SECRET|PASSWORD|PASSWD|ACCESS_KEY)[A-Z0-9_]*)(["']?\s*[=:]\s*)(["']?)(?![$[])[^\s"'\x60,;]{8,}`,
    replace: (g) => `${g[0]}${g[1]}${g[2]}${REDACTED}`,
  },
  // Config-style quoted values: api_key = "value", "password": "value".
  {
    source: String.raw`\b((?i:api[_-]?key|apikey|secret|password|passwd|access[_-]?token|auth[_-]?token))(["']?\s*[=:]\s*)(?<q>["'])(?!\[REDACTED\])[^\s"']{8,}\k<q>`,
    replace: (g) => `${g[0]}${g[1]}${g[2]}${REDACTED}${g[2]}`,
  },
];

/** Object keys whose string values are secrets whatever they look like. */
const SECRET_KEY = /^(?:.*[_-])?(?:api[_-]?key|apikey|secret|password|passwd|access[_-]?token|auth[_-]?token|refresh[_-]?token|authorization|private[_-]?key)$/i;

/** Characters the stream form may hold back waiting for the end of a line or of a secret. */
export const STREAM_HOLD = 4096;

export interface StreamRedactor {
  /** Redacted text safe to show now; a tail that may be the start of a secret is kept back. */
  push(chunk: string): string;
  /** The rest, redacted. */
  end(): string;
}

export interface Redactor {
  text(text: string): string;
  /** A redacted copy of `value`; parts in which nothing changed are the very same objects. */
  value<T>(value: T): T;
  /** For text that arrives in chunks (live command output): a secret split across chunks is still caught. */
  stream(): StreamRedactor;
  /** True when `text` holds something `text()` would redact (the same rules; no state kept between calls). */
  finds(text: string): boolean;
}

function escapeLiteral(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function groupCount(source: string): number {
  return (new RegExp(`${source}|`).exec('') as RegExpExecArray).length - 1;
}

/** A redactor for the given literal secrets (made redactable: long enough, distinct, longest first) and the token shapes. */
export function redactorFor(secrets: readonly string[]): Redactor {
  const literals = redactableValues(secrets);
  const parts: { source: string; groups: number; replace: TokenShape['replace'] }[] = [];
  if (literals.length > 0) parts.push({ source: literals.map(escapeLiteral).join('|'), groups: 0, replace: whole });
  for (const shape of TOKEN_SHAPES) parts.push({ ...shape, groups: groupCount(shape.source) });
  const matcher = new RegExp(parts.map((p) => `(${p.source})`).join('|'), 'g');
  const text = (input: string): string =>
    input.replace(matcher, (...args: unknown[]) => {
      let index = 1;
      for (const part of parts) {
        if (args[index] !== undefined) return part.replace(args.slice(index + 1, index + 1 + part.groups) as (string | undefined)[]);
        index += 1 + part.groups;
      }
      return args[0] as string;
    });
  const value = <T>(input: T): T => walk(input, text) as T;
  // A copy without the `g` flag: test() on a global expression keeps lastIndex between calls.
  const probe = new RegExp(matcher.source);
  const finds = (input: string): boolean => probe.test(input);
  return { text, value, stream: () => streamRedactor(text, literals), finds };
}

/** A redactor for the values `policy` removes from `env`, plus `extra` secret values (from config). */
export function createRedactor(env: NodeJS.ProcessEnv = process.env, policy: EnvPolicy = createEnvPolicy(), extra: readonly string[] = []): Redactor {
  return redactorFor([...policy.secretValues(env), ...extra]);
}

/** Redacts every string; an object or array in which nothing changed is returned as is (identity kept). */
function walk(value: unknown, text: (s: string) => string): unknown {
  if (typeof value === 'string') return text(value);
  if (Array.isArray(value)) {
    const out = value.map((v) => walk(v, text));
    return out.some((v, i) => v !== value[i]) ? out : value;
  }
  if (value !== null && typeof value === 'object') {
    let changed = false;
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      const next = typeof v === 'string' && v !== '' && SECRET_KEY.test(key) ? REDACTED : walk(v, text);
      if (next !== v) changed = true;
      out[key] = next;
    }
    return changed ? out : value;
  }
  return value;
}

/**
 * Holds back the unfinished last line (token shapes need whole words) and any tail that is the start
 * of a literal secret, up to STREAM_HOLD characters; everything before is redacted and released.
 */
function streamRedactor(text: (s: string) => string, literals: readonly string[]): StreamRedactor {
  let pending = '';
  return {
    push(chunk) {
      pending += chunk;
      let cut = pending.lastIndexOf('\n') + 1;
      if (pending.length - cut > STREAM_HOLD) cut = pending.length - STREAM_HOLD;
      cut = Math.min(cut, partialSecretStart(pending, literals));
      cut = beforeStraddlingSecret(pending, cut, literals);
      if (cut <= 0) return '';
      const ready = pending.slice(0, cut);
      pending = pending.slice(cut);
      return text(ready);
    },
    end() {
      const rest = pending;
      pending = '';
      return text(rest);
    },
  };
}

/** Where the longest tail of `buf` that begins some secret starts (buf.length when none does). */
function partialSecretStart(buf: string, literals: readonly string[]): number {
  let start = buf.length;
  for (const secret of literals) {
    const first = secret[0] as string;
    let p = buf.indexOf(first, Math.max(0, buf.length - secret.length + 1));
    while (p !== -1 && p < start) {
      if (secret.startsWith(buf.slice(p))) {
        start = p;
        break;
      }
      p = buf.indexOf(first, p + 1);
    }
  }
  return start;
}

/** Moves `cut` back to the start of any whole secret in `buf` that it would split. */
function beforeStraddlingSecret(buf: string, cut: number, literals: readonly string[]): number {
  for (let moved = true; moved && cut > 0; ) {
    moved = false;
    for (const secret of literals) {
      const q = buf.indexOf(secret, Math.max(0, cut - secret.length + 1));
      if (q !== -1 && q < cut) {
        cut = q;
        moved = true;
      }
    }
  }
  return cut;
}
