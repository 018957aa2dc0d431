/**
 * Checks every scaling rule of an ADT at its place in the file (issue 3):
 * builds the global environment from all policies (constants, queries,
 * alerts), then for each scaling policy locates its rule, decodes the scalar,
 * substitutes placeholders, parses once per rule and checks it for each kind
 * of target (VM node, container), and maps every problem back into the ADT.
 * Checks across rules (RL313-RL317, RL409, RL410) run last.
 */
import type { CheckContext } from '../check/check-context.js';
import type { Span } from '../source/span.js';
import type { PolicyTemplate, ServiceTemplate } from '../model/entities.js';
import { isMap, isScalar, isSeq, scalarText, type YNode, type YScalar } from '../read/yaml-tree.js';
import type { ResolvedType } from '../resolve/resolved-type.js';
import type { TypeRegistry } from '../resolve/type-registry.js';
import type { Module, StringLiteral } from '../../../grammar/src/index.js';
import { checkRuleText } from './check-rule-text.js';
import { alwaysYieldsSample } from './query-sample.js';
import type { RuleScope } from './checker.js';
import { pythonRepr, pythonStr } from './python-repr.js';
import { substitutePlaceholders } from './placeholders.js';
import { RuleReporter } from './report.js';
import { decodeRule, locateRule, type RuleSource } from './rule-source.js';
import { constantType, isRuleName, kindInputs, OTHER_KIND_NAMES, type PolicyKind } from './scope.js';
import type { Ty } from './types.js';

interface Constant {
  readonly node: YNode;
  readonly key: YScalar;
  readonly policy: PolicyTemplate;
}

interface Inputs {
  readonly constants: Map<string, Constant>;
  readonly queries: Map<string, 'number' | 'list'>;
  readonly alwaysSampled: Set<string>;
  readonly alerts: Set<string>;
}

interface CheckedRule {
  readonly policy: PolicyTemplate;
  readonly kind: PolicyKind;
  readonly text: string;
  readonly scope: RuleScope;
  readonly reporter: RuleReporter;
}

export function checkRules(ctx: CheckContext, bundled: ReadonlySet<string>): void {
  const policies = ctx.adt.topology?.policies ?? [];
  const typed = policies.map((p) => ({ policy: p, type: p.type ? ctx.types.find('policy', p.type.name) : undefined })).map((x) => ({ ...x, type: x.type ? ctx.types.resolve(x.type) : undefined }));
  const inputs = collectInputs(ctx, typed);
  const constantTypes = new Map<string, Ty>([...inputs.constants].map(([n, c]) => [n, constantType(n, c.node)]));
  const constantText = new Map([...inputs.constants].map(([n, c]) => [n, pythonStr(c.node)]));
  const checked: CheckedRule[] = [];
  for (const { policy, type } of typed) {
    if (ctx.token.isCancellationRequested) return;
    const source = locateRule(policy, ctx.adt.file, type, (uri) => bundled.has(uri));
    if (!isScaling(type, source !== undefined) || !source) continue;
    const decoded = decodeRule(source);
    if (!decoded) {
      reportFolded(ctx, source);
      continue;
    }
    const sub = substitutePlaceholders(decoded.text, decoded.map, constantText);
    const reporter = new RuleReporter(ctx.sink, source, sub.map, sub.substitutions, inputs.constants);
    reporter.reportAll(sub.problems);
    const kinds = targetKinds(ctx, policy);
    if (kinds.has('container')) checkContainerBounds(ctx, policy, type);
    // A policy without a resolvable target runs no rule; its syntax is still checked.
    for (const kind of kinds.size > 0 ? kinds : new Set<PolicyKind>(['container'])) {
      const result = checkRuleText(sub.text, { kind, constants: constantTypes, queries: inputs.queries, alwaysSampled: inputs.alwaysSampled, alerts: inputs.alerts, stack: sub.stack.length > 0, pkLatest: ctx.pkLatest });
      // A Python 2 rule is a syntax error for MiCADO, which then runs none of it: only its migration problems matter (spec §1.5).
      const syntaxOnly = kinds.size === 0 || result.python2;
      reporter.reportAll(syntaxOnly ? result.problems.filter((p) => /^RL(1\d\d|306|308)$/.test(p.code)) : result.problems);
      for (const s of sub.stack) if (!insideString(result.ast, s)) reporter.report({ code: 'RL502', ...s, args: { placeholder: '{{stack}}', problem: 'stands for the application id, which is known only at deployment, and is allowed only inside a string literal', advice: "Write it inside quotes, for example '{{stack}}-workers'." } });
      if (!syntaxOnly) checked.push({ policy, kind, text: sub.text, scope: result.scope, reporter });
    }
  }
  checkAcrossRules(checked, inputs);
}

