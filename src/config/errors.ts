// A configuration error always names where it came from, the key and what was expected (exit 2).
import { HewError } from '../errors/hew-error.ts';
import { EXIT } from '../protocol/exit-codes.ts';

export class ConfigError extends HewError {
  readonly source: string;
  readonly key: string | null;
  constructor(source: string, key: string | null, message: string) {
    super(key ? `${source}: ${key}: ${message}` : `${source}: ${message}`, EXIT.usage);
    this.name = 'ConfigError';
    this.source = source;
    this.key = key;
  }
}
