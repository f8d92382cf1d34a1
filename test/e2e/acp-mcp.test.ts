// End to end through the SDK client: the MCP servers an editor passes with session/new. A stdio server
// of the editor's is started for the session beside the user's own; its tool call is a card of kind
// `other` titled `server: tool`, asks first (an editor's server is never trusted), and its result is
// the card's content and reaches the model. An SSE server (not advertised) is skipped with a log line.
import { afterEach, describe, expect, it } from 'vitest';
import type * as acp from '@agentclientprotocol/sdk';
import { killAcps, spawnAcp, withSdkClient } from '../support/acp-client.ts';
import { contentText, toolCallsOf } from '../support/acp-updates.ts';
import { toolOutputs } from '../support/requests.ts';
import { answer } from '../support/scripts.ts';
import { closeWorlds, hewWorld } from '../support/world.ts';
import { STDIO_SERVER } from '../mcp/support.ts';

afterEach(async () => {
  await killAcps();
  await closeWorlds();
});

describe('hew acp with the editor’s MCP servers', () => {
  it('starts the editor’s stdio server for the session; its call asks, shows as a card, and its result reaches the model', async () => {
    const world = await hewWorld()
      .withScript([{ outputs: [{ tool: 'mcp__editor__echo', args: { text: 'from-the-editor' } }] }, answer('The echo answered.')])
      .build();
    const proc = spawnAcp(world);
    await withSdkClient(proc, async (c) => {
      await c.initialize();
      const servers: acp.McpServer[] = [
        { name: 'editor', command: process.execPath, args: [STDIO_SERVER], env: [] },
        { type: 'sse', name: 'old', url: 'http://127.0.0.1:9/sse', headers: [] },
      ];
      const session = await c.ctx.buildSession({ cwd: world.repo, mcpServers: servers }).start();
      const asked: acp.RequestPermissionRequest[] = [];
      c.answerPermissions((req) => {
        asked.push(req);
        return { outcome: { outcome: 'selected', optionId: 'allow_once' } };
      });
      expect((await session.prompt('ask the echo tool')).stopReason).toBe('end_turn');

      // Asked, on the card of the call, with no "always" (an MCP call is not remembered).
      expect(asked).toHaveLength(1);
      const call = toolCallsOf(c.updatesOf(session.sessionId)).find((x) => x.kind === 'other');
      expect(call?.title).toBe('editor: echo');
      expect(asked[0]?.toolCall.toolCallId).toBe(call?.toolCallId);
      expect(asked[0]?.options.map((o) => o.kind)).toEqual(['allow_once', 'reject_once']);
      expect(call?.status).toBe('completed');
      expect(contentText(call!)).toContain('stdio echo: from-the-editor');
    });
    expect(toolOutputs(world.requests).join('\n')).toContain('stdio echo: from-the-editor');
    expect(proc.stderr()).toMatch(/old.*SSE|SSE.*old/i);
    expect((await proc.endInput()).code).toBe(0);
  });
});
