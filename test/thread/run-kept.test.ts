import { describe, expect, it } from 'vitest';
import { ModelError } from '../../src/model/types.ts';
import { isModelFailure, removalReason, type RunFacts } from '../../src/thread/run-kept.ts';

const fresh: RunFacts = { resumed: false, copyFailed: false, prompts: 1, responses: 0, modelFailed: false };

describe('removalReason', () => {
  it.each<[string, Partial<RunFacts>, string | null]>([
    ['the first request failed (no key, 401, unknown model, server down)', { modelFailed: true }, 'model_unanswered'],
    ['the model answered once, then a request failed', { modelFailed: true, responses: 1 }, null],
    ['the model answered', { responses: 3 }, null],
    ['never got a prompt (TUI opened and quit)', { prompts: 0 }, 'no_prompt'],
    ['interrupted or setup failed before any answer: kept', {}, null],
    ['the copy could not be made', { copyFailed: true }, 'copy_failed'],
    ['the copy could not be made, even after answers', { copyFailed: true, responses: 2 }, 'copy_failed'],
    ['resumed, then the request failed', { resumed: true, modelFailed: true }, null],
    ['resumed, no prompt', { resumed: true, prompts: 0 }, null],
    ['resumed, copy failed', { resumed: true, copyFailed: true }, null],
  ])('%s', (_name, over, reason) => {
    expect(removalReason({ ...fresh, ...over })).toBe(reason);
  });
});

describe('isModelFailure', () => {
  it.each<[string, Error, boolean]>([
    ['refused key', new ModelError('auth', 'x', 401), true],
    ['unknown model', new ModelError('model_not_found', 'x', 404), true],
    ['retries ran out', new ModelError('unavailable', 'x'), true],
    ['aborted', new ModelError('aborted', 'x'), false],
    ['setup failed', new Error('setup `npm ci` exited 1'), false],
  ])('%s', (_name, error, expected) => {
    expect(isModelFailure(error)).toBe(expected);
  });
});
