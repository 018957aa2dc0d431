/**
 * Scaling policies as the runtime evaluates them (micado-reference 6.1–6.5):
 * one entry per policy target, VM node sets first and containers after, each
 * in ADT order (6.4). Constants are global (6.1) and `{{CONST}}` placeholders
 * are filled from them (6.2) in bounds, queries, alerts, sources and rules.
 * A rule sees the queries and alerts it names as identifiers (spec 7 item 41).
 * The rule itself goes through `compileRule` when one is given, else the plan
 * carries its text; either way the text is the one the rule checker saw
 * (decoded from its scalar, placeholders filled as Python's str() writes them).
 */
import { isPkNode } from '../check/micado/micado-nodes.js';
import { constantValues, policyValues, scalingPolicies, substitute } from '../check/micado/scaling-data.js';
import type { PolicyTemplate } from '../model/entities.js';
import { substitutePlaceholders } from '../rule/placeholders.js';
import { pythonStr } from '../rule/python-repr.js';
import { adtLines, decodeRule, locateRule } from '../rule/rule-source.js';
import type { YNode } from '../read/yaml-tree.js';
import type { Span } from '../source/span.js';
import type { Json, JsonObject } from './json.js';
import { isObject } from './json.js';
import type { PlanContext, PlanNode } from './plan-context.js';
import { countValue, plainJson } from './values.js';
import type { WorkloadResult } from './kubernetes/workloads.js';

export type Query = { expr: string } | { expr: string; label: string };

export interface PolicyDraft {
  readonly name: string;
  readonly policy: PolicyTemplate;
  readonly target: string;
  readonly kind: 'vm' | 'container';
  readonly workload?: WorkloadResult['ref'];
  readonly hosts: readonly string[];
  readonly bounds: { min: number; max: number };
  readonly stage: string;
  readonly priority: number;
  readonly constants: JsonObject;
  /** The constants as YAML nodes, for the rule compiler (YAML types, not JSON's). */
  readonly constantNodes: ReadonlyMap<string, YNode>;
  readonly queries: Record<string, Query>;
  readonly alerts: string[];
  readonly rule: string;
  /** The ADT line of each line of `rule`. */
  readonly ruleLines: readonly number[];
}

export interface PolicyData {
  readonly policies: PolicyDraft[];
  readonly sources: string[];
  /** Where each source is written first, for problems found once the objects are known. */
  readonly sourceSpans: ReadonlyMap<string, Span>;
  readonly alerts: JsonObject[];
}

