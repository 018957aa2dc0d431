/**
 * Cloud credentials written into a Terraform node set's properties or create inputs (a Nova `password`, an
 * Azure `admin_password`, an `access_key`…) never reach the plan: each becomes a sensitive Terraform variable
 * named `<set>_<property>`, which deploy gives Terraform from the environment as `TF_VAR_<set>_<property>`, the
 * way Terraform itself takes secrets. plan.json and node-set.json keep a reference in their place.
 */
import type { Json, JsonObject } from '../json.js';
import { isObject, SecretValue } from '../json.js';

const CREDENTIAL = /(?:^|_)(?:password|passwd|secret|token|access_key|secret_key|private_key|credential)s?$/i;

/** The Terraform variable (and environment name, after TF_VAR_) of a node set's credential. */
export function credentialVariable(set: string, property: string): string {
  return `${set}_${property}`.replace(/[^A-Za-z0-9_]/g, '_');
}

/** The properties with every credential (at any depth, a string value under a credential's name) made a reference. */
export function withoutCredentials(set: string, properties: JsonObject, found: (property: string, variable: string) => void): JsonObject {
  const visit = (value: Json, key: string): Json => {
    if (typeof value === 'string' && CREDENTIAL.test(key)) {
      const variable = credentialVariable(set, key);
      found(key, variable);
      return new SecretValue(variable, '');
    }
    if (Array.isArray(value)) return value.map((v) => visit(v, key));
    if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, visit(v, k)]));
    return value;
  };
  return visit(properties, '') as JsonObject;
}
