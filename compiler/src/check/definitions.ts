/**
 * Type definitions written in the ADT and in its local imports, whether or not
 * a template uses them (tosca-parser skips unused ones; adtc does not):
 * the types they name exist, defaults fit their property types, and
 * redefinitions refine what they inherit.
 */
import type { ObjectPath } from '../diagnostics/diagnostic.js';
import type { PropertyDef, Ref, SchemaDef, ServiceTemplate, TypeDef } from '../model/entities.js';
import { isPrimitive } from '../resolve/primitives.js';
import type { CheckContext } from './check-context.js';
import { checkValue, specOf } from './values.js';

export function checkDefinitions(ctx: CheckContext, templates: readonly ServiceTemplate[]): void {
  for (const t of templates) {
    for (const defs of t.types.values()) {
      for (const def of defs.values()) {
        if (ctx.token.isCancellationRequested) return;
        checkTypeDef(ctx, def);
      }
    }
  }
}

function checkTypeDef(ctx: CheckContext, def: TypeDef): void {
  ctx.types.checkRefinements(def);
  for (const p of def.properties.values()) checkPropertyDef(ctx, p);
  for (const a of def.attributes.values()) checkPropertyDef(ctx, a);
  for (const r of def.requirements) {
    if (r.capability) lookupEither(ctx, r.capability, [...r.path, 'capability']);
    if (r.nodeType) ctx.types.lookup('node', r.nodeType, [...r.path, 'node']);
    if (r.relationship) ctx.types.lookup('relationship', r.relationship, [...r.path, 'relationship']);
  }
  for (const c of def.capabilities.values()) {
    if (c.type) ctx.types.lookup('capability', c.type, [...c.path, 'type']);
    for (const p of c.properties.values()) checkPropertyDef(ctx, p);
    for (const s of c.validSourceTypes) ctx.types.lookup('node', s, [...c.path, 'valid_source_types']);
  }
  for (const i of def.interfaces.values()) if (i.type) ctx.types.lookup('interface', i.type, [...i.path, 'type']);
  for (const a of def.artifacts.values()) if (a.type) ctx.types.lookup('artifact', a.type, [...a.path, 'type']);
  for (const s of def.validSourceTypes) ctx.types.lookup('node', s, [...def.path, 'valid_source_types']);
  for (const s of def.validTargetTypes) lookupEither(ctx, s, [...def.path, 'valid_target_types']);
  for (const s of [...def.targets, ...def.members]) {
    if (!ctx.types.find('node', s.name) && !ctx.types.find('group', s.name)) ctx.types.lookup('node', s, [...def.path, def.kind === 'policy' ? 'targets' : 'members']);
  }
}

/** A requirement's `capability` may name a capability type or (TOSCA 1.2+) a capability definition name. */
function lookupEither(ctx: CheckContext, ref: Ref, path: ObjectPath): void {
  if (ctx.types.find('capability', ref.name)) return;
  ctx.types.lookup('capability', ref, path);
}

export function checkPropertyDef(ctx: CheckContext, p: PropertyDef): void {
  if (p.type) checkTypeName(ctx, p.type, [...p.path, 'type']);
  checkSchema(ctx, p.entrySchema);
  checkSchema(ctx, p.keySchema);
  if (p.default !== undefined && p.type) checkValue(ctx, p.default, specOf(p), `The default of '${p.name}'`, [...p.path, 'default']);
}

function checkSchema(ctx: CheckContext, s: SchemaDef | undefined): void {
  if (!s) return;
  if (s.type) checkTypeName(ctx, s.type, []);
  checkSchema(ctx, s.entrySchema);
  checkSchema(ctx, s.keySchema);
}

function checkTypeName(ctx: CheckContext, ref: Ref, path: ObjectPath): void {
  if (isPrimitive(ref.name)) return;
  ctx.types.lookup('data', ref, path, 'Use a TOSCA primitive type (string, integer, float, boolean, list, map, …) or define the data type.');
}

