/**
 * The keynames TOSCA Simple Profile in YAML (v1.0 to v1.3) allows in each
 * entity; a union over the versions MiCADO accepts, since MiCADO attaches no
 * other meaning to the version (spec micado-reference 1.2).
 */
const TYPE_COMMON = ['derived_from', 'version', 'metadata', 'description'];

export const KEYNAMES = {
  serviceTemplate: [
    'tosca_definitions_version', 'tosca_default_namespace', 'namespace', 'template_name', 'template_author', 'template_version',
    'metadata', 'description', 'dsl_definitions', 'repositories', 'imports', 'artifact_types', 'data_types', 'capability_types',
    'interface_types', 'relationship_types', 'node_types', 'group_types', 'policy_types', 'topology_template',
  ],
  topologyTemplate: ['description', 'inputs', 'node_templates', 'relationship_templates', 'groups', 'policies', 'outputs', 'substitution_mappings', 'workflows'],
  nodeTemplate: ['type', 'description', 'metadata', 'directives', 'properties', 'attributes', 'requirements', 'capabilities', 'interfaces', 'artifacts', 'node_filter', 'copy'],
  relationshipTemplate: ['type', 'description', 'metadata', 'properties', 'attributes', 'interfaces', 'copy'],
  policyTemplate: ['type', 'description', 'metadata', 'properties', 'targets', 'triggers'],
  groupTemplate: ['type', 'description', 'metadata', 'properties', 'members', 'interfaces'],
  requirementAssignment: ['node', 'capability', 'relationship', 'node_filter', 'occurrences'],
  relationshipAssignment: ['type', 'properties', 'interfaces'],
  capabilityAssignment: ['properties', 'attributes', 'occurrences'],
  artifact: ['type', 'file', 'repository', 'description', 'deploy_path', 'version', 'checksum', 'checksum_algorithm', 'properties'],
  repository: ['description', 'url', 'credential'],
  import: ['file', 'repository', 'namespace_uri', 'namespace_prefix'],
  nodeType: [...TYPE_COMMON, 'properties', 'attributes', 'requirements', 'capabilities', 'interfaces', 'artifacts'],
  relationshipType: [...TYPE_COMMON, 'properties', 'attributes', 'interfaces', 'valid_target_types'],
  capabilityType: [...TYPE_COMMON, 'properties', 'attributes', 'valid_source_types'],
  dataType: [...TYPE_COMMON, 'constraints', 'properties', 'key_schema', 'entry_schema'],
  artifactType: [...TYPE_COMMON, 'mime_type', 'file_ext', 'properties'],
  interfaceType: [...TYPE_COMMON, 'inputs', 'operations', 'notifications'],
  policyType: [...TYPE_COMMON, 'properties', 'targets', 'triggers'],
  groupType: [...TYPE_COMMON, 'properties', 'attributes', 'members', 'requirements', 'capabilities', 'interfaces'],
  propertyDef: ['type', 'description', 'required', 'default', 'status', 'constraints', 'key_schema', 'entry_schema', 'external-schema', 'metadata', 'value'],
  parameterDef: ['type', 'description', 'required', 'default', 'status', 'constraints', 'key_schema', 'entry_schema', 'value', 'metadata'],
  schema: ['type', 'description', 'constraints', 'key_schema', 'entry_schema'],
  requirementDef: ['capability', 'node', 'relationship', 'occurrences', 'description', 'node_filter'],
  capabilityDef: ['type', 'description', 'properties', 'attributes', 'valid_source_types', 'occurrences'],
  interfaceDef: ['type', 'inputs', 'operations', 'notifications', 'description'],
  operation: ['description', 'implementation', 'inputs', 'outputs'],
  notification: ['description', 'implementation', 'outputs'],
} as const;

export const CONSTRAINT_OPERATORS = [
  'equal', 'greater_than', 'greater_or_equal', 'less_than', 'less_or_equal', 'in_range',
  'valid_values', 'length', 'min_length', 'max_length', 'pattern', 'schema',
] as const;

export const TOSCA_VERSIONS = ['tosca_simple_yaml_1_0', 'tosca_simple_yaml_1_1', 'tosca_simple_yaml_1_2', 'tosca_simple_yaml_1_3'] as const;

/** TOSCA 3.9 also names each version by its namespace URI (http://docs.oasis-open.org/tosca/ns/simple/yaml/1.0 is tosca_simple_yaml_1_0). */
export function versionOfNamespaceUri(uri: string): string | undefined {
  const m = /^https?:\/\/docs\.oasis-open\.org\/tosca\/ns\/simple\/yaml\/1\.([0-3])\/?$/.exec(uri);
  return m ? `tosca_simple_yaml_1_${m[1]}` : undefined;
}

/** TOSCA's version type (3.3.2): <major>.<minor>[.<fix>[.<qualifier>[-<build>]]]. */
export const VERSION_SYNTAX = /^[0-9]+(\.[0-9]+)?(\.[0-9]+)?(\.[0-9A-Za-z]+)?(-[0-9]+)?$/;
