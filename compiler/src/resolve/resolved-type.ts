/**
 * A type with its inherited definitions merged, most derived first
 * (TOSCA 3.7.1 "derivation rules"): properties, attributes, capabilities,
 * interfaces and artifacts by name (the most derived definition wins);
 * requirements by name, keeping the order in which ancestors declared them;
 * interface operations merged across the chain.
 */
import type { ArtifactDef, CapabilityDef, InterfaceDef, OperationDef, PropertyDef, RequirementDef, TypeDef, TypeKind } from '../model/entities.js';

export interface InheritedInterface {
  readonly name: string;
  /** The most derived definition naming the interface. */
  readonly def: InterfaceDef;
  readonly type: string | undefined;
  readonly operations: ReadonlyMap<string, OperationDef>;
  readonly notifications: ReadonlyMap<string, OperationDef>;
  /** The type definitions that declare it, most derived first. */
  readonly owners: readonly TypeDef[];
}

export class ResolvedType {
  readonly kind: TypeKind;
  readonly name: string;
  private memo = new Map<string, unknown>();
  private ancestry: readonly ResolvedType[] | undefined;

  constructor(
    readonly def: TypeDef,
    readonly parent: ResolvedType | undefined,
    /** For data types derived (directly or not) from a primitive type: that primitive. */
    readonly primitiveBase: string | undefined,
  ) {
    this.kind = def.kind;
    this.name = def.name;
  }

  /** This type and its ancestors, this type first. */
  get chain(): readonly ResolvedType[] {
    // Asked for by nearly every check of every template: a field, not a memo entry (no closure per call).
    if (!this.ancestry) {
      const out: ResolvedType[] = [];
      for (let t: ResolvedType | undefined = this; t; t = t.parent) out.push(t);
      this.ancestry = out;
    }
    return this.ancestry;
  }

  derivesFrom(name: string): boolean {
    return this.chain.some((t) => t.name === name);
  }

  get properties(): ReadonlyMap<string, PropertyDef> {
    return this.cached('properties', () => this.mergeMaps((d) => d.properties));
  }

  get attributes(): ReadonlyMap<string, PropertyDef> {
    return this.cached('attributes', () => this.mergeMaps((d) => d.attributes));
  }

  get capabilities(): ReadonlyMap<string, CapabilityDef> {
    return this.cached('capabilities', () => this.mergeMaps((d) => d.capabilities));
  }

  get artifacts(): ReadonlyMap<string, ArtifactDef> {
    return this.cached('artifacts', () => this.mergeMaps((d) => d.artifacts));
  }

  get requirements(): readonly RequirementDef[] {
    return this.cached('requirements', () => {
      const byName = new Map<string, RequirementDef>();
      for (const t of [...this.chain].reverse()) for (const r of t.def.requirements) byName.set(r.name, r);
      return [...byName.values()];
    });
  }

  get interfaces(): ReadonlyMap<string, InheritedInterface> {
    return this.cached('interfaces', () => {
      const out = new Map<string, InheritedInterface>();
      for (const t of [...this.chain].reverse()) {
        for (const [name, def] of t.def.interfaces) {
          const before = out.get(name);
          out.set(name, {
            name,
            def,
            type: def.type?.name ?? before?.type,
            operations: new Map([...(before?.operations ?? []), ...def.operations]),
            notifications: new Map([...(before?.notifications ?? []), ...def.notifications]),
            owners: [t.def, ...(before?.owners ?? [])],
          });
        }
      }
      return out;
    });
  }

  /** Interface types: their operations, inherited ones included. */
  get operations(): ReadonlyMap<string, OperationDef> {
    return this.cached('operations', () => this.mergeMaps((d) => d.operations));
  }

  /** Interface types: their notifications, inherited ones included. */
  get notifications(): ReadonlyMap<string, OperationDef> {
    return this.cached('notifications', () => this.mergeMaps((d) => d.notifications));
  }

  private mergeMaps<V>(pick: (d: TypeDef) => ReadonlyMap<string, V>): Map<string, V> {
    const out = new Map<string, V>();
    for (const t of [...this.chain].reverse()) for (const [k, v] of pick(t.def)) out.set(k, v);
    return out;
  }

  private cached<T>(key: string, make: () => T): T {
    if (!this.memo.has(key)) this.memo.set(key, make());
    return this.memo.get(key) as T;
  }
}
