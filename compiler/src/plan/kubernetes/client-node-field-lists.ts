/**
 * The field lists (attributeTypeMap) of @kubernetes/client-node's models, for exactly the model
 * types the unknown-field check can reach from the kinds adtc has schemas for. Used at build time
 * only (build-k8s-field-table.ts): at run time the check reads the table written from it.
 */
import * as models from '@kubernetes/client-node/dist/gen/models/all.js';
import type { FieldTable } from '../k8s-field-table.js';
import { elementType, KINDS, modelClassName } from './k8s-schemas.js';

type AttributeMap = readonly { readonly baseName: string; readonly type: string }[];
const registry = models as unknown as Record<string, { attributeTypeMap?: AttributeMap } | undefined>;

/** Model class name → field name → field type; throws when a checked kind has no model. */
export function clientNodeFieldLists(): FieldTable {
  const table: Record<string, Record<string, string>> = {};
  const pending = KINDS.map((k) => modelClassName(k.apiVersion, k.kind));
  for (const root of pending) if (!registry[root]?.attributeTypeMap) throw new Error(`@kubernetes/client-node has no model ${root}`);
  while (pending.length > 0) {
    const type = elementType(pending.pop()!);
    const fields = registry[type]?.attributeTypeMap;
    if (!fields || table[type]) continue;
    table[type] = Object.fromEntries(fields.map((f) => [f.baseName, f.type]));
    pending.push(...fields.map((f) => f.type));
  }
  return table;
}
