// Defensive redaction for everything the run store writes (SPEC §8: an API key is never written).
// Three nets: well-known token shapes (sk-…, Bearer …, ghp_…, AKIA…, private keys), `NAME_API_KEY=value`
// style assignments, and the literal values of secret-looking environment variables.

export const REDACTED = '[REDACTED]';

const TOKEN_PATTERNS: ReadonlyArray<readonly [RegExp, string]> = [
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g, REDACTED],
  [/(?<![A-Za-z0-9])sk-[A-Za-z0-9_-]{16,}/g, REDACTED],
  [/\b(Bearer)(\s+)(?=[A-Za-z0-9._~+/=-]*\d)[A-Za-z0-9._~+/=-]{12,}/gi, `$1$2${REDACTED}`],
  [/(?<![A-Za-z0-9])gh[pousr]_[A-Za-z0-9]{20,}/g, REDACTED],
  [/(?<![A-Za-z0-9])github_pat_[A-Za-z0-9_]{20,}/g, REDACTED],
  [/(?<![A-Za-z0-9])glpat-[A-Za-z0-9_-]{20,}/g, REDACTED],
  [/(?<![A-Z0-9])(?:AKIA|ASIA)[0-9A-Z]{16}(?![A-Z0-9])/g, REDACTED],
  [/(?<![A-Za-z0-9])xox[abprs]-[A-Za-z0-9-]{10,}/g, REDACTED],
  [/(?<![A-Za-z0-9])AIza[0-9A-Za-z_-]{35}/g, REDACTED],
  [/(?<![A-Za-z0-9])hf_[A-Za-z0-9]{30,}/g, REDACTED],
  // Environment-style assignments: OPENAI_API_KEY=value, GITHUB_TOKEN: "value" (not $REFERENCES).
  [
    /\b([A-Z0-9_]*(?:API_?KEY|TOKEN|SECRET|PASSWORD|PASSWD|ACCESS_KEY)[A-Z0-9_]*)(["']?\s*[=:]\s*)(["']?)(?![$[])[^\s"'`,;]{8,}/g,
    `$1$2$3${REDACTED}`,
  ],
  // Config-style quoted values: api_key = "value", "password": "value".
  [
    /\b(api[_-]?key|apikey|secret|password|passwd|access[_-]?token|auth[_-]?token)(["']?\s*[=:]\s*)(["'])(?!\[REDACTED\])[^\s"']{8,}\3/gi,
    `$1$2$3${REDACTED}$3`,
  ],
];

/** Object keys whose string values are secrets whatever they look like. */
const SECRET_KEY = /^(?:.*[_-])?(?:api[_-]?key|apikey|secret|password|passwd|access[_-]?token|auth[_-]?token|refresh[_-]?token|authorization|private[_-]?key)$/i;

/** Environment variable names whose values are secrets. */
const SECRET_ENV = /(?:^|_)(?:API_?KEY|TOKEN|SECRET|PASSWORD|PASSWD|ACCESS_KEY|SECRET_ACCESS_KEY|CREDENTIALS?)$/;

/** Values of secret-looking environment variables (8+ characters), longest first. */
export function secretValuesFromEnv(env: NodeJS.ProcessEnv = process.env): string[] {
  const values = new Set<string>();
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined && value.length >= 8 && SECRET_ENV.test(name.toUpperCase())) values.add(value);
  }
  return [...values].sort((a, b) => b.length - a.length);
}

/** Replaces secrets in a piece of text. */
export function redactText(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  for (const [pattern, replacement] of TOKEN_PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

/** A deep copy of `value` with secrets replaced in every string (and under secret-named keys). */
export function redactValue<T>(value: T, secrets: readonly string[] = []): T {
  return walk(value, secrets) as T;
}

function walk(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === 'string') return redactText(value, secrets);
  if (Array.isArray(value)) return value.map((v) => walk(v, secrets));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      out[key] = typeof v === 'string' && v !== '' && SECRET_KEY.test(key) ? REDACTED : walk(v, secrets);
    }
    return out;
  }
  return value;
}

export interface Redactor {
  text(text: string): string;
  value<T>(value: T): T;
}

/** A redactor that also knows the secret values in `env` at the time it is made. */
export function createRedactor(env: NodeJS.ProcessEnv = process.env): Redactor {
  const secrets = secretValuesFromEnv(env);
  return {
    text: (text) => redactText(text, secrets),
    value: (value) => redactValue(value, secrets),
  };
}
