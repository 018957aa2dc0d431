/**
 * Type definitions written in the ADT and in its local imports, whether or not
 * a template uses them (tosca-parser skips unused ones; adtc does not):
 * the types they name exist, defaults fit their property types, and
 * redefinitions refine what they inherit.
 */
import type { ObjectPath } from '../diagnostics/diagnostic.js';
import type { PropertyDef, Ref, SchemaDef, ServiceTemplate, TypeDef, TypeKind } from '../model/entities.js';
import { isPrimitive } from '../resolve/primitives.js';
import type { CheckContext } from './check-context.js';
import { checkValue, specOf } from './values.js';

/**
 * `only` limits the check to some definitions (those of imported files that the
 * ADT uses); their unknown type names are then warnings, since tosca-parser
 * only fails on them once a template gives a value that needs them.
 */
export function checkDefinitions(ctx: CheckContext, templates: readonly ServiceTemplate[], only?: ReadonlySet<TypeDef>): void {
  const c: DefinitionContext = { ...ctx, inImport: only !== undefined };
  for (const t of templates) {
    for (const defs of t.types.values()) {
      for (const def of defs.values()) {
        if (ctx.token.isCancellationRequested) return;
        if (!only || only.has(def)) checkTypeDef(c, def);
      }
    }
  }
}

interface DefinitionContext extends CheckContext {
  readonly inImport: boolean;
}

function lookup(ctx: DefinitionContext, kind: TypeKind, ref: Ref, path: ObjectPath, hint?: string): void {
  ctx.types.lookup(kind, ref, path, hint, ctx.inImport);
}

function checkTypeDef(ctx: DefinitionContext, def: TypeDef): void {
  ctx.types.checkRefinements(def);
  for (const p of def.properties.values()) checkPropertyDef(ctx, p);
  for (const a of def.attributes.values()) checkPropertyDef(ctx, a);
  for (const r of def.requirements) {
    if (r.capability) lookupEither(ctx, r.capability, [...r.path, 'capability']);
    if (r.nodeType) lookup(ctx, 'node', r.nodeType, [...r.path, 'node']);
    if (r.relationship) lookup(ctx, 'relationship', r.relationship, [...r.path, 'relationship']);
  }
  for (const c of def.capabilities.values()) {
    if (c.type) lookup(ctx, 'capability', c.type, [...c.path, 'type']);
    for (const p of c.properties.values()) checkPropertyDef(ctx, p);
    for (const s of c.validSourceTypes) lookup(ctx, 'node', s, [...c.path, 'valid_source_types']);
  }
  for (const i of def.interfaces.values()) if (i.type) lookup(ctx, 'interface', i.type, [...i.path, 'type']);
  for (const a of def.artifacts.values()) if (a.type) lookup(ctx, 'artifact', a.type, [...a.path, 'type']);
  for (const s of def.validSourceTypes) lookup(ctx, 'node', s, [...def.path, 'valid_source_types']);
  for (const s of def.validTargetTypes) lookupEither(ctx, s, [...def.path, 'valid_target_types']);
  for (const s of [...def.targets, ...def.members]) {
    if (!ctx.types.find('node', s.name) && !ctx.types.find('group', s.name)) lookup(ctx, 'node', s, [...def.path, def.kind === 'policy' ? 'targets' : 'members']);
  }
}

/** A requirement's `capability` may name a capability type or (TOSCA 1.2+) a capability definition name. */
function lookupEither(ctx: DefinitionContext, ref: Ref, path: ObjectPath): void {
  if (ctx.types.find('capability', ref.name)) return;
  lookup(ctx, 'capability', ref, path);
}

export function checkPropertyDef(ctx: DefinitionContext, p: PropertyDef): void {
  if (p.type) checkTypeName(ctx, p.type, [...p.path, 'type']);
  checkSchema(ctx, p.entrySchema);
  checkSchema(ctx, p.keySchema);
  if (p.default !== undefined && p.type) checkValue(ctx, p.default, specOf(p), `The default of '${p.name}'`, [...p.path, 'default']);
}

function checkSchema(ctx: DefinitionContext, s: SchemaDef | undefined): void {
  if (!s) return;
  if (s.type) checkTypeName(ctx, s.type, []);
  checkSchema(ctx, s.entrySchema);
  checkSchema(ctx, s.keySchema);
}

function checkTypeName(ctx: DefinitionContext, ref: Ref, path: ObjectPath): void {
  if (isPrimitive(ref.name)) return;
  lookup(ctx, 'data', ref, path, 'Use a TOSCA primitive type (string, integer, float, boolean, list, map, …) or define the data type.');
}

