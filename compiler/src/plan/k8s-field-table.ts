/**
 * The field lists of the Kubernetes models that the strict unknown-field check walks
 * (dist/k8s-field-table.json, written by plan/kubernetes/build-k8s-field-table.ts at build time from
 * @kubernetes/client-node's generated models). Reading a small JSON table instead of importing the
 * client's model bundle keeps the plan phase, and with it `adtc validate`, fast to start.
 * This module sits at the depth of the bundled CLI (dist/compiler/src/cli), so the URL below
 * resolves to dist/ both unbundled and bundled.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Model class name (V1Pod) → field name → the field's type as client-node writes it (Array<V1Container>). */
export type FieldTable = Readonly<Record<string, Readonly<Record<string, string>>>>;

export const fieldTablePath = fileURLToPath(new URL('../../../k8s-field-table.json', import.meta.url));

let table: FieldTable | undefined;

/** The table, read once on first use. */
export function fieldTable(): FieldTable {
  table ??= JSON.parse(readFileSync(fieldTablePath, 'utf8')) as FieldTable;
  return table;
}
