import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyOverrides, DEFAULT_SETTINGS, loadConfig } from '../../src/config/load.ts';
import { resolveProvider } from '../../src/config/providers.ts';
import { configErrorOf, configHome } from '../support/config-home.ts';

describe('loadConfig', () => {
  it('gives the defaults without a file', () => {
    const config = loadConfig({ env: configHome() });
    expect(config.settings).toEqual(DEFAULT_SETTINGS);
    expect(config.file).toBeNull();
    expect(config.sources.model).toBe('default');
  });

  it('layers flags over -c over profile over file over defaults', () => {
    const env = configHome('model = "from-file"\napproval = "never"\nsandbox = "read-only"\n[profiles.fast]\nmodel = "from-profile"\napproval = "untrusted"\n');
    const config = loadConfig({ env, profile: 'fast', overrides: ['approval="on-request"', 'network=true'], flags: { sandbox: 'danger-full-access' } });
    expect(config.settings.model).toBe('from-profile');
    expect(config.sources.model).toBe('profile');
    expect(config.settings.approval).toBe('on-request');
    expect(config.sources.approval).toBe('-c');
    expect(config.settings.network).toBe(true);
    expect(config.settings.sandbox).toBe('danger-full-access');
    expect(config.sources.sandbox).toBe('flag');
  });

  it('tui_notifications: auto by default, from your config.toml or -c; not in a profile; one of four values', () => {
    expect(loadConfig({ env: configHome() }).tuiNotifications).toEqual({ value: 'auto', source: 'default' });
    expect(loadConfig({ env: configHome('tui_notifications = "bell"\n') }).tuiNotifications).toEqual({ value: 'bell', source: 'file' });
    expect(loadConfig({ env: configHome('tui_notifications = "bell"\n'), overrides: ['tui_notifications="off"'] }).tuiNotifications).toEqual({ value: 'off', source: '-c' });
    // -c takes the value as a bare string too, and it is no ordinary setting.
    const bare = loadConfig({ env: configHome(), overrides: ['tui_notifications=osc9'] });
    expect(bare.tuiNotifications.value).toBe('osc9');
    expect(Object.keys(bare.settings)).not.toContain('tui_notifications');
    const inProfile = configErrorOf(() => loadConfig({ env: configHome('[profiles.quiet]\ntui_notifications = "off"\n'), profile: 'quiet' }));
    expect(inProfile.message).toMatch(/:2: profiles\.quiet\.tui_notifications: unknown key/);
    const bad = configErrorOf(() => loadConfig({ env: configHome('tui_notifications = "loud"\n') }));
    expect(bad.message).toMatch(/:1: tui_notifications: .*"auto".*"bell".*"osc9".*"off"/);
  });

  it('types -c values as TOML and falls back to a string', () => {
    const overrides = applyOverrides(['max_turns=7', 'model=gpt-x', 'providers.local.base_url="http://127.0.0.1:1/v1"']);
    expect(overrides.settings.max_turns).toBe(7);
    expect(overrides.settings.model).toBe('gpt-x');
    expect(overrides.providers?.local?.base_url).toBe('http://127.0.0.1:1/v1');
  });

  it('names the file, key and expected value for a bad value', () => {
    const env = configHome('approval = "sometimes"\n');
    const err = configErrorOf(() => loadConfig({ env }));
    expect(err.message).toContain(join(String(env.XDG_CONFIG_HOME), 'hew', 'config.toml'));
    expect(err.key).toBe('approval');
    expect(err.message).toMatch(/untrusted/);
  });

  it('names an unknown key with the known ones, also inside tables', () => {
    expect(configErrorOf(() => loadConfig({ env: configHome('modle = "x"\n') })).message).toMatch(/modle: unknown key; expected one of: model, provider/);
    const nested = configErrorOf(() => loadConfig({ env: configHome('[providers.x]\nbase_uri = "http://h"\n') }));
    expect(nested.message).toMatch(/providers\.x\.base_uri: unknown key; expected one of: name, base_url/);
  });

  it('reports TOML syntax errors with a line', () => {
    const err = configErrorOf(() => loadConfig({ env: configHome('model = \n') }));
    expect(err.message).toMatch(/config\.toml:1:\d+: invalid TOML/);
  });

  it('rejects a missing profile and a malformed -c', () => {
    expect(configErrorOf(() => loadConfig({ env: configHome(), profile: 'nope' })).message).toMatch(/no profile "nope"/);
    expect(configErrorOf(() => applyOverrides(['model'])).message).toMatch(/expected key=value/);
    expect(configErrorOf(() => applyOverrides(['max_turns=-1'])).key).toBe('max_turns');
  });
});