export function scalingData(pc: PlanContext, workloads: ReadonlyMap<PlanNode, WorkloadResult>, hostsOf: (n: PlanNode) => string[]): PolicyData {
  const constantNodes = constantValues(pc);
  const fill = (text: string) => substitute(text, constantNodes) ?? text;
  // The plan does not fill in the application id: `{{stack}}` stays as written, unless a constant has that name.
  const constantText = new Map([['stack', '{{stack}}'], ...[...constantNodes].map(([k, v]): [string, string] => [k, pythonStr(v)])]);
  // Null-prototype records: a constant or query named '__proto__' is an entry like any other, not the prototype.
  const constants: JsonObject = Object.create(null) as JsonObject;
  for (const [k, v] of constantNodes) constants[k] = plainJson(v);
  const queries: Record<string, Query> = Object.create(null) as Record<string, Query>;
  const sources: string[] = [];
  const sourceSpans = new Map<string, Span>();
  const alerts: JsonObject[] = [];
  const seenAlerts = new Set<string>();
  const vm: PolicyDraft[] = [];
  const containers: PolicyDraft[] = [];
  const names = new Set<string>();
  for (const p of scalingPolicies(pc)) {
    const values = policyValues(pc, p);
    const get = (k: string): Json | undefined => {
      const v = values.get(k)?.value;
      return v === undefined ? undefined : plainJson(v);
    };
    const qs = get('queries');
    if (isObject(qs)) {
      for (const [k, v] of Object.entries(qs)) {
        if (typeof v === 'string') queries[k] = { expr: fill(v) };
        else if (Array.isArray(v) && typeof v[0] === 'string') queries[k] = { expr: fill(v[0]), label: String(v[1] ?? '') };
      }
    }
    const src = values.get('sources')?.value;
    for (const item of src?.kind === 'seq' ? src.items : []) {
      if (item.kind !== 'scalar' || typeof item.value !== 'string' || sources.includes(fill(item.value))) continue;
      sources.push(fill(item.value));
      sourceSpans.set(fill(item.value), item.span);
    }
    const al = get('alerts');
    if (Array.isArray(al)) {
      for (const a of al) {
        if (!isObject(a)) continue;
        const filled = fillDeep(a, fill) as JsonObject;
        const key = JSON.stringify(filled);
        if (seenAlerts.has(key)) continue;
        seenAlerts.add(key);
        alerts.push(filled);
      }
    }
    const rule = ruleOf(pc, p, constantText);
    for (const target of p.targets) {
      const node = pc.nodes.get(target.name);
      if (!node) continue;
      const kind = isPkNode(node.type) ? 'vm' : 'container';
      const bounds = {
        min: bound(pc, p, values.get('min_instances')?.value, 'min_instances', node, fill, 1),
        max: bound(pc, p, values.get('max_instances')?.value, 'max_instances', node, fill, 1),
      };
      // TOSCA 1.3 occurrences override the policy's bounds (1.7); MiCADO reads them only in 1_3 files.
      const occ = pc.adt.version?.name.endsWith('1_3') ? node.t.occurrences : undefined;
      if (occ) {
        bounds.min = occ.min;
        bounds.max = Number.isFinite(occ.max) ? occ.max : 99;
      }
      let name = node.name;
      for (let i = 2; names.has(name); i++) name = `${node.name}-${i}`;
      names.add(name);
      const w = workloads.get(node);
      const draft: PolicyDraft = {
        name,
        policy: p,
        target: node.name,
        kind,
        ...(kind === 'container' && w ? { workload: w.ref } : {}),
        hosts: kind === 'container' ? hostsOf(node) : [],
        bounds,
        stage: String(get('stage') ?? 'started'),
        priority: typeof get('priority') === 'number' ? (get('priority') as number) : 100,
        constants,
        constantNodes,
        queries: Object.create(null) as Record<string, Query>,
        alerts: [],
        rule: rule.text,
        ruleLines: rule.lines,
      };
      (kind === 'vm' ? vm : containers).push(draft);
    }
  }
  const alertNames = alerts.map((a) => a['alert']).filter((n): n is string => typeof n === 'string');
  for (const d of [...vm, ...containers]) {
    const ids = identifiers(d.rule);
    // A VM rule that asks the optimiser for advice gets its m_opt_* queries too, as MiCADO evaluates them for it (micado-reference 6.5, 6.12).
    const optimiser = d.kind === 'vm' && ids.has('m_opt_advice');
    for (const [k, q] of Object.entries(queries)) if (ids.has(k) || (optimiser && k.includes('m_opt_'))) d.queries[k] = q;
    for (const a of alertNames) if (ids.has(a) && !d.alerts.includes(a)) d.alerts.push(a);
  }
  return { policies: [...vm, ...containers], sources, sourceSpans, alerts };
}

/** The rule's text as check-rules.ts builds it, and the ADT line of each of its lines; empty when the policy has no text rule. */
function ruleOf(pc: PlanContext, p: PolicyTemplate, constantText: ReadonlyMap<string, string>): { text: string; lines: number[] } {
  const def = p.type ? pc.types.find('policy', p.type.name) : undefined;
  // Whether the text is from a bundled profile only matters for diagnostics, which the plan phase does not report for rules.
  const source = locateRule(p, pc.adt.file, def ? pc.types.resolve(def) : undefined, () => false);
  const decoded = source && decodeRule(source);
  if (!source || !decoded) return { text: '', lines: [] };
  const sub = substitutePlaceholders(decoded.text, decoded.map, constantText);
  return { text: sub.text, lines: adtLines(source, sub.text, sub.map, pc.adt.file) };
}

function fillDeep(v: Json, fill: (s: string) => string): Json {
  if (typeof v === 'string') return fill(v);
  if (Array.isArray(v)) return v.map((x) => fillDeep(x, fill));
  if (isObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, fillDeep(x, fill)]));
  return v;
}

/** Identifiers in a rule's code, comments and strings left out. */
function identifiers(rule: string): Set<string> {
  const code = rule.replace(/#.*$/gm, '').replace(/'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"/g, '""');
  return new Set(code.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? []);
}

function bound(pc: PlanContext, p: PolicyTemplate, n: YNode | undefined, property: string, node: PlanNode, fill: (s: string) => string, fallback: number): number {
  const count = countValue(pc, n, fill);
  if (count.value !== undefined) return count.value;
  if (count.text !== undefined) pc.sink.report('ADT8040', n!.span, { property, target: node.t.name, value: count.text }, { path: [...p.path, 'properties', property] });
  return fallback;
}
