// The one rule set for which environment variables are secret (docs/security.md "Secrets and the
// environment"). The sandbox removes a matching variable from every command's environment; the
// redactor hides the value of a removed variable wherever it appears, when the rule says the value
// itself is the secret (`redact`). Each rule carries names it must and must not match, checked by a
// table test (test/secrets/name-rules.test.ts). Names are compared upper-cased.

export interface NameRule {
  id: string;
  /** Tested against the upper-cased name. */
  pattern: RegExp;
  /**
   * True: the value is the secret (a key, a password), so it is redacted wherever it appears.
   * False: the variable only points at or configures access (an agent socket, a region, a profile):
   * removed from commands, but its value (a path, `us-east-1`) is not hidden from output.
   */
  redact: boolean;
  matches: readonly string[];
  doesNotMatch: readonly string[];
}

export const SECRET_NAME_RULES: readonly NameRule[] = [
  {
    id: 'api-key',
    pattern: /(^|_)API_?KEY/,
    redact: true,
    matches: ['OPENAI_API_KEY', 'ANTHROPIC_API_KEY', 'FOO_APIKEY', 'API_KEY', 'API_KEYS', 'OPENAI_API_KEY_2', 'openai_api_key'],
    doesNotMatch: ['RAPID_KEYBOARD', 'CAPIKEYS_DIR'],
  },
  {
    id: 'key',
    pattern: /(^|_)KEYS?$/,
    redact: true,
    matches: ['STRIPE_KEY', 'OPENAI_KEY', 'MYLLM_KEY', 'SECRET_KEY', 'SIGNING_KEY', 'GPG_KEY', 'KEY', 'ENCRYPTION_KEYS'],
    doesNotMatch: ['KEYBOARD', 'KEYMAP', 'XKB_DEFAULT_LAYOUT', 'MONKEY', 'HOTKEY', 'KEY_LAYOUT'],
  },
  {
    id: 'access-key',
    pattern: /ACCESS_?KEY/,
    redact: true,
    matches: ['AWS_ACCESS_KEY_ID', 'SERVICE_ACCESS_KEY_ID', 'MINIO_ACCESS_KEY', 'ALIBABA_CLOUD_ACCESSKEY_ID'],
    doesNotMatch: ['ACCESSIBILITY', 'ACCESS_LOG'],
  },
  {
    id: 'private-key',
    pattern: /PRIVATE_?KEY/,
    redact: true,
    matches: ['SSH_PRIVATE_KEY', 'PRIVATE_KEY_PEM', 'TLS_PRIVATEKEY'],
    doesNotMatch: ['PRIVATE_REGISTRY'],
  },
  {
    id: 'token',
    pattern: /(^|_)TOKEN($|_)|AUTH_?TOKEN/,
    redact: true,
    matches: ['GITHUB_TOKEN', 'GH_TOKEN', 'NPM_TOKEN', 'HF_TOKEN', 'AWS_SESSION_TOKEN', 'VAULT_TOKEN', 'TOKEN', 'SENTRY_AUTH_TOKEN', 'NPM_CONFIG_//REGISTRY.NPMJS.ORG/:_AUTHTOKEN', 'GITHUB_TOKEN_FILE'],
    doesNotMatch: ['TOKENIZERS_PARALLELISM', 'MAX_TOKENS', 'OPENAI_MAX_TOKENS'],
  },
  {
    id: 'personal-access-token',
    pattern: /(^|_)PAT$/,
    redact: true,
    matches: ['GH_PAT', 'GITHUB_PAT', 'PAT'],
    doesNotMatch: ['PATH', 'MANPATH', 'PYTHONPATH', 'PATTERN'],
  },
  {
    id: 'secret',
    pattern: /SECRET/,
    redact: true,
    matches: ['CLIENT_SECRET', 'JWT_SECRET', 'SECRET_KEY_BASE', 'AWS_SECRET_ACCESS_KEY', 'MYSECRET', 'SECRETS'],
    doesNotMatch: ['SECTOR', 'SEC_LEVEL'],
  },
  {
    id: 'password',
    pattern: /PASSWORD|PASSWD|PASSPHRASE|(^|_)PASS($|_)|.+_PWD$/,
    redact: true,
    matches: ['PGPASSWORD', 'DB_PASSWORD', 'MYSQL_PWD', 'MYSQL_ROOT_PASSWORD', 'DB_PASS', 'SMTP_PASS', 'PASS', 'GPG_PASSPHRASE', 'PASSWD_FILE', 'REDIS_PASSWD'],
    doesNotMatch: ['PWD', 'OLDPWD', 'PASSENGER_APP_ENV', 'PROXY_BYPASS', 'COMPASS_HOME', 'GIT_ASKPASS_ENABLED'],
  },
  {
    id: 'pass-file',
    pattern: /^PGPASSFILE$/,
    redact: false,
    matches: ['PGPASSFILE'],
    doesNotMatch: ['PGHOST'],
  },
  {
    id: 'dsn',
    pattern: /DSN$/,
    redact: true,
    matches: ['SENTRY_DSN', 'DATABASE_DSN', 'DSN', 'NEXT_PUBLIC_SENTRY_DSN'],
    doesNotMatch: ['DSN_TIMEOUT', 'DSNAME'],
  },
  {
    id: 'connection-string',
    pattern: /CONNECTION_?STRING|CONN_?STR$/,
    redact: true,
    matches: ['AZURE_STORAGE_CONNECTION_STRING', 'DB_CONNECTION_STRING', 'MONGO_CONNSTR'],
    doesNotMatch: ['CONNECTION_TIMEOUT'],
  },
  {
    id: 'webhook',
    pattern: /WEBHOOK/,
    redact: true,
    matches: ['SLACK_WEBHOOK_URL', 'DISCORD_WEBHOOK', 'WEBHOOK_SECRET'],
    doesNotMatch: ['HOOKS_DIR', 'GIT_HOOKS'],
  },
  {
    id: 'credentials',
    pattern: /(^|_)CREDENTIALS?($|_)|(^|_)CREDS?($|_)/,
    redact: true,
    matches: ['GOOGLE_APPLICATION_CREDENTIALS', 'AWS_SHARED_CREDENTIALS_FILE', 'GOOGLE_CREDENTIALS', 'CREDENTIALS_DIRECTORY', 'REGISTRY_CREDS'],
    doesNotMatch: ['CREDITS', 'INCREDIBLE'],
  },
  {
    id: 'auth',
    pattern: /(^|_)AUTH$|AUTHORIZATION|(^|_)COOKIES?($|_)/,
    redact: true,
    matches: ['BASIC_AUTH', 'NPM_CONFIG__AUTH', 'HTTP_AUTHORIZATION', 'SESSION_COOKIE', 'COOKIE'],
    doesNotMatch: ['AUTHOR', 'GIT_AUTHOR_NAME', 'OAUTH_CALLBACK_URL', 'AUTH_DOMAIN', 'XDG_SESSION_ID'],
  },
  {
    id: 'cloud',
    pattern: /^(AWS|AZURE|ARM_CLIENT|DIGITALOCEAN|CLOUDSDK_AUTH)_|^GOOGLE_(APPLICATION_CREDENTIALS|CLOUD_KEYFILE_JSON|CREDENTIALS|GHA_CREDS)/,
    redact: false,
    matches: ['AWS_PROFILE', 'AWS_REGION', 'AWS_CONFIG_FILE', 'AZURE_TENANT_ID', 'AZURE_CLIENT_ID', 'ARM_CLIENT_ID', 'CLOUDSDK_AUTH_ACCESS_TOKEN_FILE', 'DIGITALOCEAN_CONTEXT', 'GOOGLE_CLOUD_KEYFILE_JSON'],
    doesNotMatch: ['GOOGLE_CLOUD_PROJECT', 'AWSOME', 'MY_AWS_NOTES'],
  },
  {
    id: 'config-files',
    pattern: /^(NETRC|DOCKER_AUTH_CONFIG|KUBECONFIG)$/,
    redact: false,
    matches: ['NETRC', 'DOCKER_AUTH_CONFIG', 'KUBECONFIG'],
    doesNotMatch: ['DOCKER_HOST', 'KUBE_EDITOR'],
  },
  {
    id: 'agents',
    pattern: /^(SSH_AUTH_SOCK|SSH_AGENT_PID|GPG_AGENT_INFO|(SSH|GIT|SUDO)_ASKPASS)$/,
    redact: false,
    matches: ['SSH_AUTH_SOCK', 'SSH_AGENT_PID', 'GPG_AGENT_INFO', 'SSH_ASKPASS', 'GIT_ASKPASS', 'SUDO_ASKPASS'],
    doesNotMatch: ['SSH_TTY', 'SSH_CONNECTION', 'GPG_TTY', 'GNUPGHOME'],
  },
];

