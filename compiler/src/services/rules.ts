/**
 * The scaling rules of one analysed ADT as the editor sees them: for each rule
 * written in the document (a policy's `scaling_rule`, or the default of an
 * inline policy type), its text after placeholder substitution, the map from
 * rule offsets to file offsets, the environment and the checker's result
 * (AST and scope). Also the rule inputs the policies declare: constants,
 * queries and alerts, with where each is written. Built from the same rule/
 * functions the checks use, so the editor and `adtc validate` see one rule.
 */
import type { PolicyTemplate } from '../model/entities.js';
import type { AnalysedModel } from '../pipeline.js';
import { isMap, isScalar, isSeq, type YMap, type YNode, type YScalar } from '../read/yaml-tree.js';
import type { ResolvedType } from '../resolve/resolved-type.js';
import { checkRuleText, type RuleCheckResult } from '../rule/check-rule-text.js';
import { propertyValue, targetKind } from '../rule/check-rules.js';
import { substitutePlaceholders } from '../rule/placeholders.js';
import { pythonStr } from '../rule/python-repr.js';
import { decodeRule, locateRule } from '../rule/rule-source.js';
import { constantType, type PolicyKind, type RuleEnvironment } from '../rule/scope.js';
import type { SourceMap } from '../rule/source-map.js';
import type { Ty } from '../rule/types.js';
import { profilesRoot } from '../profiles/micado-refs.js';

/** A constant, query or alert as a policy declares it. */
export interface RuleInput {
  readonly name: string;
  /** The name as written: the key under constants/queries, the value of `alert:`. */
  readonly key: YScalar;
  /** The constant's value, the query's PromQL (or list form), the whole alert entry. */
  readonly value: YNode;
  readonly policy: PolicyTemplate;
}

export interface RuleInputs {
  /** Merged over all policies, the last definition winning (as MiCADO merges them). */
  readonly constants: ReadonlyMap<string, RuleInput>;
  readonly queries: ReadonlyMap<string, RuleInput>;
  readonly alerts: ReadonlyMap<string, RuleInput>;
  /** Every definition, also those a later policy overrides (rename and references need them all). */
  readonly all: readonly (RuleInput & { readonly what: 'constant' | 'query' | 'alert' })[];
}

export interface RuleView {
  /** The first policy whose rule this is. */
  readonly policy: PolicyTemplate;
  readonly scalar: YScalar;
  readonly kind: PolicyKind;
  /** The rule text after `{{…}}` substitution, as it is checked. */
  readonly text: string;
  /** Offsets of `text` to offsets of the document. */
  readonly map: SourceMap;
  readonly env: RuleEnvironment;
  readonly result: RuleCheckResult;
}

export interface RuleIndex {
  readonly inputs: RuleInputs;
  readonly rules: readonly RuleView[];
}

const memo = new WeakMap<AnalysedModel, RuleIndex>();

export function ruleIndex(model: AnalysedModel): RuleIndex {
  let index = memo.get(model);
  if (!index) memo.set(model, (index = build(model)));
  return index;
}

/** The rule whose scalar holds `offset`, and the offset in its text. */
export function ruleAt(model: AnalysedModel, offset: number): { rule: RuleView; at: number } | undefined {
  const text = model.adt.file.text;
  for (const rule of ruleIndex(model).rules) {
    const s = rule.scalar.span;
    // A block scalar's header line (`|`) is not rule text; its end is (the cursor at the end of the last line).
    const block = rule.scalar.style === 'literal' || rule.scalar.style === 'folded';
    const start = block ? text.indexOf('\n', s.start) + 1 || s.end : s.start;
    if (offset >= start && offset <= s.end) return { rule, at: rule.map.toRule(offset) };
    if (block && offset > s.end && onNewRuleLine(text, rule, s.end, offset)) return { rule, at: rule.text.length };
  }
  return undefined;
}

