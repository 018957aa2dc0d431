/**
 * docs/diagnostics.md, generated from the catalogue: one section per code with
 * its name, default severity and message. `npm run docs` rewrites it and a
 * test fails when the committed page is out of date.
 */
import { fileURLToPath } from 'node:url';
import { catalogue, type Code } from './catalogue.js';

/** docs/diagnostics.md in the checkout or the installed package (the language server links codes to it). */
export const cataloguePagePath = fileURLToPath(new URL('../../../../docs/diagnostics.md', import.meta.url));

const BANDS: readonly [string, string][] = [
  ['1', 'Reading YAML'],
  ['2', 'The shape of the ADT'],
  ['3', 'Imports and types'],
  ['4', 'Templates, policies and values'],
  ['5', 'Scaling-rule syntax'],
  ['6', 'Scaling-rule names and types'],
  ['7', 'Generated TypeScript'],
  ['8', 'Plans'],
  ['9', 'adtc itself'],
];

export function cataloguePage(): string {
  const lines = [
    '# Diagnostics',
    '',
    'Every problem adtc reports has a stable code from this list.',
    'Placeholders in braces are filled in with the names from your ADT.',
    'Warnings and infos can be re-levelled; errors cannot be switched off.',
    '',
  ];
  for (const [band, title] of BANDS) {
    const codes = (Object.keys(catalogue) as Code[]).filter((c) => c.startsWith(`ADT${band}`)).sort();
    if (codes.length === 0) continue;
    lines.push(`## ADT${band}xxx: ${title}`, '');
    for (const code of codes) {
      const e: { name: string; severity: string; message: string; spec?: string; retired?: true } = catalogue[code];
      lines.push(`### ${code}`, '', `\`${e.name}\` · ${e.severity}${e.spec ? ` · ${e.spec} in the rule-language specification` : ''}${e.retired ? ' · retired' : ''}`, '', `> ${e.message}`, '');
    }
  }
  return lines.join('\n');
}
