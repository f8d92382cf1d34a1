// `exec --output-schema FILE`: the final answer must be one JSON value matching a JSON schema.
// The schema is loaded and compiled once (ajv); the provider is asked for it on every request
// (see model/response-format.ts); the final answer is validated, and a failing one gets exactly one
// follow-up message asking for a corrected answer before the run fails.
import { basename, extname } from 'node:path';
import { describeReason, readBounded, UnreadableFileError } from '../fs/read-bounded.ts';
import type * as AjvModule from 'ajv';
import type { ErrorObject, Options, ValidateFunction } from 'ajv';
import type * as Ajv2020Module from 'ajv/dist/2020.js';
import type { ResponseFormat } from '../model/response-format.ts';
import type { JsonSchema } from '../model/types.ts';
import type { TurnOutcome } from './run-turn.ts';

/** The schema file cannot be used (exit 2); the message names the file. */
export class OutputSchemaError extends Error {
  constructor(file: string, message: string) {
    super(`--output-schema ${file}: ${message}`);
    this.name = 'OutputSchemaError';
  }
}

export interface OutputSchema {
  file: string;
  format: ResponseFormat;
  /** Null when the value matches; otherwise the validation errors in one line. */
  validate(value: unknown): string | null;
}

/** The largest schema file read. */
const SCHEMA_MAX_BYTES = 4 * 1024 * 1024;

/** Reads and compiles the schema file; an OutputSchemaError when it cannot be used. ajv loads only here. */
export async function loadOutputSchema(file: string): Promise<OutputSchema> {
  let text: string;
  try {
    // The user's file, anywhere; but a FIFO or a device is never read, nor more than the cap.
    text = readBounded(file, { maxBytes: SCHEMA_MAX_BYTES, overLimit: 'refuse' }).bytes.toString('utf8');
  } catch (err) {
    if (!(err instanceof UnreadableFileError)) throw err;
    throw new OutputSchemaError(file, `cannot read the schema file: it ${describeReason(err.reason)}`);
  }
  let schema: unknown;
  try {
    schema = JSON.parse(text);
  } catch (err) {
    throw new OutputSchemaError(file, `not valid JSON: ${(err as Error).message}`);
  }
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) {
    throw new OutputSchemaError(file, 'a JSON schema must be a JSON object');
  }
  const validate = await compile(file, schema as JsonSchema);
  return { file, format: { name: schemaName(file), schema: schema as JsonSchema, strict: true }, validate };
}

async function compile(file: string, schema: JsonSchema): Promise<(value: unknown) => string | null> {
  const draft = typeof schema.$schema === 'string' ? schema.$schema : '';
  const options: Options = { strict: false, allErrors: true, logger: false };
  // CommonJS modules: the class is a named export natively, and a property of `default` when bundled.
  type Mod<T> = T & { default?: T };
  let ajv;
  if (/2020-12/.test(draft)) {
    const mod = (await import('ajv/dist/2020.js')) as Mod<typeof Ajv2020Module>;
    ajv = new (mod.Ajv2020 ?? mod.default!.Ajv2020)(options);
  } else {
    const mod = (await import('ajv')) as Mod<typeof AjvModule>;
    ajv = new (mod.Ajv ?? mod.default!.Ajv)(options);
  }
  let validate: ValidateFunction;
  try {
    validate = ajv.compile(schema);
  } catch (err) {
    throw new OutputSchemaError(file, `not a valid JSON schema: ${(err as Error).message}`);
  }
  return (value) => (validate(value) ? null : describeErrors(validate.errors ?? []));
}

function describeErrors(errors: ErrorObject[]): string {
  if (errors.length === 0) return 'the value does not match the schema';
  return errors
    .slice(0, 5)
    .map((e) => `${e.instancePath || '(root)'} ${e.message ?? 'is invalid'}${e.keyword === 'additionalProperties' ? ` (${String((e.params as { additionalProperty?: string }).additionalProperty)})` : ''}`)
    .join('; ');
}

/** The schema's name on the wire: from the file name, as providers allow names. */
function schemaName(file: string): string {
  const name = basename(file, extname(file)).replace(/\.schema$/, '').replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 64);
  return name || 'output';
}

export type AnswerCheck = { ok: true; json: string } | { ok: false; error: string };

/** Parses and validates a final answer; a lone ```json fence around it is tolerated and removed. */
export function checkFinalAnswer(text: string, schema: OutputSchema): AnswerCheck {
  const trimmed = text.trim();
  const fenced = /^```[A-Za-z]*\s*\n([\s\S]*?)\n?```$/.exec(trimmed);
  const json = (fenced ? fenced[1]! : trimmed).trim();
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (err) {
    return { ok: false, error: `the final answer is not valid JSON (${(err as Error).message})` };
  }
  const problem = schema.validate(value);
  return problem === null ? { ok: true, json } : { ok: false, error: `the final answer does not match the schema: ${problem}` };
}

export function retryMessage(schema: OutputSchema, error: string): string {
  return `Your final answer must be a single JSON value matching this schema, with no other text:\n${JSON.stringify(schema.format.schema)}\nThe error was: ${error}`;
}

export interface SchemaTurns {
  /** Runs one more turn with this user message. */
  turn(prompt: string): Promise<TurnOutcome>;
  /** Reports a failed check on the event stream. */
  report(message: string, willRetry: boolean): void;
}

/**
 * Holds a completed outcome to the schema: a valid answer becomes the final message (its JSON text);
 * an invalid one is retried once with a follow-up message; a second failure fails the run.
 */
export async function enforceOutputSchema(outcome: TurnOutcome, schema: OutputSchema, turns: SchemaTurns): Promise<TurnOutcome> {
  if (outcome.status !== 'completed') return outcome;
  const first = checkFinalAnswer(outcome.finalMessage, schema);
  if (first.ok) return { status: 'completed', finalMessage: first.json };
  turns.report(`${first.error}; asking the model once more`, true);
  const retried = await turns.turn(retryMessage(schema, first.error));
  if (retried.status !== 'completed') return retried;
  const second = checkFinalAnswer(retried.finalMessage, schema);
  if (second.ok) return { status: 'completed', finalMessage: second.json };
  const message = `--output-schema ${schema.file}: ${second.error}`;
  turns.report(message, false);
  return { status: 'failed', error: new Error(message) };
}
