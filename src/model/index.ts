// The model package's public face: the client factory and the seam types.
export { createModelClient } from './client.ts';
export type { ModelClientOptions } from './client.ts';
export type { RetryOptions } from './retry.ts';
export { ModelError } from './types.ts';
export type { ConversationItem, ModelClient, ModelDelta, ModelErrorKind, ModelRequest, ToolCall, ToolSpec } from './types.ts';
