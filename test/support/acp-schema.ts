// Validates what hew sends over ACP against the SDK's own JSON schema (stable v1): the SDK validates
// what it receives, not what it sends, so the tests check every update, request and answer hew
// produces. One compiled validator per definition name, shared by unit and end-to-end tests.
import { readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { expect } from 'vitest';

// The package's exports do not list its schema folder: read it from the installed package.
const SCHEMA_FILE = new URL('../../node_modules/@agentclientprotocol/sdk/schema/v1/schema.json', import.meta.url);
const SCHEMA_ID = 'acp-v1';

let ajv: Ajv2020 | undefined;
const compiled = new Map<string, ValidateFunction>();

function validatorFor(defName: string): ValidateFunction {
  let validate = compiled.get(defName);
  if (validate) return validate;
  if (!ajv) {
    const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as { $defs: Record<string, unknown> };
    // strict off: the schema carries the generator's own keywords (x-deserialize-default-on-error, …).
    ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
    ajv.addSchema({ ...schema, $id: SCHEMA_ID });
    if (!Object.hasOwn(schema.$defs, 'SessionNotification')) throw new Error('the ACP schema has no $defs (SDK layout changed?)');
  }
  validate = ajv.getSchema(`${SCHEMA_ID}#/$defs/${defName}`);
  if (!validate) throw new Error(`no definition ${defName} in the ACP schema`);
  compiled.set(defName, validate);
  return validate;
}

/** The schema's complaints about `value` as the definition `defName` (e.g. 'SessionNotification'), or [] when it is valid. */
export function acpSchemaErrors(defName: string, value: unknown): string[] {
  const validate = validatorFor(defName);
  if (validate(value)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}

/** Fails the test when `value` is not a valid `defName` of the ACP v1 schema (e.g. 'SessionUpdate', 'RequestPermissionRequest'). */
export function expectValidAcp(defName: string, value: unknown): void {
  expect(acpSchemaErrors(defName, value), `${defName}: ${JSON.stringify(value).slice(0, 500)}`).toEqual([]);
}
