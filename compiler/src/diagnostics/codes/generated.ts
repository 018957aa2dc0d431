import type { CatalogueEntry } from '../entry.js';

/**
 * ADT79xx: defects in the TypeScript and JavaScript adtc generates for a
 * scaling rule (compiler/src/rule/emit-ts.ts, ts-check.ts, verify-js.ts).
 * The rule passed every check, so each of these is a bug in adtc, reported
 * at the rule position the generated code came from; the rule is not deployed.
 */
export const generatedCodes = {
  ADT7901: {
    name: 'rule-generated-type-error',
    severity: 'error',
    spec: 'RL901',
    message: 'Internal compiler error: the TypeScript adtc generated for this part of the rule does not type-check ({detail}). This is a bug in adtc, not in your rule; please report it with the rule.',
  },
  ADT7902: {
    name: 'rule-not-compilable',
    severity: 'error',
    message: 'Internal compiler error: adtc passed {construct} but cannot compile it to JavaScript. This is a bug in adtc; please report it with the rule. Rewriting this part of the rule avoids it.',
  },
  ADT7903: {
    name: 'rule-verifier-refused',
    severity: 'error',
    message: 'Internal compiler error: the JavaScript generated for this rule failed the sandbox verifier ({detail}), so it is not deployed. This is a bug in adtc; please report it with the rule.',
  },
} as const satisfies Record<string, CatalogueEntry>;
