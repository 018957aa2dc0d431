/**
 * Phase 3b, types: every type definition of the loaded files by kind and name,
 * with each type's derivation resolved (unknown parents and cycles reported
 * once, ADT3001/3004/3009), refinements that break inheritance (ADT3010), and the effective definitions a type inherits
 * (ResolvedType). Lookups accept TOSCA's short names for normative types
 * (`Compute`, `tosca:Compute` for `tosca.nodes.Compute`).
 */
import { suggest } from '../diagnostics/did-you-mean.js';
import type { DiagnosticSink } from '../diagnostics/sink.js';
import { TYPE_SECTIONS, type Ref, type ServiceTemplate, type TypeDef, type TypeKind } from '../model/entities.js';
import { isPrimitive } from './primitives.js';
import { ResolvedType } from './resolved-type.js';

const NORMATIVE_PREFIX: Record<TypeKind, string> = {
  node: 'tosca.nodes.',
  capability: 'tosca.capabilities.',
  relationship: 'tosca.relationships.',
  interface: 'tosca.interfaces.',
  data: 'tosca.datatypes.',
  artifact: 'tosca.artifacts.',
  policy: 'tosca.policies.',
  group: 'tosca.groups.',
};

export class TypeRegistry {
  private readonly defs = new Map<TypeKind, Map<string, TypeDef>>();
  private readonly resolved = new Map<TypeDef, ResolvedType>();
  private readonly resolving = new Set<TypeDef>();

  constructor(
    templates: readonly ServiceTemplate[],
    private readonly sink: DiagnosticSink,
    private readonly displayName: (uri: string) => string,
    /**
     * Set when the file being validated is a type library (no topology): a type
     * it names may legitimately come from a sibling file that the ADT imports too.
     */
    private readonly library = false,
  ) {
    for (const kind of Object.keys(TYPE_SECTIONS) as TypeKind[]) this.defs.set(kind, new Map());
    // Imports load before the importer's own definitions win: later templates in load
    // order are imports, so register them first and the entry file last.
    for (const t of [...templates].reverse()) {
      for (const [kind, defs] of t.types) {
        const into = this.defs.get(kind)!;
        for (const def of defs.values()) {
          const earlier = into.get(def.name);
          if (earlier && earlier.file !== def.file) {
            this.sink.report('ADT3008', def.nameSpan, { type: def.name, where: this.displayName(earlier.file.uri) }, {
              path: def.path,
              related: [{ span: earlier.nameSpan, message: `'${def.name}' is defined here too.` }],
            });
          }
          into.set(def.name, def);
        }
      }
    }
  }

  /** The definition named `name` (full or short form), without reporting. */
  find(kind: TypeKind, name: string): TypeDef | undefined {
    const defs = this.defs.get(kind)!;
    const direct = defs.get(name);
    if (direct) return direct;
    const bare = name.startsWith('tosca:') ? name.slice(6) : name;
    return defs.get(NORMATIVE_PREFIX[kind] + bare) ?? (name.startsWith('tosca:') ? defs.get(bare) : undefined);
  }

  /** Resolves a reference to a type of `kind`; reports ADT3001 (or ADT3009 for a type of another kind). */
  lookup(kind: TypeKind, ref: Ref, path: readonly (string | number)[], hint?: string, inImport = false): ResolvedType | undefined {
    const def = this.find(kind, ref.name);
    if (def) return this.resolve(def);
    for (const other of Object.keys(TYPE_SECTIONS) as TypeKind[]) {
      if (other !== kind && this.find(other, ref.name)) {
        this.sink.report('ADT3009', ref.span, { type: ref.name, actual: other, expected: kind }, { path });
        return undefined;
      }
    }
    const names = [...this.defs.get(kind)!.keys()];
    const { hint: suggestion, name: fixName, fixes } = suggest(ref.name, names, ref.span, hint ?? 'Import the file that defines it, or correct the name.');
    if (inImport) {
      const lowered = fixName ? `did you mean '${fixName}'?` : 'import the file that defines it, or correct the name.';
      this.sink.report('ADT3015', ref.span, { kind, type: ref.name, hint: lowered }, { path });
      return undefined;
    }
    if (this.library) {
      this.sink.report('ADT3014', ref.span, { kind, type: ref.name, hint: fixName ? suggestion : 'Import the file that defines it here to make this file self-contained.' }, { path });
      return undefined;
    }
    this.sink.report('ADT3001', ref.span, { kind, type: ref.name, hint: suggestion }, { path, fixes });
    return undefined;
  }

  /** Every definition resolved so far: after the topology checks, the ones the ADT uses and their ancestors. */
  resolvedDefinitions(): ReadonlySet<TypeDef> {
    return new Set(this.resolved.keys());
  }

  /** Reports properties that `def` redefines with a type not derived from the inherited one (ADT3010). */
  checkRefinements(def: TypeDef): void {
    const inherited = this.resolve(def).parent?.properties;
    if (!inherited) return;
    for (const p of def.properties.values()) {
      const before = inherited.get(p.name);
      if (!before?.type || !p.type || this.refines(p.type.name, before.type.name)) continue;
      this.sink.report('ADT3010', p.type.span, { name: p.name, type: p.type.name, parent: before.type.name }, {
        path: [...p.path, 'type'],
        related: [{ span: before.type.span, message: `'${p.name}' is defined as '${before.type.name}' here.` }],
      });
    }
  }

  private refines(child: string, parent: string): boolean {
    if (child === parent) return true;
    const def = this.find('data', child);
    // An unknown child type is reported on its own; do not add a second diagnostic.
    if (!def) return !isPrimitive(child);
    const resolved = this.resolve(def);
    return resolved.primitiveBase === parent || resolved.derivesFrom(this.find('data', parent)?.name ?? parent);
  }

  all(kind: TypeKind): IterableIterator<TypeDef> {
    return this.defs.get(kind)!.values();
  }

  /** The type with its derivation chain resolved and its inherited definitions merged. */
  resolve(def: TypeDef): ResolvedType {
    const done = this.resolved.get(def);
    if (done) return done;
    let parent: ResolvedType | undefined;
    let primitiveBase: string | undefined;
    const from = def.derivedFrom;
    if (from) {
      if (def.kind === 'data' && isPrimitive(from.name)) {
        primitiveBase = from.name;
      } else {
        const parentDef = this.find(def.kind, from.name);
        if (!parentDef) {
          this.lookup(def.kind, from, [...def.path, 'derived_from']);
        } else if (this.resolving.has(parentDef) || parentDef === def) {
          // Each type in the resolving stack derives from the next, and `def` from the first of the ring; the
          // message follows the ring from the type it names.
          const stack = [...this.resolving, def];
          const ring = stack.slice(Math.max(0, stack.indexOf(parentDef)));
          const cycle = [def, ...ring.slice(0, -1), def].map((d) => d.name).join(' → ');
          this.sink.report('ADT3004', from.span, { type: def.name, cycle }, { path: [...def.path, 'derived_from'] });
        } else {
          this.resolving.add(def);
          parent = this.resolve(parentDef);
          this.resolving.delete(def);
        }
      }
    }
    const result = new ResolvedType(def, parent, primitiveBase ?? parent?.primitiveBase);
    this.resolved.set(def, result);
    return result;
  }
}
