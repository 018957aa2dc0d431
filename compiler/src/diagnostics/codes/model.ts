import type { CatalogueEntry } from '../entry.js';

/** ADT2xxx: the shape of the ADT (compiler/src/model). */
export const modelCodes = {
  ADT2001: {
    name: 'unknown-keyname',
    severity: 'error',
    message: "'{key}' is not a keyname of {entity}, and MiCADO rejects unknown keynames. {hint}",
  },
  ADT2002: {
    name: 'unknown-keyname-in-definition',
    severity: 'warning',
    message: "'{key}' is not a keyname of {entity}, so it has no effect. {hint}",
  },
  ADT2003: {
    name: 'wrong-yaml-kind',
    severity: 'error',
    message: '{what} must be {expected}, but it is {actual}. Write it as {expected}.',
  },
  ADT2004: {
    name: 'missing-keyname',
    severity: 'error',
    message: "{entity} has no '{key}', which it needs. Add '{key}'.",
  },
  ADT2005: {
    name: 'missing-version',
    severity: 'error',
    message: "The file does not declare tosca_definitions_version. Add 'tosca_definitions_version: tosca_simple_yaml_1_2' at the top.",
  },
  ADT2006: {
    name: 'unsupported-version',
    severity: 'error',
    message: "The template version '{version}' is not supported. Use one of {valid}.",
  },
  ADT2007: {
    name: 'empty-document',
    severity: 'error',
    message: 'The file holds no YAML document. An ADT needs at least tosca_definitions_version and a topology_template with node_templates.',
  },
  ADT2008: {
    name: 'not-single-key',
    severity: 'error',
    message: 'Each item of {what} must be a mapping with exactly one key, its name; this item has {count}. {advice}',
  },
  ADT2009: {
    name: 'missing-node-templates',
    severity: 'error',
    message: 'The topology_template has no node_templates, and MiCADO refuses an ADT without them. Add at least one node template.',
  },
  ADT2010: {
    name: 'unknown-constraint',
    severity: 'error',
    message: "'{operator}' is not a TOSCA constraint operator. {hint}",
  },
  ADT2011: {
    name: 'bad-constraint-argument',
    severity: 'error',
    message: 'The {operator} constraint needs {expected}. Correct its argument.',
  },
  ADT2012: {
    name: 'bad-occurrences',
    severity: 'error',
    message: 'occurrences must be a list [min, max] of non-negative integers with min ≤ max (max may be UNBOUNDED). Correct the range.',
  },
  ADT2013: {
    name: 'bad-status',
    severity: 'error',
    message: "'{value}' is not a status. Use one of supported, unsupported, experimental or deprecated.",
  },
  ADT2014: {
    name: 'missing-topology',
    severity: 'error',
    message: 'The ADT has no topology_template, so there is nothing to deploy. Add a topology_template with node_templates.',
    // TOSCA makes topology_template optional; MiCADO's need for one is ADT4030 (validate) and ADT4031 (compile, deploy).
    retired: true,
  },
  ADT2020: {
    name: 'tosca-1-1-refused-by-micado',
    severity: 'warning',
    message: "tosca_simple_yaml_1_1 is valid TOSCA, but MiCADO's parser (tosca-parser) refuses it. Declare tosca_simple_yaml_1_2 (or 1_0, 1_3) if MiCADO is to deploy this file.",
  },
  ADT2021: {
    name: 'version-not-first',
    severity: 'error',
    message: "tosca_definitions_version must be the first key of a TOSCA file, but '{first}' comes before it. Move tosca_definitions_version to the top.",
  },
  ADT2022: {
    name: 'not-a-version',
    severity: 'error',
    message: "{what} must be a TOSCA version (<major>.<minor>[.<fix>[.<qualifier>[-<build>]]], for example 1.0.0), but it is {actual}. Correct the value.",
  },
  ADT2023: {
    name: 'metadata-not-string',
    severity: 'warning',
    message: "Metadata values are strings in TOSCA, but '{key}' is {actual}. Tools that read metadata may refuse it; write it as a string.",
  },
  ADT2024: {
    name: 'duplicate-namespace-prefix',
    severity: 'error',
    message: "The namespace prefix '{prefix}' is already given to another import of this file, so '{prefix}:' names would be ambiguous. Give each import its own prefix.",
  },
  ADT2025: {
    name: 'unknown-copy-source',
    severity: 'error',
    message: "copy names '{name}', which is not another {what} of this topology. {hint}",
  },
  ADT2026: {
    name: 'copy-of-copy',
    severity: 'error',
    message: "copy names '{name}', which is itself made by copy; TOSCA requires the source to be a complete {what}. Copy the template '{name}' copies, or write '{name}' out in full.",
  },
} as const satisfies Record<string, CatalogueEntry>;