describe('resolveProvider', () => {
  it('resolves built-ins with their env overrides and key rules', () => {
    const openai = resolveProvider('openai', undefined, { OPENAI_BASE_URL: 'http://127.0.0.1:5/v1' }, 'cfg');
    expect(openai).toMatchObject({ baseURL: 'http://127.0.0.1:5/v1', wireApi: 'responses', envKey: 'OPENAI_API_KEY', keyRequired: true });
    expect(resolveProvider('ollama', undefined, {}, 'cfg')).toMatchObject({ wireApi: 'chat', keyRequired: false });
  });

  it('merges a table over a built-in without losing its key rule', () => {
    const p = resolveProvider('openai', { openai: { request_max_retries: 1 } }, {}, 'cfg');
    expect(p.keyRequired).toBe(true);
    expect(p.requestMaxRetries).toBe(1);
  });

  it('resolves a custom provider and rejects an unknown one', () => {
    const p = resolveProvider('mine', { mine: { base_url: 'http://h/v1', wire_api: 'chat', env_key: 'MINE_KEY' } }, {}, 'cfg');
    expect(p).toMatchObject({ baseURL: 'http://h/v1', wireApi: 'chat', envKey: 'MINE_KEY', keyRequired: true });
    expect(configErrorOf(() => resolveProvider('nope', undefined, {}, 'cfg')).message).toMatch(/unknown provider "nope"; expected one of openai/);
  });
});

describe('notify', () => {
  it('is an argv from the user file or -c, shown with its source', () => {
    const config = loadConfig({ env: configHome('notify = ["notify-send", "hew"]\n') });
    expect(config.settings.notify).toEqual(['notify-send', 'hew']);
    expect(config.sources.notify).toBe('file');
    expect(loadConfig({ env: configHome(), overrides: ['notify=["ntfy", "publish"]'] }).settings.notify).toEqual(['ntfy', 'publish']);
    expect(loadConfig({ env: configHome() }).settings.notify).toBeUndefined();
  });

  it.each([
    ['"notify-send hew"', 'notify', 'expected an array of strings (the program and its arguments, no shell)'],
    ['[]', 'notify', 'expected a non-empty array'],
    ['["notify-send", ""]', 'notify.1', 'an element of notify is empty'],
    ['["notify-send", 3]', 'notify.1', 'expected a string (every element of notify is one)'],
  ])('refuses notify = %s with one line naming the key and the fix', (value, key, reason) => {
    const err = configErrorOf(() => loadConfig({ env: configHome(`model = "m"\nnotify = ${value}\n`) }));
    expect(err.message).toMatch(new RegExp(`config\\.toml:2: ${key.replace('.', '\\.')}: `));
    expect(err.message).toContain(reason);
    expect(err.message).toContain('e.g. notify = ["notify-send", "hew"]');
    expect(err.message).not.toContain('\n');
  });

  it('is not a profile key', () => {
    const err = configErrorOf(() => loadConfig({ env: configHome('[profiles.loud]\nnotify = ["notify-send"]\n'), profile: 'loud' }));
    expect(err.message).toMatch(/profiles\.loud\.notify: unknown key/);
  });
});
