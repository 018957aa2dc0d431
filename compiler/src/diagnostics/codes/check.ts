import type { CatalogueEntry } from '../entry.js';

/** ADT4xxx: checking templates, policies and values against their types (compiler/src/check). */
export const checkCodes = {
  ADT4001: {
    name: 'unknown-property',
    severity: 'error',
    message: "'{property}' is not a property of {kind} type '{type}'. {hint}",
  },
  ADT4002: {
    name: 'missing-property',
    severity: 'error',
    message: "{entity} lacks the required property '{property}', which has no default. Add '{property}'.",
  },
  ADT4003: {
    name: 'value-type',
    severity: 'error',
    message: '{what} must be {expected}, but it is {actual}. {hint}',
  },
  ADT4004: {
    name: 'constraint-violated',
    severity: 'error',
    message: '{what} is {value}, but it {rule}. Change the value.',
  },
  ADT4005: {
    name: 'unknown-field',
    severity: 'error',
    message: "'{field}' is not a field of data type '{type}'. {hint}",
  },
  ADT4006: {
    name: 'missing-field',
    severity: 'error',
    message: "A value of data type '{type}' needs the field '{field}', which has no default. Add '{field}'.",
  },
  ADT4007: {
    name: 'unknown-requirement',
    severity: 'error',
    message: "'{requirement}' is not a requirement of node type '{type}'. {hint}",
  },
  ADT4008: {
    name: 'unknown-node-template',
    severity: 'error',
    message: "'{name}' is not a node template of this ADT. {hint}",
  },
  ADT4009: {
    name: 'requirement-target-type',
    severity: 'warning',
    message: "Requirement '{requirement}' expects a node of type '{expected}', but '{target}' is a '{actual}'. MiCADO does not check this, but the relationship may not work; point it at a node of type '{expected}'.",
  },
  ADT4010: {
    name: 'requirement-capability',
    severity: 'warning',
    message: "Requirement '{requirement}' expects the capability '{capability}', which node '{target}' (type '{actual}') does not offer. MiCADO does not check this; point it at a node that offers '{capability}'.",
  },
  ADT4011: {
    name: 'relationship-not-supported',
    severity: 'error',
    message: "Relationship '{relationship}' is not supported by requirement '{requirement}', which uses '{expected}'. Use '{expected}' or a type derived from it.",
  },
  ADT4012: {
    name: 'requirement-occurrences',
    severity: 'error',
    message: "Requirement '{requirement}' appears {count} times, but node type '{type}' allows {range}. {hint}",
  },
  ADT4013: {
    name: 'unknown-capability',
    severity: 'error',
    message: "'{capability}' is not a capability of node type '{type}'. {hint}",
  },
  ADT4014: {
    name: 'unknown-interface',
    severity: 'error',
    message: "'{interface}' is not an interface of {kind} type '{type}'. {hint}",
  },
  ADT4015: {
    name: 'unknown-operation',
    severity: 'error',
    message: "'{operation}' is not an operation of interface '{interface}'. {hint}",
  },
  ADT4016: {
    name: 'unknown-repository',
    severity: 'error',
    message: "Repository '{repository}' is not defined. {hint}",
  },
  ADT4017: {
    name: 'policy-target-type',
    severity: 'error',
    message: "Policy type '{type}' cannot target '{target}', a '{actual}'; it targets {allowed}. Choose a target of one of those types.",
  },
  ADT4018: {
    name: 'unknown-input',
    severity: 'error',
    message: "'{input}' is not an input of this ADT. {hint}",
  },
  ADT4019: {
    name: 'function-arguments',
    severity: 'error',
    message: '{function} takes {expected}, but it was given {actual}. Correct its arguments.',
  },
  ADT4020: {
    name: 'function-unknown-property',
    severity: 'error',
    message: "{entity} has no property '{property}'. {hint}",
  },
  ADT4021: {
    name: 'unknown-group-member',
    severity: 'error',
    message: "'{member}' is not a node template of this ADT, so it cannot be a member of group '{group}'. {hint}",
  },
  ADT4022: {
    name: 'missing-input-value',
    severity: 'warning',
    message: "Input '{input}' is required but has no default, so a value must be given at deployment (MiCADO would substitute None). Give it a default, or make sure a value is supplied when the ADT is deployed.",
  },
  ADT4023: {
    name: 'missing-requirement-target',
    severity: 'error',
    message: "Requirement '{requirement}' names no target node. Add 'node: <node template>'.",
  },
  ADT4024: {
    name: 'unknown-attribute',
    severity: 'error',
    message: "{entity} has no attribute '{attribute}'. {hint}",
  },
  ADT4025: {
    name: 'unknown-relationship',
    severity: 'error',
    message: "'{relationship}' is neither a relationship type nor a relationship template. {hint}",
  },
  ADT4026: {
    name: 'unsupported-input-type',
    severity: 'error',
    message: "Input '{input}' has type '{type}', which MiCADO does not support for inputs. Use one of {supported}.",
  },
  ADT4027: {
    name: 'string-given-collection',
    severity: 'warning',
    message: '{what} is declared as a string, but it is {actual}. MiCADO accepts this (it converts the value to text), but the declared type is probably wrong; declare it as {suggested}.',
  },
  ADT4030: {
    name: 'micado-nothing-to-deploy',
    severity: 'warning',
    message: 'MiCADO rule: this service template has no topology_template, so MiCADO would have nothing to deploy. TOSCA allows that; add a topology_template with node_templates to deploy it with MiCADO.',
  },
  ADT4031: {
    name: 'nothing-to-deploy',
    severity: 'error',
    message: 'There is nothing to deploy: {what}. Compile or deploy an ADT with node_templates (for a type file, the ADT that imports it).',
  },
  ADT4032: {
    name: 'micado-requirement-without-node',
    severity: 'warning',
    message: "MiCADO rule: requirement '{requirement}' names no target node. TOSCA lets an orchestrator find one, but MiCADO does not; add 'node: <node template>' to deploy this with MiCADO.",
  },
  ADT4033: {
    name: 'micado-unsupported-input-type',
    severity: 'warning',
    message: "MiCADO rule: input '{input}' has type '{type}', which MiCADO does not support for inputs (TOSCA does). Use one of {supported} to deploy this with MiCADO.",
  },
  ADT4034: {
    name: 'unknown-artifact',
    severity: 'error',
    message: "{entity} has no artifact '{artifact}'. {hint}",
  },
  ADT4035: {
    name: 'bad-substitution-mapping',
    severity: 'error',
    message: 'substitution_mappings {problem}. Correct the mapping (TOSCA 3.8.13).',
  },
  ADT4036: {
    name: 'unknown-mapped-name',
    severity: 'error',
    message: "'{name}' is not a {item} of node type '{type}'. {hint}",
  },
  ADT4037: {
    name: 'unknown-workflow-step',
    severity: 'error',
    message: "'{step}' is not a step of workflow '{workflow}'. {hint}",
  },
  ADT4038: {
    name: 'unknown-workflow-target',
    severity: 'error',
    message: "'{target}' is neither a node template nor a group of this topology. {hint}",
  },
  ADT4039: {
    name: 'unknown-activity',
    severity: 'error',
    message: "'{activity}' is not a workflow activity. Use one of delegate, set_state, call_operation or inline.",
  },
  ADT4040: {
    name: 'unknown-workflow',
    severity: 'error',
    message: "'{workflow}' is not a workflow of this topology. {hint}",
  },
  ADT4041: {
    name: 'unknown-called-operation',
    severity: 'error',
    message: "call_operation '{call}' names no operation of '{target}': write <interface>.<operation> with an interface of its type. {hint}",
  },
  ADT4042: {
    name: 'trigger-without-event',
    severity: 'error',
    message: "Trigger '{trigger}' has no 'event', which it needs. Add 'event: <event name>'.",
  },
  ADT4043: {
    name: 'unknown-notification',
    severity: 'error',
    message: "'{notification}' is not a notification of interface '{interface}'. {hint}",
  },
} as const satisfies Record<string, CatalogueEntry>;
