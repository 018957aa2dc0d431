/**
 * Property assignments of a template, policy, capability or relationship
 * against the merged definitions of its type (TOSCA 3.6.13): unknown names,
 * values, and required properties that are missing and have no default
 * anywhere in the type hierarchy (defaults are materialised, micado-reference 1.4).
 */
import { suggest } from '../diagnostics/did-you-mean.js';
import type { Fix, ObjectPath } from '../diagnostics/diagnostic.js';
import type { PropertyDef } from '../model/entities.js';
import type { YMap, YNode } from '../read/yaml-tree.js';
import type { Span } from '../source/span.js';
import type { CheckContext } from './check-context.js';
import { checkValue, specOf } from './values.js';

export interface PropertyOwner {
  /** For messages: "Node template 'web'". */
  readonly entity: string;
  /** For messages: 'node', 'policy', 'capability', 'relationship'. */
  readonly kind: string;
  readonly typeName: string;
  /** Where a missing property is reported (the template's name). */
  readonly anchor: Span;
  /** The template's mapping, where a fix inserts the missing properties. */
  readonly templateNode: YNode;
}

export function checkProperties(ctx: CheckContext, owner: PropertyOwner, assigned: YMap | undefined, defs: ReadonlyMap<string, PropertyDef>, path: ObjectPath): void {
  // A misspelt name is one mistake: the property it was meant to be is not reported missing as well.
  const meant = new Set<string>();
  for (const p of assigned?.pairs ?? []) {
    const def = defs.get(p.name);
    if (!def) {
      const { hint, name, fixes: fix } = suggest(p.name, defs.keys(), p.key.span, defs.size ? 'Remove it, or use one of the properties the type defines.' : 'The type defines no properties; remove it.');
      if (name !== undefined) meant.add(name);
      ctx.sink.report('ADT4001', p.key.span, { property: p.name, kind: owner.kind, type: owner.typeName, hint }, { path: [...path, p.name], fixes: fix });
      continue;
    }
    checkValue(ctx, p.value, specOf(def), `Property '${p.name}'`, [...path, p.name]);
  }
  const missing: PropertyDef[] = [];
  for (const d of defs.values()) if (d.required && d.default === undefined && !assigned?.has(d.name) && d.status !== 'unsupported' && !meant.has(d.name)) missing.push(d);
  for (const def of missing) {
    ctx.sink.report('ADT4002', owner.anchor, { entity: owner.entity, property: def.name }, {
      path,
      related: [{ span: def.nameSpan, message: `'${def.name}' is defined as required here.` }],
      fixes: insertPropertiesFix(ctx, owner.templateNode, assigned, missing.map((d) => d.name)),
    });
  }
}

/** A fix that adds `name: ` lines for missing properties to a block mapping, creating `properties:` when needed. */
function insertPropertiesFix(ctx: CheckContext, template: YNode, assigned: YMap | undefined, names: readonly string[]): Fix[] {
  if (template.kind !== 'map' || template.pairs.length === 0) return [];
  const text = ctx.adt.file.text;
  const uri = template.span.uri;
  if (uri !== ctx.adt.file.uri) return [];
  const indentAt = (offset: number) => {
    const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
    return offset - lineStart;
  };
  const title = `Add the missing propert${names.length === 1 ? 'y' : 'ies'} ${names.map((n) => `'${n}'`).join(', ')}`;
  if (assigned && assigned.pairs.length > 0) {
    const first = assigned.pairs[0]!.key.span.start;
    if (text.lastIndexOf('\n', first - 1) + 1 + indentAt(first) !== first || text[first - 1] === '{') return [];
    const last = assigned.pairs[assigned.pairs.length - 1]!;
    const end = lineEndAfter(text, last.value.span.end);
    const pad = ' '.repeat(indentAt(first));
    return [{ title, edits: [{ span: { uri, start: end, end }, newText: names.map((n) => `\n${pad}${n}: `).join('') }] }];
  }
  if (assigned) return [];
  const firstKey = template.pairs[0]!.key.span.start;
  const pad = ' '.repeat(indentAt(firstKey));
  const lastPair = template.pairs[template.pairs.length - 1]!;
  const end = lineEndAfter(text, lastPair.value.span.end);
  return [{ title, edits: [{ span: { uri, start: end, end }, newText: `\n${pad}properties:` + names.map((n) => `\n${pad}  ${n}: `).join('') }] }];
}

function lineEndAfter(text: string, offset: number): number {
  const back = offset > 0 && text[offset - 1] === '\n' ? offset - 1 : offset;
  const nl = text.indexOf('\n', back);
  return nl < 0 ? text.length : nl;
}
