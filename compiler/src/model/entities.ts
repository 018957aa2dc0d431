/**
 * The ADT model: TOSCA entities as plain data over the positioned YAML tree.
 * Every entity keeps its YAML node and object path, so checks can point at
 * exactly what the user wrote; values stay YAML nodes until a check reads them
 * against their definition. Entity names follow TOSCA Simple Profile in YAML
 * v1.3, chapter 3 (service template, types, templates).
 */
import type { ObjectPath } from '../diagnostics/diagnostic.js';
import type { YMap, YNode, YScalar } from '../read/yaml-tree.js';
import type { SourceFile } from '../source/source-file.js';
import type { Span } from '../source/span.js';

/** A name written in the ADT that refers to something else (a type, a node template, an input). */
export interface Ref {
  readonly name: string;
  readonly span: Span;
}

interface Entity {
  readonly name: string;
  readonly nameSpan: Span;
  /** The entity's value node (a mapping, or the scalar of a short notation). */
  readonly node: YNode;
  readonly path: ObjectPath;
}

export type TypeKind = 'node' | 'capability' | 'relationship' | 'interface' | 'data' | 'artifact' | 'policy' | 'group';

export const TYPE_SECTIONS: Readonly<Record<TypeKind, string>> = {
  node: 'node_types',
  capability: 'capability_types',
  relationship: 'relationship_types',
  interface: 'interface_types',
  data: 'data_types',
  artifact: 'artifact_types',
  policy: 'policy_types',
  group: 'group_types',
};

/** TOSCA 3.6.10 constraint clause: `{ operator: argument }`. */
export interface Constraint {
  readonly operator: string;
  readonly operatorSpan: Span;
  readonly argument: YNode;
  readonly path: ObjectPath;
}

/** TOSCA 3.6.11 schema definition (entry_schema, key_schema). */
export interface SchemaDef {
  readonly type: Ref | undefined;
  readonly constraints: readonly Constraint[];
  readonly entrySchema: SchemaDef | undefined;
  readonly keySchema: SchemaDef | undefined;
  readonly node: YNode;
}

/** TOSCA 3.6.12 property definition, 3.6.14 attribute definition, 3.6.15 parameter definition. */
export interface PropertyDef extends Entity {
  readonly type: Ref | undefined;
  readonly description: string | undefined;
  /** TOSCA's default for `required` is true. */
  readonly required: boolean;
  readonly requiredNode: YNode | undefined;
  readonly default: YNode | undefined;
  /** The value of an output or of an input given in the template (parameters only). */
  readonly value: YNode | undefined;
  readonly status: string | undefined;
  readonly constraints: readonly Constraint[];
  readonly entrySchema: SchemaDef | undefined;
  readonly keySchema: SchemaDef | undefined;
  readonly file: SourceFile;
}

/** TOSCA 3.7.3 requirement definition (on a node type). */
export interface RequirementDef extends Entity {
  readonly capability: Ref | undefined;
  readonly nodeType: Ref | undefined;
  readonly relationship: Ref | undefined;
  readonly occurrences: Occurrences | undefined;
}

export interface Occurrences {
  readonly min: number;
  readonly max: number;
  readonly span: Span;
}

/** TOSCA 3.7.2 capability definition. */
export interface CapabilityDef extends Entity {
  readonly type: Ref | undefined;
  readonly properties: ReadonlyMap<string, PropertyDef>;
  readonly validSourceTypes: readonly Ref[];
  readonly occurrences: Occurrences | undefined;
}

/** TOSCA 3.6.17 operation definition (in types) or assignment (in templates). */
export interface OperationDef extends Entity {
  readonly inputs: YMap | undefined;
  readonly implementation: YNode | undefined;
}

/** TOSCA 3.6.20/3.6.21 interface definition or assignment. */
export interface InterfaceDef extends Entity {
  readonly type: Ref | undefined;
  readonly inputs: YMap | undefined;
  readonly operations: ReadonlyMap<string, OperationDef>;
  /** TOSCA 1.3 notifications (3.6.18), read like operations. */
  readonly notifications: ReadonlyMap<string, OperationDef>;
}

/** TOSCA 3.6.7 artifact definition. */
export interface ArtifactDef extends Entity {
  readonly type: Ref | undefined;
  readonly file: YNode | undefined;
  readonly repository: Ref | undefined;
}