/** A policy whose type derives from tosca.policies.Scaling.MiCADO, or any tosca.policies.Scaling* type that has a rule. */
function isScaling(type: ResolvedType | undefined, hasRule: boolean): boolean {
  if (!type) return false;
  if (type.derivesFrom('tosca.policies.Scaling.MiCADO')) return true;
  return hasRule && type.chain.some((t) => t.name.startsWith('tosca.policies.Scaling'));
}

/** The property's value on the template, else the most derived default (MiCADO materialises defaults, micado-reference §6.1). */
export function propertyValue(policy: PolicyTemplate, type: ResolvedType | undefined, name: string): YNode | undefined {
  const own = policy.properties?.get(name);
  if (own !== undefined) return own;
  for (const t of type?.chain ?? []) {
    const d = t.def.properties.get(name)?.default;
    if (d) return d;
  }
  return undefined;
}

/** Constants, queries and alerts of all policies: one global map each, the last definition winning (micado-reference §6.1). */
function collectInputs(ctx: CheckContext, typed: readonly { policy: PolicyTemplate; type: ResolvedType | undefined }[]): Inputs {
  const constants = new Map<string, Constant>();
  const queries = new Map<string, 'number' | 'list'>();
  const alwaysSampled = new Set<string>();
  const alerts = new Set<string>();
  for (const { policy, type } of typed) {
    const c = propertyValue(policy, type, 'constants');
    if (isMap(c)) {
      for (const p of c.pairs) {
        if (!isRuleName(p.name)) {
          ctx.sink.report('ADT6700', p.key.span, { name: p.name, what: 'constant' });
          continue;
        }
        if (isScalar(p.value) && p.value.type === 'timestamp') ctx.sink.report('ADT6214', p.value.span, { name: p.name });
        const earlier = constants.get(p.name);
        if (earlier && pythonRepr(earlier.node) !== pythonRepr(p.value)) {
          ctx.sink.report('ADT6313', p.value.span, { name: p.name, value: pythonRepr(p.value), other: pythonRepr(earlier.node), policy: earlier.policy.name, winner: pythonRepr(p.value) }, {
            related: [{ span: earlier.node.span, message: `'${p.name}' is ${pythonRepr(earlier.node)} in policy '${earlier.policy.name}'.` }],
          });
        }
        constants.set(p.name, { node: p.value, key: p.key, policy });
      }
    }
    const q = propertyValue(policy, type, 'queries');
    if (isMap(q)) {
      for (const p of q.pairs) {
          if (isRuleName(p.name)) {
            queries.set(p.name, isSeq(p.value) ? 'list' : 'number');
            const text = scalarText(p.value);
            if (text !== undefined && alwaysYieldsSample(text)) alwaysSampled.add(p.name);
            else alwaysSampled.delete(p.name);
          } else ctx.sink.report('ADT6700', p.key.span, { name: p.name, what: 'query' });
      }
    }
    const a = propertyValue(policy, type, 'alerts');
    if (isSeq(a)) {
      for (const item of a.items) {
        const name = isMap(item) ? scalarText(item.get('alert')) : undefined;
        if (name) alerts.add(name);
      }
    }
  }
  const mNames = new Set([...kindInputs('node').keys(), ...kindInputs('container').keys(), ...OTHER_KIND_NAMES.container, ...OTHER_KIND_NAMES.node]);
  for (const [name, c] of constants) {
    const what = queries.has(name) ? `the query '${name}'` : alerts.has(name) ? `the alert '${name}'` : mNames.has(name) ? `MiCADO's input '${name}'` : undefined;
    if (what) ctx.sink.report('ADT6314', c.key.span, { name, what });
  }
  return { constants, queries, alwaysSampled, alerts };
}

/**
 * The policy kind a target node makes: a VM node policy when its type or an
 * ancestor names a compute type (as the submitter decides, micado-reference 6.1),
 * else a container policy; undefined when the node or its type is unknown.
 */
export function targetKind(types: TypeRegistry, adt: ServiceTemplate, target: string): PolicyKind | undefined {
  const node = adt.topology?.nodeTemplates.get(target);
  const def = node?.type ? types.find('node', node.type.name) : undefined;
  if (!def) return undefined;
  const type = types.resolve(def);
  let kind = kindOfType.get(type);
  if (kind === undefined) kindOfType.set(type, (kind = type.chain.some((t) => t.name.toLowerCase().includes('compute')) ? 'node' : 'container'));
  return kind;
}

/** Every policy asks for its targets' kind on every keystroke; most targets share a handful of types. */
const kindOfType = new WeakMap<ResolvedType, PolicyKind>();