/** Names no rule may match: everyday variables a build needs (checked by the table test). */
export const ORDINARY_NAMES: readonly string[] = [
  'PATH', 'HOME', 'TERM', 'USER', 'SHELL', 'LANG', 'LC_ALL', 'PWD', 'TMPDIR', 'EDITOR', 'NODE_OPTIONS', 'NODE_ENV',
  'NODE_PATH', 'NPM_CONFIG_CACHE', 'npm_config_registry', 'JAVA_HOME', 'GOPATH', 'GOFLAGS', 'CARGO_HOME', 'RUSTFLAGS',
  'PYTHONPATH', 'VIRTUAL_ENV', 'PIP_INDEX_URL', 'HTTPS_PROXY', 'NO_PROXY', 'DATABASE_URL', 'REDIS_URL', 'PUBLIC_URL',
  'SSH_TTY', 'SSH_CONNECTION', 'DISPLAY', 'CI', 'GITHUB_ACTIONS', 'GITHUB_SHA', 'KEYBOARD', 'TOKENIZERS_PARALLELISM',
  'MAX_TOKENS', 'DEBIAN_FRONTEND', 'XDG_CONFIG_HOME', 'GIT_AUTHOR_EMAIL', 'PGHOST', 'PGUSER', 'PGDATABASE', 'PGPORT',
];

/** A value such as `postgres://user:secret@host/db` embeds a password (the user part may be empty). */
export const URL_WITH_PASSWORD = /[a-z][a-z0-9+.-]*:\/\/([^\s/:@]*):([^\s/@]+)@/i;

/** The first rule matching `name`, or null. */
export function secretNameRule(name: string): NameRule | null {
  const upper = name.toUpperCase();
  return SECRET_NAME_RULES.find((rule) => rule.pattern.test(upper)) ?? null;
}

/**
 * Whether a variable is secret by the built-in rules, and whether its value is to be redacted: by
 * name (any rule that redacts wins over one that does not), or by a value embedding a password.
 */
export function builtinVerdict(name: string, value: string): { rule: string; redact: boolean } | null {
  const upper = name.toUpperCase();
  const rules = SECRET_NAME_RULES.filter((rule) => rule.pattern.test(upper));
  if (rules.length > 0) return { rule: rules[0]!.id, redact: rules.some((r) => r.redact) };
  if (URL_WITH_PASSWORD.test(value)) return { rule: 'url-with-password', redact: true };
  return null;
}
