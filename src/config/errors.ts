// A configuration error always names where it came from, the key and what was expected (exit 2).
export class ConfigError extends Error {
  readonly source: string;
  readonly key: string | null;
  constructor(source: string, key: string | null, message: string) {
    super(key ? `${source}: ${key}: ${message}` : `${source}: ${message}`);
    this.name = 'ConfigError';
    this.source = source;
    this.key = key;
  }
}
