// `/mcp` in the interactive session: a notice listing the servers (none are wired into the
// interactive controller's thread here, so it says how to add one).
import { afterEach, describe, expect, it } from 'vitest';
import { closeSessions, startSession } from '../interactive/harness.ts';
import { describeMcpStatus } from '../../src/mcp/status.ts';

afterEach(closeSessions);

describe('/mcp', () => {
  it('shows a notice about the MCP servers', async () => {
    const s = await startSession([]);
    const notice = await s.command('/mcp', 'notice.info');
    expect(notice).toMatchObject({ type: 'notice.info', title: 'MCP servers' });
    expect(notice.type === 'notice.info' && notice.lines.join('\n')).toMatch(/No MCP servers are configured/);
  });

  it('lists each server, its state, its error and its tools', () => {
    const text = describeMcpStatus([
      { name: 'files', state: 'running', tools: ['mcp__files__read'] },
      { name: 'db', state: 'failed', error: 'did not start within 10000 ms', tools: [] },
    ]);
    expect(text).toBe('files: running\n  mcp__files__read\ndb: failed (did not start within 10000 ms)');
  });
});
