/**
 * Phase 3b, types: every type definition of the loaded files by kind and name,
 * with each type's derivation resolved (unknown parents and cycles reported
 * once, ADT3001/3004/3009/3014/3015/3020/3024), refinements that break
 * inheritance (ADT3010, ADT3023), and the effective definitions a type inherits
 * (ResolvedType). Lookups accept TOSCA's short names for normative types
 * (`Compute`, `tosca:Compute` for `tosca.nodes.Compute`, `tosca:PortInfo`) and
 * `<prefix>:<name>` for the types of an import with a namespace_prefix.
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

export interface RegistryOptions {
  /**
   * Set when the file being validated is a type library (no topology): a type it names that MiCADO's profiles
   * define may come from a sibling MiCADO type file that the ADT imports too (ADT3014, a warning); any other
   * unknown type is an error (ADT3020).
   */
  readonly library?: { readonly definedByMicado: (name: string) => boolean };
  /** The namespace prefixes of imported files, by uri (ImportLoader's `namespaces`). */
  readonly namespaces?: ReadonlyMap<string, ReadonlySet<string>>;
  /** Files whose definitions any other definition of the same name replaces without a warning (TOSCA 1.3's additions). */
  readonly fallbacks?: ReadonlySet<string>;
}

export class TypeRegistry {
  private readonly defs = new Map<TypeKind, Map<string, TypeDef>>();
  private readonly resolved = new Map<TypeDef, ResolvedType>();
  private readonly resolving = new Set<TypeDef>();
  private readonly prefixes = new Set<string>(['tosca']);
  /** Other names of definitions: `<prefix>:<name>` of prefixed imports, and the short names of normative types. */
  private readonly aliases = new Map<TypeKind, Map<string, TypeDef>>();

  private readonly library: RegistryOptions['library'];

  constructor(
    templates: readonly ServiceTemplate[],
    private readonly sink: DiagnosticSink,
    private readonly displayName: (uri: string) => string,
    options: RegistryOptions = {},
  ) {
    this.library = options.library;
    const namespaces = options.namespaces ?? new Map<string, ReadonlySet<string>>();
    const fallbacks = options.fallbacks ?? new Set<string>();
    for (const kind of Object.keys(TYPE_SECTIONS) as TypeKind[]) {
      this.defs.set(kind, new Map());
      this.aliases.set(kind, new Map());
    }
    for (const set of namespaces.values()) for (const p of set) this.prefixes.add(p);
    const prefixedFiles = new Set(namespaces.keys());
    // Fallback files first, so that anything replaces them; then imports before the importer, whose own
    // definitions win: later templates in load order are imports, so register them first and the entry file last.
    const order = [...templates.filter((t) => fallbacks.has(t.file.uri)), ...[...templates].reverse().filter((t) => !fallbacks.has(t.file.uri))];
    for (const t of order) {
      const prefixes = namespaces.get(t.file.uri);
      for (const [kind, defs] of t.types) {
        const into = this.defs.get(kind)!;
        for (const def of defs.values()) {
          for (const p of prefixes ?? []) this.aliases.get(kind)!.set(`${p}:${def.name}`, def);
          const earlier = into.get(def.name);
          // A prefixed import keeps its names apart: its bare names serve only where no other file has them.
          if (prefixes && earlier && earlier !== def) continue;
          if (earlier && (prefixedFiles.has(earlier.file.uri) || fallbacks.has(earlier.file.uri)) && earlier.file !== def.file) {
            into.set(def.name, def);
            continue;
          }
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
    for (const kind of Object.keys(TYPE_SECTIONS) as TypeKind[]) this.addShortNames(kind);
  }

  /**
   * TOSCA's short names of normative types: the name without `tosca.<kind>s.` (`Compute`, `network.PortInfo`,
   * `Abstract.Storage`) and, where no other normative type claims it, the last segment (`PortInfo`); the shorter
   * full name wins a shared short name (`Compute` is tosca.nodes.Compute, not tosca.nodes.Abstract.Compute).
   */
  private addShortNames(kind: TypeKind): void {
    const defs = this.defs.get(kind)!;
    const aliases = this.aliases.get(kind)!;
    const prefix = NORMATIVE_PREFIX[kind];
    const normative = [...defs.values()].filter((d) => d.name.startsWith(prefix)).sort((a, b) => a.name.split('.').length - b.name.split('.').length);
    for (const def of normative) {
      const short = def.name.slice(prefix.length);
      for (const name of [short, short.split('.').pop()!]) if (!defs.has(name) && !aliases.has(name)) aliases.set(name, def);
    }
  }

  /** The definition named `name` (full or short form), without reporting. */
  find(kind: TypeKind, name: string): TypeDef | undefined {
    const defs = this.defs.get(kind)!;
    const aliases = this.aliases.get(kind)!;
    const direct = defs.get(name) ?? aliases.get(name);
    if (direct || !name.startsWith('tosca:')) return direct;
    const bare = name.slice(6);
    return defs.get(bare) ?? aliases.get(bare);
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
    const prefix = /^([^:\s]+):[^:]/.exec(ref.name)?.[1];
    if (prefix !== undefined && !this.prefixes.has(prefix)) {
      const known = [...this.prefixes].map((p) => `'${p}'`).join(', ');
      this.sink.report('ADT3024', ref.span, { prefix, type: ref.name, hint: `Known prefixes: ${known}; give an import 'namespace_prefix: ${prefix}', or correct the name.` }, { path });
      return undefined;
    }
    const names = [...this.defs.get(kind)!.keys()];
    const { hint: suggestion, name: fixName, fixes } = suggest(ref.name, names, ref.span, hint ?? 'Import the file that defines it, or correct the name.');
    if (inImport) {
      const lowered = fixName ? `did you mean '${fixName}'?` : 'import the file that defines it, or correct the name.';
      this.sink.report('ADT3015', ref.span, { kind, type: ref.name, hint: lowered }, { path });
      return undefined;
    }
    // quirk: micado-sibling-types
    if (this.library?.definedByMicado(ref.name)) {
      this.sink.report('ADT3014', ref.span, { kind, type: ref.name, hint: 'Import the file that defines it here to make this file self-contained.' }, { path });
      return undefined;
    }
    if (this.library) {
      this.sink.report('ADT3020', ref.span, { kind, type: ref.name, hint: suggestion }, { path, fixes });
      return undefined;
    }
    this.sink.report('ADT3001', ref.span, { kind, type: ref.name, hint: suggestion }, { path, fixes });
    return undefined;
  }

  /** Every definition resolved so far: after the topology checks, the ones the ADT uses and their ancestors. */
  resolvedDefinitions(): ReadonlySet<TypeDef> {
    return new Set(this.resolved.keys());
  }

  /**
   * Reports what a derivation does not allow: properties on a data type derived from a primitive (ADT3023), and
   * properties that `def` redefines with a type not derived from the inherited one (ADT3010).
   */
  checkRefinements(def: TypeDef): void {
    const base = this.resolve(def).primitiveBase;
    const first = def.properties.values().next().value;
    if (def.kind === 'data' && base && first && def.derivedFrom) {
      this.sink.report('ADT3023', def.derivedFrom.span, { type: def.name, base }, {
        path: [...def.path, 'derived_from'],
        related: [{ span: first.nameSpan, message: `'${first.name}' is a property of '${def.name}'.` }],
      });
    }
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
