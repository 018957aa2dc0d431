/**
 * The catalogue: every message a user can see, under a stable code.
 * Codes are banded by the phase that reports them (ARCHITECTURE.md):
 * 1xxx read, 2xxx model, 3xxx resolve, 4xxx check, 5xxx rule syntax,
 * 6xxx rule names and types, 7xxx generated TypeScript, 8xxx plan, 9xxx internal.
 * Each band lives in its own file under codes/; this module joins them.
 */
import type { CatalogueEntry } from './entry.js';
import { readCodes } from './codes/read.js';
import { modelCodes } from './codes/model.js';
import { resolveCodes } from './codes/resolve.js';
import { checkCodes } from './codes/check.js';
import { ruleSyntaxCodes } from './codes/rule-syntax.js';
import { micadoCodes } from './codes/micado.js';
import { ruleCodes } from './codes/rule.js';
import { generatedCodes } from './codes/generated.js';
import { planCodes } from './codes/plan.js';
import { internalCodes } from './codes/internal.js';

export const catalogue = {
  ...readCodes,
  ...modelCodes,
  ...resolveCodes,
  ...checkCodes,
  ...ruleSyntaxCodes,
  ...micadoCodes,
  ...ruleCodes,
  ...generatedCodes,
  ...planCodes,
  ...internalCodes,
} as const satisfies Record<string, CatalogueEntry>;

export type Code = keyof typeof catalogue;

/** The placeholder names of a message template, as a union of string literals. */
type Placeholders<S extends string> = S extends `${string}{${infer P}}${infer Rest}` ? P | Placeholders<Rest> : never;

/** The arguments a code's message needs: one value per placeholder. */
export type MessageArgs<C extends Code> = { readonly [K in Placeholders<(typeof catalogue)[C]['message']>]: string | number };

export function formatMessage(template: string, args: Readonly<Record<string, string | number>>): string {
  // Split once per template: a large ADT formats thousands of messages on each keystroke in the editor.
  let parts = templateParts.get(template);
  if (!parts) templateParts.set(template, (parts = template.split(/\{(\w+)\}/)));
  let out = parts[0]!;
  for (let i = 1; i < parts.length; i += 2) {
    const name = parts[i]!;
    out += (name in args ? String(args[name]) : `{${name}}`) + parts[i + 1]!;
  }
  return out;
}

/** Each template as [text, placeholder, text, …, text]. */
const templateParts = new Map<string, string[]>();

export function isCode(value: string): value is Code {
  return Object.hasOwn(catalogue, value);
}
