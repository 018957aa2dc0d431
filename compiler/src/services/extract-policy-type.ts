/**
 * The refactor "Extract policy type": when several policies of one type
 * repeat the same scaling rule, the rule moves into the default of
 * `scaling_rule` in a new inline policy type derived from theirs, and the
 * policies drop their copies and name the new type. Offered with the cursor
 * in one of the copies.
 */
import type { TextEdit } from '../diagnostics/diagnostic.js';
import type { PolicyTemplate } from '../model/entities.js';
import type { AnalysedModel } from '../pipeline.js';
import { isScalar, type YScalar } from '../read/yaml-tree.js';
import type { CodeAction } from './types.js';

export function extractPolicyType(model: AnalysedModel, start: number, end: number): CodeAction[] {
  const { adt } = model;
  const { text, uri } = adt.file;
  const policies = adt.topology?.policies ?? [];
  const rule = (p: PolicyTemplate): YScalar | undefined => {
    const r = p.properties?.get('scaling_rule');
    return isScalar(r) && typeof r.value === 'string' && r.span.uri === uri ? r : undefined;
  };
  const here = policies.find((p) => {
    const r = rule(p);
    return r && p.type && start >= r.span.start && end <= r.span.end;
  });
  const body = here ? (rule(here)!.value as string) : undefined;
  if (!here?.type || body === undefined || body.trim() === '' || /^[ \t]/.test(body)) return [];
  const same = policies.filter((p) => p.type?.name === here.type!.name && rule(p)?.value === body);
  if (same.length < 2 || !adt.root) return [];

  const base = here.type.name;
  const taken = new Set(adt.types.get('policy')?.keys() ?? []);
  let name = `${base}.SharedRule`;
  for (let i = 2; taken.has(name); i++) name = `${base}.SharedRule${i}`;

  const edits: TextEdit[] = [];
  for (const p of same) {
    const pair = p.properties!.pair('scaling_rule')!;
    // The whole `scaling_rule:` entry, from its line's start to the end of its value's last line.
    const from = text.lastIndexOf('\n', pair.key.span.start - 1) + 1;
    edits.push({ span: { uri, start: p.type!.span.start, end: p.type!.span.end }, newText: name });
    edits.push({ span: { uri, start: from, end: lineAfter(text, pair.value.span.end) }, newText: '' });
  }
  const chomp = body.endsWith('\n') ? (body.endsWith('\n\n') ? '+' : '') : '-';
  const ruleLines = body.replace(/\n+$/, '').split('\n').map((l) => (l === '' ? '' : `          ${l}`));
  const definition = [`  ${name}:`, `    derived_from: ${base}`, '    properties:', '      scaling_rule:', '        type: string', `        default: |${chomp}`, ...ruleLines, ''].join('\n');
  const section = adt.root.pair('policy_types');
  if (section) {
    edits.push({ span: { uri, start: lineAfter(text, section.value.span.end), end: lineAfter(text, section.value.span.end) }, newText: definition });
  } else {
    const topology = adt.root.pair('topology_template');
    const at = topology ? topology.key.span.start : text.length;
    edits.push({ span: { uri, start: at, end: at }, newText: `policy_types:\n${definition}\n` });
  }
  return [{ title: `Extract policy type '${name}' for the rule of ${same.length} policies`, kind: 'refactor.extract', edits, preferred: false }];
}

function lineAfter(text: string, offset: number): number {
  if (offset > 0 && text[offset - 1] === '\n') return offset;
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl + 1;
}
