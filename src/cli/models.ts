// `hew models`: lists the models the configured provider serves (GET /models), one per line or as
// JSON. A refused key (or none) exits 3; any other failure exits 1.
import { resolveProvider } from '../config/providers.ts';
import { displayURL, scrubURLs } from '../model/display-url.ts';
import { EXIT } from '../protocol/exit-codes.ts';
import { loadSettings } from './setup.ts';
import type { SettingFlags } from './setup.ts';

export interface ModelsFlags extends SettingFlags {
  json?: boolean;
}

interface ModelEntry {
  id: string;
  owned_by?: string;
}

export async function modelsCommand(flags: ModelsFlags, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const config = loadSettings(flags, env);
  const provider = resolveProvider(config.settings.provider, config.providers, env, config.file ?? 'config');
  const apiKey = provider.envKey ? env[provider.envKey] : undefined;
  const fail = (code: number, message: string): number => {
    process.stderr.write(`hew: ${message}\n`);
    return code;
  };
  if (!apiKey && provider.keyRequired) return fail(EXIT.provider, `No API key: set ${provider.envKey ?? 'the API key'} (provider ${provider.id}).`);

  const url = new URL(`${provider.baseURL.replace(/\/+$/, '')}/models`);
  for (const [k, v] of Object.entries(provider.queryParams)) url.searchParams.set(k, v);
  const headers: Record<string, string> = { accept: 'application/json', ...provider.headers };
  headers.authorization ??= `Bearer ${apiKey ?? 'hew-local'}`;
  let res: Response;
  try {
    res = await fetch(url, { headers, signal: AbortSignal.timeout(30_000) });
  } catch (err) {
    const cause = (err as { cause?: { message?: string } }).cause?.message;
    return fail(EXIT.failed, scrubURLs(`cannot reach ${provider.id} at ${displayURL(provider.baseURL)}: ${cause ?? (err as Error).message}`));
  }
  const text = await res.text();
  if (!res.ok) {
    const detail = errorMessageOf(text) ?? res.statusText;
    const code = res.status === 401 || res.status === 403 ? EXIT.provider : EXIT.failed;
    return fail(code, `${provider.id} refused GET /models (HTTP ${res.status}): ${detail}`);
  }
  let models: ModelEntry[];
  try {
    const body = JSON.parse(text) as { data?: unknown; models?: unknown };
    const list = Array.isArray(body.data) ? body.data : Array.isArray(body.models) ? body.models : null;
    if (!list) throw new Error('no "data" list');
    models = list
      .filter((m): m is ModelEntry => typeof (m as ModelEntry)?.id === 'string')
      .map((m) => ({ id: m.id, ...(typeof m.owned_by === 'string' ? { owned_by: m.owned_by } : {}) }));
  } catch (err) {
    return fail(EXIT.failed, `${provider.id} answered GET /models with something other than a model list: ${(err as Error).message}`);
  }
  models.sort((a, b) => a.id.localeCompare(b.id));
  if (flags.json) process.stdout.write(`${JSON.stringify({ provider: provider.id, models })}\n`);
  else process.stdout.write(models.map((m) => `${m.id}\n`).join(''));
  return EXIT.ok;
}

function errorMessageOf(text: string): string | undefined {
  try {
    const body = JSON.parse(text) as { error?: { message?: unknown } | string };
    if (typeof body.error === 'string') return body.error;
    return typeof body.error?.message === 'string' ? body.error.message : undefined;
  } catch {
    return text.trim().slice(0, 200) || undefined;
  }
}
