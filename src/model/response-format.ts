// Structured output (`exec --output-schema`): a JSON schema the provider is asked to hold the answer
// to. It rides on the request as an optional field that a wrapping client adds, so the provider-neutral
// ModelRequest stays as it is; each wire adapter translates it (Responses `text.format`, Chat
// `response_format`).
import type { JsonSchema, ModelClient, ModelRequest } from './types.ts';

export interface ResponseFormat {
  /** Sent as the schema's name: letters, digits, `_` and `-`, at most 64 characters. */
  name: string;
  schema: JsonSchema;
  strict: boolean;
}

export interface FormattedRequest extends ModelRequest {
  responseFormat?: ResponseFormat;
}

export function responseFormatOf(req: ModelRequest): ResponseFormat | undefined {
  return (req as FormattedRequest).responseFormat;
}

/**
 * The same client, asking for `format` on every agent step (tools keep working alongside it).
 * Requests without tools — conversation summaries when compacting — are sent as they are: a summary
 * held to the answer's schema would be useless.
 */
export function withResponseFormat(client: ModelClient, format: ResponseFormat): ModelClient {
  return {
    provider: client.provider,
    model: client.model,
    ...(client.refusal ? { refusal: client.refusal } : {}),
    stream: (req, signal) => client.stream(req.tools.length > 0 ? ({ ...req, responseFormat: format } as FormattedRequest) : req, signal),
  };
}
