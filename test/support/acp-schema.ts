// Checks a value against one definition of the ACP v1 JSON schema shipped with the pinned SDK
// (node_modules/@agentclientprotocol/sdk/schema/v1/schema.json). The SDK validates what it receives,
// never what it sends, so the tests validate everything hew sends.
//
//   expectValidAcp('SessionNotification', params);
//   acpSchemaErrors('RequestPermissionRequest', params);   // null when valid, else the errors in one line
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv';
import { expect } from 'vitest';

const SCHEMA_ID = 'acp-v1';
let ajv: Ajv2020 | undefined;
const compiled = new Map<string, ValidateFunction>();

function validator(defName: string): ValidateFunction {
  let validate = compiled.get(defName);
  if (validate) return validate;
  if (!ajv) {
    const file = createRequire(import.meta.url).resolve('@agentclientprotocol/sdk/schema/v1/schema.json');
    ajv = new Ajv2020({ strict: false, allErrors: true, logger: false });
    ajv.addSchema(JSON.parse(readFileSync(file, 'utf8')) as object, SCHEMA_ID);
  }
  validate = ajv.getSchema(`${SCHEMA_ID}#/$defs/${defName}`);
  if (!validate) throw new Error(`acp-schema: no definition "${defName}" in the ACP v1 schema`);
  compiled.set(defName, validate);
  return validate;
}

/** Null when `value` matches the schema's `defName`, else its errors in one line. */
export function acpSchemaErrors(defName: string, value: unknown): string | null {
  const validate = validator(defName);
  if (validate(value)) return null;
  return (validate.errors ?? []).slice(0, 5).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`).join('; ');
}

/** Fails the test unless `value` matches the ACP v1 schema's definition `defName`. */
export function expectValidAcp(defName: string, value: unknown): void {
  const errors = acpSchemaErrors(defName, value);
  expect(errors, `${defName}: ${JSON.stringify(value).slice(0, 500)}`).toBeNull();
}
