/** The codes of an import that was not loaded: not found, not a known MiCADO reference or file, remote, pre-0.5, not YAML. */
export const IMPORT_FAILURES: ReadonlySet<string> = new Set(['ADT3002', 'ADT3005', 'ADT3006', 'ADT3011', 'ADT3012', 'ADT3013']);
