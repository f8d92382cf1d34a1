// Denial notes name only fixes that really allow the request: sandbox flags for commands, the
// server's `trusted = true` for an MCP call (hew does not sandbox MCP servers, so no flag allows it).
import { describe, expect, it } from 'vitest';
import { headlessDenialNote, neverPolicyNote } from '../../src/approvals/notes.ts';
import type { ApprovalReason } from '../../src/protocol/approval.ts';

const cases: { name: string; reasons: ApprovalReason[]; server?: string; has: string[]; hasNot: string[] }[] = [
  { name: 'command, no sandbox', reasons: ['no_sandbox'], has: ['make the sandbox work', '-s danger-full-access'], hasNot: ['trusted = true'] },
  { name: 'remember --user (a write outside the copy)', reasons: ['outside_copy'], has: ['Say in your final message what the user may want to remember.', 'hew remember --user "TEXT"', 'run hew interactively and approve it'], hasNot: ['danger-full-access', 'trusted = true', '-a on-request'] },
  { name: 'command, untrusted policy', reasons: ['untrusted'], has: ['-a on-request'], hasNot: ['trusted = true'] },
  { name: 'MCP call, no sandbox facts', reasons: ['no_sandbox'], server: 'files', has: ['`trusted = true` under `[mcp_servers.files]`', 'the MCP server "files"', 'interactive `hew`'], hasNot: ['danger-full-access', 'make the sandbox work'] },
  { name: 'MCP call, untrusted policy', reasons: ['no_sandbox', 'untrusted'], server: 'web', has: ['`[mcp_servers.web]`'], hasNot: ['danger-full-access', '-a on-request'] },
];

describe('denial notes', () => {
  for (const c of cases) {
    it(c.name, () => {
      for (const note of [headlessDenialNote(c.reasons, 'exec', c.server), neverPolicyNote(c.reasons, c.server)]) {
        for (const s of c.has) expect(note).toContain(s);
        for (const s of c.hasNot) expect(note).not.toContain(s);
      }
    });
  }
});
