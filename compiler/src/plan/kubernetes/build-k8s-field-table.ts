/**
 * Writes dist/k8s-field-table.json: the field lists (attributeTypeMap) of @kubernetes/client-node's
 * models for exactly the types the unknown-field check can reach from the kinds adtc has schemas
 * for. Run by `npm run build`; a kind whose model is missing fails the build.
 */
import { writeFileSync } from 'node:fs';
import * as models from '@kubernetes/client-node/dist/gen/models/all.js';
import { fieldTablePath } from '../k8s-field-table.js';
import { elementType, KINDS, modelClassName } from './k8s-schemas.js';

type AttributeMap = readonly { readonly baseName: string; readonly type: string }[];
const registry = models as unknown as Record<string, { attributeTypeMap?: AttributeMap } | undefined>;

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
writeFileSync(fieldTablePath, JSON.stringify(table));
