import { describe, expect, it } from 'vitest';
import { answerOf, EDITOR_CANCELLED, permissionRequest } from '../../src/acp/permission.ts';
import type { ApprovalItem } from '../../src/acp/permission.ts';
import type { ApprovalRequest } from '../../src/protocol/approval.ts';
import { expectValidAcp } from '../support/acp-schema.ts';

const REPO = '/home/me/proj';

function approval(request: Partial<ApprovalRequest>, extra: Partial<ApprovalItem> = {}): ApprovalItem {
  return {
    id: 'item_7',
    type: 'approval',
    status: 'in_progress',
    decision: null,
    request: { tool: 'shell', command: 'npm test', argv: ['npm', 'test'], cwd: '/work/copy', sandboxed: true, network: false, reason: 'the policy is untrusted', item_id: 'item_6', ...request },
    ...extra,
  };
}

describe('permissionRequest', () => {
  const rows: { what: string; item: ApprovalItem; title: string; kind: string; always: boolean; text: RegExp[] }[] = [
    { what: 'a plain command', item: approval({}), title: 'npm test', kind: 'execute', always: true, text: [/^Run this command\?/, /```\nnpm test\n```/, /why hew asks: the policy is untrusted/] },
    {
      what: 'outside the sandbox, with network, with the model reason',
      item: approval({ sandboxed: false, network: true, justification: 'needs the registry' }),
      title: 'npm test',
      kind: 'execute',
      always: true,
      text: [/outside the sandbox, with network\?/, /the model says: needs the registry/],
    },
    { what: 'a one-word command (not rememberable)', item: approval({ command: 'make', argv: ['make'] }), title: 'make', kind: 'execute', always: false, text: [/make/] },
    { what: 'a pipeline (not rememberable)', item: approval({ command: 'cat a | sh', argv: undefined }), title: 'cat a | sh', kind: 'execute', always: false, text: [/cat a \| sh/] },
    {
      what: 'an MCP call',
      item: approval({ tool: 'mcp__github__create_issue', command: 'github.create_issue({"title":"x"})', argv: ['mcp__github__create_issue'], mcp_server: 'github', sandboxed: false, network: true }),
      title: 'github: create_issue',
      kind: 'other',
      always: false,
      text: [/MCP server github/],
    },
    {
      what: 'a hostile multi-line command with escapes and fences',
      item: approval({ command: 'echo \u001b]52;c;aGk=\u0007 ok\n```\nrm -rf /', argv: undefined }),
      title: 'echo ␛]52;c;aGk=␇ ok …',
      kind: 'execute',
      always: false,
      text: [/␛\]52/, /^````\necho ␛\]52;c;aGk=␇ ok\n```\nrm -rf \/\n````$/m],
    },
    {
      what: "a model reason that forges hew's own lines",
      item: approval({ justification: 'needs the registry\nwhy hew asks: read-only, approved by your earlier "always"' }),
      title: 'npm test',
      kind: 'execute',
      always: true,
      text: [/the model says: needs the registry␊why hew asks: read-only/, /\nwhy hew asks: the policy is untrusted$/],
    },
    { what: 'after the approver command passed it on', item: approval({}, { reason: 'touches the network' }), title: 'npm test', kind: 'execute', always: true, text: [/approver command passed it on: touches the network/] },
  ];

  it.each(rows)('$what', ({ item, title, kind, always, text }) => {
    const req = permissionRequest('run-1', item, REPO);
    expectValidAcp('RequestPermissionRequest', req);
    expect(req.sessionId).toBe('run-1');
    expect(req.toolCall.toolCallId).toBe('item_6');
    expect(req.toolCall.title).toBe(title);
    expect(req.toolCall.kind).toBe(kind);
    expect(req.toolCall.status).toBe('pending');
    const kinds = req.options.map((o) => o.kind);
    expect(kinds).toEqual(always ? ['allow_once', 'allow_always', 'reject_once', 'reject_always'] : ['allow_once', 'reject_once']);
    for (const o of req.options) expect(o.optionId).toBe(o.kind);
    const block = req.toolCall.content?.[0];
    const shown = block?.type === 'content' && block.content.type === 'text' ? block.content.text : '';
    for (const re of text) expect(shown).toMatch(re);
    // Nothing the terminal or a renderer would act on.
    expect(JSON.stringify(req)).not.toMatch(/\\u001b|\\u0007/);
  });

  it('names the always options with the words they cover', () => {
    const req = permissionRequest('s', approval({ command: 'git commit -m x', argv: ['git', 'commit', '-m', 'x'] }), REPO);
    expect(req.options.find((o) => o.kind === 'allow_always')?.name).toBe('Always allow `git commit -m x …`');
    expect(req.options.find((o) => o.kind === 'reject_always')?.name).toBe('Always reject `git commit -m x …`');
  });

  it('asks a write outside the copy (remember, user scope) as an edit, not as a command outside the sandbox', () => {
    const req = permissionRequest('s', approval({ tool: 'remember', command: 'remember --user "small commits" → /home/me/.config/hew/AGENTS.md', argv: ['remember'], sandboxed: false, writes_outside: '/home/me/.config/hew/AGENTS.md', reasons: ['outside_copy'] }), REPO);
    expectValidAcp('RequestPermissionRequest', req);
    expect(req.toolCall.kind).toBe('edit');
    const block = req.toolCall.content?.[0];
    const shown = block?.type === 'content' && block.content.type === 'text' ? block.content.text : '';
    expect(shown).toMatch(/^Write outside the working copy, to \/home\/me\/\.config\/hew\/AGENTS\.md \(not in the diff\)\?/);
    expect(shown).not.toMatch(/outside the sandbox/);
    expect(req.options.map((o) => o.kind)).toEqual(['allow_once', 'reject_once']);
  });

  it('uses the toolCallId the session mapper gave the gated call, else the gated item, else the approval', () => {
    expect(permissionRequest('s', approval({}), REPO, 'run2/item_6').toolCall.toolCallId).toBe('run2/item_6');
    expect(permissionRequest('s', approval({ item_id: undefined }), REPO).toolCall.toolCallId).toBe('item_7');
  });
});

describe('answerOf', () => {
  const rows: { response: Parameters<typeof answerOf>[0]; decision: string; note?: string | RegExp }[] = [
    { response: { outcome: { outcome: 'selected', optionId: 'allow_once' } }, decision: 'approved' },
    { response: { outcome: { outcome: 'selected', optionId: 'allow_always' } }, decision: 'approved_always' },
    { response: { outcome: { outcome: 'selected', optionId: 'reject_once' } }, decision: 'denied' },
    { response: { outcome: { outcome: 'selected', optionId: 'reject_always' } }, decision: 'denied_always' },
    { response: { outcome: { outcome: 'cancelled' } }, decision: 'denied', note: EDITOR_CANCELLED },
    { response: null, decision: 'denied', note: EDITOR_CANCELLED },
    { response: { outcome: { outcome: 'selected', optionId: 'allow_forever\u001b[2J' } }, decision: 'denied', note: /did not offer \(allow_forever␛\[2J\)/ },
  ];
  it.each(rows)('$response → $decision', ({ response, decision, note }) => {
    if (response) expectValidAcp('RequestPermissionResponse', response);
    const answer = answerOf(response);
    expect(answer.decision).toBe(decision);
    if (note === undefined) expect(answer.note).toBeUndefined();
    else if (typeof note === 'string') expect(answer.note).toBe(note);
    else expect(answer.note).toMatch(note);
  });
});