/**
 * A blank line being typed after a block rule is not in the scalar yet (the
 * block ends at its last non-blank line) but belongs to the rule when it is
 * indented at least as far as the rule's first line.
 */
function onNewRuleLine(text: string, rule: RuleView, end: number, offset: number): boolean {
  if (text.slice(end, offset).trim() !== '' || rule.text.length === 0) return false;
  const first = rule.map.toFile(0, 0).start;
  const indent = first - (text.lastIndexOf('\n', first - 1) + 1);
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return lineStart > end - 1 && offset - lineStart >= indent;
}

export function resolvedPolicyType(model: AnalysedModel, policy: PolicyTemplate): ResolvedType | undefined {
  const def = policy.type ? model.types.find('policy', policy.type.name) : undefined;
  return def ? model.types.resolve(def) : undefined;
}

function build(model: AnalysedModel): RuleIndex {
  const policies = model.adt.topology?.policies ?? [];
  const typed = policies.map((policy) => ({ policy, type: resolvedPolicyType(model, policy) }));
  const inputs = collectInputs(typed);
  const constantTypes = new Map<string, Ty>([...inputs.constants].map(([n, c]) => [n, constantType(n, c.value)]));
  const constantText = new Map([...inputs.constants].map(([n, c]) => [n, pythonStr(c.value)]));
  const queries = new Map([...inputs.queries].map(([n, q]) => [n, isSeq(q.value) ? ('list' as const) : ('number' as const)]));
  const alerts = new Set(inputs.alerts.keys());
  const rules: RuleView[] = [];
  const seen = new Set<YScalar>();
  for (const { policy, type } of typed) {
    const source = locateRule(policy, model.adt.file, type, (uri) => uri.startsWith(profilesRoot));
    if (!source || source.file.uri !== model.adt.file.uri || seen.has(source.scalar)) continue;
    seen.add(source.scalar);
    const decoded = decodeRule(source);
    if (!decoded) continue;
    const sub = substitutePlaceholders(decoded.text, decoded.map, constantText);
    const env: RuleEnvironment = { kind: policyKind(model, policy), constants: constantTypes, queries, alerts, stack: sub.stack.length > 0 };
    rules.push({ policy, scalar: source.scalar, kind: env.kind, text: sub.text, map: sub.map, env, result: checkRuleText(sub.text, env) });
  }
  return { inputs, rules };
}

/** A VM node policy when a target's type chain names a compute type, else a container policy (check-rules' rule). */
function policyKind(model: AnalysedModel, policy: PolicyTemplate): PolicyKind {
  return policy.targets.some((t) => targetKind(model.types, model.adt, t.name) === 'node') ? 'node' : 'container';
}

function collectInputs(typed: readonly { policy: PolicyTemplate; type: ResolvedType | undefined }[]): RuleInputs {
  const constants = new Map<string, RuleInput>();
  const queries = new Map<string, RuleInput>();
  const alerts = new Map<string, RuleInput>();
  const all: (RuleInput & { what: 'constant' | 'query' | 'alert' })[] = [];
  for (const { policy, type } of typed) {
    const c = propertyValue(policy, type, 'constants');
    if (isMap(c)) for (const p of c.pairs) add(constants, 'constant', { name: p.name, key: p.key, value: p.value, policy });
    const q = propertyValue(policy, type, 'queries');
    if (isMap(q)) for (const p of q.pairs) add(queries, 'query', { name: p.name, key: p.key, value: p.value, policy });
    const a = propertyValue(policy, type, 'alerts');
    if (isSeq(a)) {
      for (const item of a.items) {
        const key = isMap(item) ? item.get('alert') : undefined;
        if (isScalar(key) && typeof key.value === 'string') add(alerts, 'alert', { name: key.value, key, value: item as YMap, policy });
      }
    }
  }
  return { constants, queries, alerts, all };

  function add(into: Map<string, RuleInput>, what: 'constant' | 'query' | 'alert', input: RuleInput): void {
    into.set(input.name, input);
    all.push({ ...input, what });
  }
}
