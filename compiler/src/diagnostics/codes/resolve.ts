import type { CatalogueEntry } from '../entry.js';

/** ADT3xxx: imports and types (compiler/src/resolve). */
export const resolveCodes = {
  ADT3001: {
    name: 'unknown-type',
    severity: 'error',
    message: "No {kind} type named '{type}' is defined or imported. {hint}",
  },
  ADT3002: {
    name: 'import-not-found',
    severity: 'error',
    message: "The import '{file}' cannot be read ({detail}). Check the path; it is relative to the importing file.",
  },
  ADT3003: {
    name: 'import-cycle',
    severity: 'error',
    message: 'This import closes a cycle ({cycle}). Remove one of the imports in the cycle.',
  },
  ADT3004: {
    name: 'derivation-cycle',
    severity: 'error',
    message: "Type '{type}' derives from itself ({cycle}). Change one derived_from to break the cycle.",
  },
  ADT3005: {
    name: 'unknown-micado-ref',
    severity: 'error',
    message: "'{ref}' is not a version of MiCADO's types that exists. {hint}",
  },
  ADT3006: {
    name: 'remote-import',
    severity: 'error',
    message: "'{url}' is not a MiCADO type URL that adtc knows, and adtc does not download imports. Save the file beside the ADT and import it by relative path, or map the URL to a local folder with --map-url <url-prefix>=<folder>.",
  },
  ADT3007: {
    name: 'stale-micado-ref',
    severity: 'warning',
    message: '{note} Import a release tag such as v0.12.0, whose types do not change.',
  },
  ADT3008: {
    name: 'duplicate-type',
    severity: 'warning',
    message: "Type '{type}' is already defined in {where}; this definition replaces it. Give your type its own name.",
  },
  ADT3009: {
    name: 'wrong-type-kind',
    severity: 'error',
    message: "'{type}' is a {actual} type, but a {expected} type is needed here. Use a {expected} type.",
  },
  ADT3010: {
    name: 'incompatible-refinement',
    severity: 'warning',
    message: "'{name}' is redefined with type '{type}', which is not derived from the inherited type '{parent}'. MiCADO accepts this, but templates of the parent type may no longer fit; use '{parent}' or a type derived from it.",
  },
  ADT3011: {
    name: 'legacy-import',
    severity: 'error',
    message: "'{url}' holds MiCADO's Swarm-era types from before version 0.5, which adtc does not support. Import a current micado_types.yaml and port the ADT.",
  },
  ADT3012: {
    name: 'unknown-micado-file',
    severity: 'error',
    message: "'{path}' is not a file of MiCADO's types at '{ref}'. Import one of: {known}.",
  },
  ADT3013: {
    name: 'import-not-yaml',
    severity: 'error',
    message: "The import '{file}' holds no TOSCA definitions (it is {actual}). Import a TOSCA type file.",
  },
  ADT3014: {
    name: 'unknown-type-in-library',
    severity: 'warning',
    message: "No {kind} type named '{type}' is defined in this type file or its imports; it must come from another file the ADT imports. {hint}",
  },
  ADT3015: {
    name: 'unknown-type-in-import',
    severity: 'warning',
    message: "No {kind} type named '{type}' is defined or imported. MiCADO accepts this in an imported type file until a template needs it; {hint}",
  },
  ADT3020: {
    name: 'unknown-type-in-type-file',
    severity: 'error',
    message: "No {kind} type named '{type}' is defined in this type file or its imports. {hint}",
  },
  ADT3021: {
    name: 'import-needs-network',
    severity: 'error',
    message: "The import '{file}' is fetched from {url}, which adtc cannot read offline. Download it and map the URL to a local folder: --map-url {prefix}=<folder>.",
  },
  ADT3022: {
    name: 'unknown-import-repository',
    severity: 'error',
    message: "The import '{file}' cannot be found: its repository '{repository}' is not defined in this file. Define the repository, or correct its name.",
  },
  ADT3023: {
    name: 'primitive-type-with-properties',
    severity: 'error',
    message: "Data type '{type}' derives from the primitive type '{base}', so it cannot add properties (TOSCA 3.6.5). Derive it from tosca.datatypes.Root to give it properties, or remove them.",
  },
  ADT3024: {
    name: 'unknown-namespace-prefix',
    severity: 'error',
    message: "'{prefix}' is not the namespace prefix of any import of this file, so '{type}' cannot be found. {hint}",
  },
} as const satisfies Record<string, CatalogueEntry>;