/** One type definition of any kind (TOSCA 3.7). */
export interface TypeDef extends Entity {
  readonly kind: TypeKind;
  readonly file: SourceFile;
  readonly derivedFrom: Ref | undefined;
  readonly description: string | undefined;
  readonly properties: ReadonlyMap<string, PropertyDef>;
  readonly attributes: ReadonlyMap<string, PropertyDef>;
  readonly requirements: readonly RequirementDef[];
  readonly capabilities: ReadonlyMap<string, CapabilityDef>;
  readonly interfaces: ReadonlyMap<string, InterfaceDef>;
  readonly artifacts: ReadonlyMap<string, ArtifactDef>;
  /** Interface types: their operations; other kinds: empty. */
  readonly operations: ReadonlyMap<string, OperationDef>;
  /** Interface types: their notifications (TOSCA 1.3); other kinds: empty. */
  readonly notifications: ReadonlyMap<string, OperationDef>;
  /** Interface types: inputs common to the operations. */
  readonly inputs: YMap | undefined;
  readonly validSourceTypes: readonly Ref[];
  readonly validTargetTypes: readonly Ref[];
  /** Policy and group types: the types their targets and members may have. */
  readonly targets: readonly Ref[];
  readonly members: readonly Ref[];
  /** Data types: constraints on a type derived from a primitive. */
  readonly constraints: readonly Constraint[];
  readonly entrySchema: SchemaDef | undefined;
}

export interface RepositoryDef extends Entity {
  readonly url: YScalar | undefined;
}

export interface ImportDef {
  readonly file: string;
  readonly span: Span;
  readonly path: ObjectPath;
  readonly repository: Ref | undefined;
  /** TOSCA 3.5.8: the imported file's types are named `<prefix>:<name>` in the importer. */
  readonly namespacePrefix: Ref | undefined;
  /** The import's name in TOSCA 1.0's `- name: …` form: where a problem with the import as a whole is shown. */
  readonly nameSpan: Span | undefined;
}

/** TOSCA 3.8.2 requirement assignment. */
export interface RequirementAssignment extends Entity {
  readonly index: number;
  readonly target: Ref | undefined;
  readonly capability: Ref | undefined;
  readonly relationship: RelationshipAssignment | undefined;
  readonly occurrences: Occurrences | undefined;
}

export interface RelationshipAssignment {
  /** A relationship type, or the name of a relationship template. */
  readonly type: Ref | undefined;
  readonly properties: YMap | undefined;
  readonly interfaces: ReadonlyMap<string, InterfaceDef>;
  readonly node: YNode;
  readonly path: ObjectPath;
}

export interface CapabilityAssignment extends Entity {
  readonly properties: YMap | undefined;
  readonly attributes: YMap | undefined;
}

/** TOSCA 3.8.3 node template. */
export interface NodeTemplate extends Entity {
  readonly type: Ref | undefined;
  readonly description: string | undefined;
  readonly properties: YMap | undefined;
  readonly attributes: YMap | undefined;
  readonly requirements: readonly RequirementAssignment[];
  readonly capabilities: ReadonlyMap<string, CapabilityAssignment>;
  readonly interfaces: ReadonlyMap<string, InterfaceDef>;
  readonly artifacts: ReadonlyMap<string, ArtifactDef>;
  readonly occurrences: Occurrences | undefined;
  readonly instanceCount: YNode | undefined;
}

/** TOSCA 3.8.4 relationship template. */
export interface RelationshipTemplate extends Entity {
  readonly type: Ref | undefined;
  readonly properties: YMap | undefined;
  readonly interfaces: ReadonlyMap<string, InterfaceDef>;
}

/** TOSCA 3.8.6 policy definition (a policy template in the topology). */
export interface PolicyTemplate extends Entity {
  readonly index: number;
  readonly type: Ref | undefined;
  readonly description: string | undefined;
  readonly targets: readonly Ref[];
  readonly properties: YMap | undefined;
}

/** TOSCA 3.8.5 group definition. */
export interface GroupTemplate extends Entity {
  readonly type: Ref | undefined;
  readonly members: readonly Ref[];
  readonly properties: YMap | undefined;
}

export interface TopologyTemplate {
  readonly node: YMap;
  readonly path: ObjectPath;
  readonly inputs: ReadonlyMap<string, PropertyDef>;
  readonly nodeTemplates: ReadonlyMap<string, NodeTemplate>;
  readonly nodeTemplatesNode: YMap | undefined;
  readonly relationshipTemplates: ReadonlyMap<string, RelationshipTemplate>;
  readonly policies: readonly PolicyTemplate[];
  readonly groups: ReadonlyMap<string, GroupTemplate>;
  readonly outputs: ReadonlyMap<string, PropertyDef>;
}

/** TOSCA 3.10 service template: one file's content. */
export interface ServiceTemplate {
  readonly file: SourceFile;
  readonly root: YMap | undefined;
  readonly version: Ref | undefined;
  readonly imports: readonly ImportDef[];
  readonly repositories: ReadonlyMap<string, RepositoryDef>;
  readonly types: ReadonlyMap<TypeKind, ReadonlyMap<string, TypeDef>>;
  readonly topology: TopologyTemplate | undefined;
}
