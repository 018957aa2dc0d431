/**
 * Checks a value against a property, attribute, input or field definition:
 * primitive types, data types (unknown and missing fields, recursively),
 * list and map entry schemas, and constraints, including those a data type
 * derived from a primitive inherits. Function calls are not type-checked
 * (quirk: functions-skip-type-check); function-calls.ts checks them.
 */
import { didYouMean } from '../diagnostics/did-you-mean.js';
import type { ObjectPath } from '../diagnostics/diagnostic.js';
import type { Constraint, SchemaDef } from '../model/entities.js';
import { isNull, type YNode } from '../read/yaml-tree.js';
import { isPrimitive } from '../resolve/primitives.js';
import type { CheckContext } from './check-context.js';
import { checkConstraints } from './constraints.js';
import { describeValue } from './describe-value.js';
import { asFunctionCall } from '../model/functions.js';
import { checkPrimitive } from './primitive-values.js';

export interface ValueSpec {
  readonly type: string | undefined;
  readonly entrySchema: SchemaDef | undefined;
  readonly keySchema: SchemaDef | undefined;
  readonly constraints: readonly Constraint[];
}

/** Data values nest; past this depth (only reachable through shared YAML aliases) checking stops. */
const MAX_DEPTH = 64;

export function checkValue(ctx: CheckContext, value: YNode, spec: ValueSpec, what: string, path: ObjectPath, depth = 0): void {
  if (depth > MAX_DEPTH || spec.type === undefined) return;
  if (asFunctionCall(value) || isNull(value)) return;
  if (value.kind === 'scalar' && value.unreadable) return;
  if (value.kind === 'scalar' && typeof value.value === 'string' && /^\s*\{\{\s*get_input\s*:/.test(value.value)) return;
  const type = spec.type;
  if (isPrimitive(type)) {
    const comparable = checkPrimitive(ctx.sink, value, type, what, path);
    if (comparable === undefined && type !== 'any' && type !== 'null') return;
    checkConstraints(ctx.sink, value, comparable, type, spec.constraints, what, path);
    if (type === 'list' && value.kind === 'seq' && spec.entrySchema) {
      value.items.forEach((item, i) => checkValue(ctx, item, schemaSpec(spec.entrySchema!), `Entry ${i + 1} of ${lower(what)}`, [...path, i], depth + 1));
    }
    if (type === 'map' && value.kind === 'map') {
      for (const p of value.pairs) {
        if (spec.entrySchema) checkValue(ctx, p.value, schemaSpec(spec.entrySchema), `Entry '${p.name}' of ${lower(what)}`, [...path, p.name], depth + 1);
        if (spec.keySchema) checkValue(ctx, p.key, schemaSpec(spec.keySchema), `Key '${p.name}' of ${lower(what)}`, [...path, p.name], depth + 1);
      }
    }
    return;
  }
  const dataDef = ctx.types.find('data', type);
  if (!dataDef) return; // An unknown type is reported once, at the definition that names it.
  const data = ctx.types.resolve(dataDef);
  if (data.primitiveBase) {
    const inherited = data.chain.flatMap((t) => t.def.constraints);
    const entrySchema = spec.entrySchema ?? data.chain.find((t) => t.def.entrySchema)?.def.entrySchema;
    checkValue(ctx, value, { type: data.primitiveBase, entrySchema, keySchema: spec.keySchema, constraints: [...inherited, ...spec.constraints] }, what, path, depth + 1);
    return;
  }
  if (value.kind !== 'map') {
    ctx.sink.report('ADT4003', value.span, { what, expected: `a mapping of data type '${type}'`, actual: describeValue(value), hint: 'Write the value as a mapping of its fields.' }, { path });
    return;
  }
  const fields = data.properties;
  for (const p of value.pairs) {
    const field = fields.get(p.name);
    if (!field) {
      const hint = didYouMean(p.name, fields.keys(), fields.size ? `Its fields are ${[...fields.keys()].join(', ')}.` : 'It has no fields.');
      ctx.sink.report('ADT4005', p.key.span, { field: p.name, type, hint }, { path: [...path, p.name] });
      continue;
    }
    checkValue(ctx, p.value, specOf(field), `Field '${p.name}'`, [...path, p.name], depth + 1);
  }
  // forEach rather than entries(): this runs for every data-typed value on every keystroke, and needs no [name, field] arrays.
  fields.forEach((field, name) => {
    if (field.required && field.default === undefined && !value.has(name)) {
      ctx.sink.report('ADT4006', value.span, { type, field: name }, { path, related: [{ span: field.nameSpan, message: `'${name}' is defined here.` }] });
    }
  });
  checkConstraints(ctx.sink, value, undefined, type, spec.constraints, what, path);
}

export function specOf(def: { readonly type: { readonly name: string } | undefined; readonly entrySchema: SchemaDef | undefined; readonly keySchema: SchemaDef | undefined; readonly constraints: readonly Constraint[] }): ValueSpec {
  return { type: def.type?.name, entrySchema: def.entrySchema, keySchema: def.keySchema, constraints: def.constraints };
}

function schemaSpec(s: SchemaDef): ValueSpec {
  return { type: s.type?.name, entrySchema: s.entrySchema, keySchema: s.keySchema, constraints: s.constraints };
}

function lower(what: string): string {
  return what.charAt(0).toLowerCase() + what.slice(1);
}
