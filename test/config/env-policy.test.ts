// The run's environment policy from its configuration: provider keys and MCP secrets are credentials
// (never passed, whatever `allow` says), and the secrets in the config itself are redacted.
import { describe, expect, it } from 'vitest';
import { runEnvPolicy } from '../../src/config/env-policy.ts';

describe('runEnvPolicy', () => {
  const { policy, configSecrets } = runEnvPolicy(
    {
      env: { deny: [], allow: ['MYLLM_KEY', 'CORP_GATEWAY', 'TRACKER_PAT', 'OPENAI_API_KEY'] },
      providers: {
        mine: { base_url: 'http://x/v1', env_key: 'CORP_GATEWAY', headers: { 'X-Api-Key': 'hdr-secret-123', 'X-Team': 'blue-team-one' } },
        azure: { wire_api: 'chat' },
      },
      mcpServers: {
        tracker: { command: 'tracker-mcp', env: { TRACKER_PAT: 'pat-9876543210', LOG_LEVEL: 'warn', ROOT_DIR: '/srv/docs/tree' } },
        remote: { url: 'http://mcp/mcp', headers: { Authorization: 'Bearer mcp-bearer-555' } },
      },
    },
    'MYLLM_KEY',
  );

  it.each([
    ['MYLLM_KEY', false], // the chosen provider's key, although allowed
    ['CORP_GATEWAY', false], // a configured provider's env_key, whatever its name
    ['AZURE_OPENAI_API_KEY', false], // a configured built-in's key
    ['TRACKER_PAT', false], // an MCP server's secret, although allowed
    ['LOG_LEVEL', true], // an MCP server's ordinary setting
    ['ROOT_DIR', true],
    ['OPENAI_API_KEY', true], // not a configured provider: the user's allow wins
  ])('%s passes: %s', (name, passes) => {
    expect(policy.verdict(name, 'value-1234567').pass).toBe(passes);
  });

  it('collects the secret values written in the config', () => {
    expect(configSecrets).toEqual(expect.arrayContaining(['hdr-secret-123', 'pat-9876543210', 'Bearer mcp-bearer-555', 'mcp-bearer-555']));
    for (const plain of ['blue-team-one', 'warn', '/srv/docs/tree']) expect(configSecrets).not.toContain(plain);
  });
});
