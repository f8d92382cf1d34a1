import { describe, expect, it } from 'vitest';
import { acpSchemaErrors, expectValidAcp } from '../support/acp-schema.ts';

// The helper itself: it must reject what the schema rejects, or every other test proves nothing.
describe('expectValidAcp', () => {
  const cases: { def: string; value: unknown; valid: boolean }[] = [
    { def: 'SessionNotification', value: { sessionId: 's', update: { sessionUpdate: 'agent_message_chunk', content: { type: 'text', text: 'hi' } } }, valid: true },
    { def: 'SessionNotification', value: { sessionId: 's', update: { sessionUpdate: 'agent_message_chunk', content: { type: 'text' } } }, valid: false },
    { def: 'SessionNotification', value: { sessionId: 's', update: { sessionUpdate: 'no_such_update' } }, valid: false },
    { def: 'SessionUpdate', value: { sessionUpdate: 'tool_call', toolCallId: 'i1', title: 't', kind: 'execute', status: 'in_progress' }, valid: true },
    { def: 'SessionUpdate', value: { sessionUpdate: 'tool_call', toolCallId: 'i1', title: 't', kind: 'shell' }, valid: false },
    { def: 'SessionUpdate', value: { sessionUpdate: 'usage_update', used: 10 }, valid: false },
    { def: 'SessionUpdate', value: { sessionUpdate: 'plan', entries: [{ content: 'x', priority: 'medium', status: 'pending' }] }, valid: true },
    { def: 'RequestPermissionRequest', value: { sessionId: 's', toolCall: { toolCallId: 'i1' }, options: [{ optionId: 'allow_once', name: 'Allow once', kind: 'allow_once' }] }, valid: true },
    { def: 'RequestPermissionRequest', value: { sessionId: 's', toolCall: { toolCallId: 'i1' }, options: [{ optionId: 'x', name: 'X', kind: 'maybe' }] }, valid: false },
  ];
  it.each(cases)('$def $valid: $value', ({ def, value, valid }) => {
    if (valid) expectValidAcp(def, value);
    else expect(acpSchemaErrors(def, value)).not.toEqual([]);
  });

  it('names an unknown definition', () => {
    expect(() => acpSchemaErrors('NoSuchThing', {})).toThrow(/no definition NoSuchThing/);
  });
});
