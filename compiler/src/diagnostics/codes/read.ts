import type { CatalogueEntry } from '../entry.js';

/** ADT1xxx: reading YAML (compiler/src/read). */
export const readCodes = {
  ADT1001: {
    name: 'yaml-syntax',
    severity: 'error',
    message: 'YAML syntax error: {detail} Fix the syntax here; the rest of the file was read as far as possible.',
  },
  ADT1002: {
    name: 'duplicate-key',
    severity: 'error',
    message: "Key '{key}' appears more than once in this mapping. MiCADO refuses duplicate keys; remove or rename one of them.",
  },
  ADT1003: {
    name: 'tab-indentation',
    severity: 'error',
    message: 'A tab character is used for indentation. YAML allows only spaces; replace the tab with spaces.',
  },
  ADT1004: {
    name: 'unsupported-tag',
    severity: 'error',
    message: "The YAML tag '{tag}' is not supported. Use one of !!str, !!int, !!float, !!bool, !!null, !!map or !!seq, or remove the tag.",
  },
  ADT1005: {
    name: 'alias-expansion-limit',
    severity: 'error',
    message: "Expanding alias '*{alias}' would grow this document beyond {limit} nodes, so it was not expanded. Reduce the nesting of anchors and aliases.",
  },
  ADT1006: {
    name: 'unknown-alias',
    severity: 'error',
    message: "Alias '*{alias}' refers to no anchor defined before it. Define '&{alias}' earlier in the file, or replace the alias with the value.",
  },
  ADT1007: {
    name: 'multiple-documents',
    severity: 'error',
    message: "This file holds more than one YAML document, but an ADT is a single document. Remove the '---' separator and what follows it, or split the file.",
  },
  ADT1008: {
    name: 'recursive-alias',
    severity: 'error',
    message: "Alias '*{alias}' refers to a node that contains the alias itself, which would make an endless structure. Replace the alias with a value.",
  },
  ADT1009: {
    name: 'bad-merge-value',
    severity: 'error',
    message: "The value of the merge key '<<' must be an alias of a mapping, or a list of such aliases. Use '<<: *name' with an anchored mapping.",
  },
  ADT1010: {
    name: 'complex-key',
    severity: 'error',
    message: 'A mapping key must be a scalar, not a {kind}. Write the key as plain text.',
  },
  ADT1011: {
    name: 'bad-tagged-value',
    severity: 'error',
    message: "'{value}' cannot be read as {tag}. Change the value or remove the tag.",
  },
  ADT1012: {
    name: 'duplicate-key-in-import',
    severity: 'warning',
    message: "Key '{key}' appears more than once in this mapping. MiCADO reads imported files with PyYAML, which silently keeps the last one; remove or rename one of them.",
  },
  ADT1020: {
    name: 'not-text',
    severity: 'error',
    message: 'This file is not text ({why}), so it cannot be an ADT, which is YAML text in UTF-8. Check that the right file is named.',
  },
} as const satisfies Record<string, CatalogueEntry>;
