// Reading what hew sent the scripted model server: the tool results each request carries back
// (Responses wire: `function_call_output` items of the request's `input`).
import type { RecordedRequest } from './model-server.ts';

interface InputItem {
  type: string;
  output?: string;
}

/** Every tool result in one request's input, oldest first. */
export function outputsIn(req: RecordedRequest | undefined): string[] {
  const input = (req?.body?.input ?? []) as InputItem[];
  return input.filter((i) => i.type === 'function_call_output').map((i) => i.output ?? '');
}

/** The newest tool result a request carries: what the model got back for its last call ('' if none). */
export function toolOutput(req: RecordedRequest | undefined): string {
  return outputsIn(req).at(-1) ?? '';
}

/** What each step of a run gave back, in order: the newest tool result of every request after the first. */
export function toolOutputs(requests: RecordedRequest[]): string[] {
  return requests.slice(1).map(toolOutput);
}
