/**
 * Every place where adtc follows MiCADO rather than the letter of TOSCA, named,
 * with the reason. The checks that bend a rule cite the quirk by name, so
 * `grep quirk:` finds them all. Quirks change what the checker accepts; they
 * never re-level a diagnostic.
 */
export const QUIRKS = {
  /** tosca-parser coerces string properties with Python str(): `1` → '1', `true` → 'True' (micado-reference 1.4). Demo ADTs give numbers for string-typed min/max_instances. */
  'string-accepts-scalars': 'Numbers and booleans are accepted where a string is expected.',
  /** tosca-parser's integer check calls int() on anything that is not an int (micado-reference 1.4). */
  'integer-accepts-numeric-strings': "Strings that Python's int() accepts, and floats, are accepted where an integer is expected.",
  /** tosca-parser accepts the strings "true"/"false" in any case as booleans (micado-reference 1.4). */
  'boolean-accepts-strings': "The strings 'true' and 'false' in any case are accepted as booleans.",
  /** Type definitions may carry keys TOSCA does not define; tosca-parser ignores them, so adtc warns instead of failing. */
  'unknown-keys-in-definitions': 'Unknown keynames in type definitions are warnings, not errors.',
  /** A value that is a TOSCA function skips type checking, as in tosca-parser (micado-reference 1.4). */
  'functions-skip-type-check': 'Property values given by get_input, get_property, concat… are not type-checked against the property.',
  /** MiCADO hosts containers on Edge nodes and mounts configs through `volume` requirements (micado-reference 4.3, 4.8), although the types name Compute and Volume targets; tosca-parser does not check target types. */
  'micado-requirement-targets': 'A host requirement may target an Edge node, and a volume requirement a Config node.',
  /** micado-parser expands TOSCA 1.3 occurrences and instance_count before tosca-parser runs, including get_input in requirements (micado-reference 1.7). */
  'tosca-1.3-instances': 'In TOSCA 1.3 files, node templates may carry occurrences and instance_count, and requirements may name their target with get_input.',
  /** MiCADO's type files (custom_types/*) name types of sibling files that micado_types.yaml imports beside them (micado-reference 2.2). */
  'micado-sibling-types': 'A type file validated on its own may name types that MiCADO\'s profiles define without importing them (a warning, not an error).',
} as const;

export type QuirkName = keyof typeof QUIRKS;