function targetKinds(ctx: CheckContext, policy: PolicyTemplate): Set<PolicyKind> {
  const kinds = new Set<PolicyKind>();
  for (const target of policy.targets) {
    const kind = targetKind(ctx.types, ctx.adt, target.name);
    if (kind) kinds.add(kind);
  }
  return kinds;
}

/** RL208, where the check phase's missing-property error (ADT4002) does not already say it. */
function checkContainerBounds(ctx: CheckContext, policy: PolicyTemplate, type: ResolvedType | undefined): void {
  const occurrences = policy.targets.some((t) => ctx.adt.topology?.nodeTemplates.get(t.name)?.occurrences);
  if (occurrences) return;
  const missing = ['min_instances', 'max_instances'].filter((name) => {
    const v = propertyValue(policy, type, name);
    const required = type?.properties.get(name)?.required ?? false;
    return (v === undefined || (isScalar(v) && v.value === null)) && !(required && type?.properties.get(name)?.default === undefined && v === undefined);
  });
  if (missing.length > 0) ctx.sink.report('ADT6208', policy.nameSpan, { policy: policy.name, missing: missing.join(' and ') }, { path: policy.path });
}

function reportFolded(ctx: CheckContext, source: RuleSource): void {
  const { scalar } = source;
  // The value's content, from its first character to its last: the header line only holds the indicator the fix changes.
  const text = source.file.text;
  let start = text.indexOf('\n', scalar.span.start) + 1 || scalar.span.end;
  while (start < scalar.span.end && /\s/.test(text[start]!)) start++;
  let end = scalar.span.end;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  const span: Span = source.bundled && source.policy.type ? source.policy.type.span : { uri: scalar.span.uri, start, end };
  const fixes = source.bundled ? [] : [{ title: "Write the rule as a literal block scalar ('|')", edits: [{ span: { uri: scalar.span.uri, start: scalar.span.start, end: scalar.span.start + 1 }, newText: '|' }] }];
  ctx.sink.report('ADT6503', span, {}, { path: source.path, fixes });
}

function insideString(module: Module, at: { start: number; end: number }): boolean {
  let found = false;
  const visit = (node: unknown): void => {
    if (found || node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(visit);
    const n = node as { kind?: string; start?: number; end?: number };
    if (typeof n.start === 'number' && typeof n.end === 'number' && (at.end <= n.start || at.start >= n.end)) return;
    if (n.kind === 'String') {
      found = (node as StringLiteral).parts.some((p) => p.start < at.start && at.end < p.end);
      return;
    }
    for (const v of Object.values(node)) visit(v);
  };
  visit(module);
  return found;
}

/** RL315 (m_userdata shared), RL317 (alert referenced by several rules), RL409 (alert only in the text), RL410 (list query in a container rule). */
function checkAcrossRules(rules: readonly CheckedRule[], inputs: Inputs): void {
  let userdataOwner: PolicyTemplate | undefined;
  const alertOwner = new Map<string, PolicyTemplate>();
  const seen = new Set<string>();
  for (const rule of rules) {
    // A policy checked for two kinds appears twice; cross-rule facts count it once.
    const once = `${rule.policy.path.join('.')}`;
    const first = !seen.has(once);
    seen.add(once);
    const assignsUserdata = rule.scope.userdataAssignments.length > 0;
    if (assignsUserdata && userdataOwner && userdataOwner !== rule.policy) rule.reporter.report({ code: 'RL315', ...rule.scope.userdataAssignments[0]!, args: { other: userdataOwner.name } });
    if (assignsUserdata && first) userdataOwner ??= rule.policy;
    for (const alert of inputs.alerts) {
      const refs = rule.scope.references.get(alert);
      if (refs?.length) {
        const owner = alertOwner.get(alert);
        if (owner && owner !== rule.policy) rule.reporter.report({ code: 'RL317', ...refs[0]!, args: { alert, other: owner.name } });
        if (!owner) alertOwner.set(alert, rule.policy);
        continue;
      }
      const at = substringAt(rule.text, alert);
      if (at >= 0) rule.reporter.report({ code: 'RL409', start: at, end: at + alert.length, args: { alert } });
    }
    if (rule.kind === 'container') {
      // The names the rule reads, not every query of the ADT: the check stays linear in the number of policies.
      for (const [name, refs] of rule.scope.references) {
        if (inputs.queries.get(name) === 'list' && refs.length > 0 && !inputs.constants.has(name)) rule.reporter.report({ code: 'RL410', ...refs[0]!, args: { name } });
      }
    }
  }
}

function substringAt(text: string, name: string): number {
  return name.length > 0 ? text.indexOf(name) : -1;
}
