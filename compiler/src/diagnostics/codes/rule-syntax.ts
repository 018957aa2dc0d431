import type { CatalogueEntry } from '../entry.js';

/**
 * ADT5xxx: scaling-rule syntax (grammar/), numbered ADT5 + the spec's RL
 * number. The `{placeholders}` of each message are exactly the keys of the
 * `args` grammar/ reports with that code.
 */
export const ruleSyntaxCodes = {
  ADT5100: {
    name: 'rule-syntax-error',
    severity: 'error',
    spec: 'RL100',
    message: 'Syntax error: expected {expected}, but found {found}. MiCADO parses the whole rule before running it, so it would run none of it; correct the code here.',
  },
  ADT5101: {
    name: 'loop-control-outside-loop',
    severity: 'error',
    spec: 'RL101',
    message: "'{keyword}' is not inside a for or while loop, which Python refuses, so MiCADO would skip the whole rule. Move it into a loop, or restructure the code with if/else.",
  },
  ADT5103: {
    name: 'indentation',
    severity: 'error',
    spec: 'RL103',
    message: 'Indentation error: {detail}. Python refuses the whole rule, so MiCADO would run none of it. {advice}',
  },
  ADT5104: {
    name: 'tab-in-indentation',
    severity: 'error',
    spec: 'RL104',
    message: 'A tab is used in the indentation. Rules are indented with spaces only, because editors and Python disagree on how wide a tab is; replace the tab with spaces.',
  },
  ADT5105: {
    name: 'non-ascii-identifier',
    severity: 'error',
    spec: 'RL105',
    message: "The name '{name}' contains non-ASCII characters. Python would normalise it (NFKC), so names that look different could be the same variable; use only ASCII letters, digits and '_'.",
  },
  ADT5110: {
    name: 'python2-print',
    severity: 'error',
    spec: 'RL110',
    message: 'Python 2 print statement. MiCADO 0.9.1 and later run rules with Python 3, where this line is a syntax error and the whole rule is skipped every period. Write `{replacement}`.',
  },
  ADT5111: {
    name: 'python2-syntax',
    severity: 'error',
    spec: 'RL111',
    message: '{construct} is Python 2 only. MiCADO 0.9.1 and later run rules with Python 3, where it makes the rule fail every period. Write `{replacement}` instead.',
  },
  ADT5112: {
    name: 'increment-operator',
    severity: 'error',
    spec: 'RL112',
    message: "'{operator}' is not a Python operator, so this line is a syntax error and MiCADO would skip the whole rule. Write `{replacement}`.",
  },
  ADT5120: {
    name: 'unsupported-construct',
    severity: 'error',
    spec: 'RL120',
    message: '{construct} is not supported in scaling rules; MiCADO would {reference}. {advice}',
  },
  ADT5121: {
    name: 'f-string',
    severity: 'error',
    spec: 'RL121',
    message: "f-strings are not supported in scaling rules; MiCADO stops with NotImplementedError when it reaches one. Format with the str.format method or with '%' instead, for example '%.2f' % x.",
  },
  ADT5122: {
    name: 'attribute-assignment',
    severity: 'error',
    spec: 'RL122',
    message: "Assigning to the attribute '{attribute}' is not supported: in MiCADO it would change a shared module (such as time) for the rest of the rule. Store the value in a variable instead.",
  },
  ADT5123: {
    name: 'dunder-attribute',
    severity: 'error',
    spec: 'RL123',
    message: "'{attribute}' is a Python internal attribute, which rules cannot use: MiCADO blocks some of them and the product's sandbox blocks all. Remove it.",
  },
  ADT5130: {
    name: 'rule-nested-too-deeply',
    severity: 'error',
    spec: 'RL130',
    message: 'This rule nests {what} more than {limit} levels deep, past what adtc compiles (CPython itself gives up near 100 nested brackets). Split the expression into several assignments, or move the inner part into a variable.',
  },
  ADT5131: {
    name: 'rule-too-long',
    severity: 'error',
    spec: 'RL131',
    message: 'This rule is {length} characters long; adtc compiles rules of up to {limit} characters. Split the work between several policies or move data into constants.',
  },
  ADT5306: {
    name: 'unknown-escape',
    severity: 'warning',
    spec: 'RL306',
    message: "'{sequence}' is not an escape sequence, so the backslash stays in the string. Write '{escaped}' if a backslash is meant, or use a raw string (r'...').",
  },
} as const satisfies Record<string, CatalogueEntry>;
