// The `openai` SDK is loaded on the first model request, not at startup: the TUI draws its first
// frame, and `exec` makes its run and copy, without paying for the SDK's ~1 MB of code.
import type * as OpenAISdk from 'openai';

export type OpenAIModule = typeof OpenAISdk;

let loading: Promise<OpenAIModule> | null = null;

export function loadSdk(): Promise<OpenAIModule> {
  loading ??= import('openai');
  return loading;
}
