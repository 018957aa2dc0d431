/**
 * Policy Keeper placeholders (micado-reference 6.1, 6.2; spec 7 items 39, 40).
 * The Policy Keeper renders the whole policy text with Jinja2 twice: first with
 * only `stack`, then with the constants of all scaling policies, undefined names
 * becoming empty strings. So every `{{NAME}}` in a scaling policy (alerts,
 * queries, sources, min/max…; the scaling_rule is left to the rule compiler)
 * must name a constant of some scaling policy, or `stack`; anything else
 * between the braces, and `{% %}` statements, misbehave. Constants are not
 * substituted into each other. Constants and queries are global, so the same
 * name with different values in two policies is a collision (the last wins).
 */
import { closest } from '../../diagnostics/did-you-mean.js';
import type { ObjectPath } from '../../diagnostics/diagnostic.js';
import { toPlain, type YNode, type YScalar } from '../../read/yaml-tree.js';
import type { CheckContext } from '../check-context.js';
import { spansInScalar } from './micado-nodes.js';
import { BARE_NAME, JINJA, dataDefinitions, policyValues, scalingPolicies } from './scaling-data.js';

export function checkPlaceholders(ctx: CheckContext): void {
  const policies = scalingPolicies(ctx);
  if (policies.length === 0) return;
  const constants = new Set(dataDefinitions(ctx, 'constants').map((d) => String(d.key.value)));
  for (const p of policies) {
    for (const [name, v] of policyValues(ctx, p)) {
      // The rule compiler resolves placeholders inside scaling rules; defaults are checked where this ADT writes them.
      if (name === 'scaling_rule' || v.value.span.uri !== ctx.adt.file.uri) continue;
      const path = v.own ? [...p.path, 'properties', name] : [...p.path, 'type'];
      walk(ctx, v.value, path, { constants, inConstants: name === 'constants' }, new Set());
    }
  }
  // Constants that collide are the rule checker's RL313 (ADT6313), with the value every rule sees.
  reportCollisions(ctx, 'queries');
}

interface Scope {
  readonly constants: ReadonlySet<string>;
  /** Inside a `constants` map, where only `stack` is substituted. */
  readonly inConstants: boolean;
}

/** `path` is one stack for the whole walk, copied only for a scalar that holds a placeholder. */
function walk(ctx: CheckContext, n: YNode, path: (string | number)[], scope: Scope, seen: Set<YNode>): void {
  if (seen.has(n)) return;
  seen.add(n);
  if (n.kind === 'scalar') {
    if (typeof n.value === 'string' && /\{[{%]/.test(n.value)) checkScalar(ctx, n, n.value, [...path], scope);
    return;
  }
  if (n.kind === 'seq') {
    for (let i = 0; i < n.items.length; i++) {
      path.push(i);
      walk(ctx, n.items[i]!, path, scope, seen);
      path.pop();
    }
    return;
  }
  for (const pair of n.pairs) {
    path.push(pair.name);
    walk(ctx, pair.value, path, scope, seen);
    path.pop();
  }
}

function checkScalar(ctx: CheckContext, n: YScalar, value: string, path: ObjectPath, scope: Scope): void {
  const matches = [...value.matchAll(JINJA)];
  const spans = spansInScalar(n, matches.map((m) => m[0]));
  matches.forEach((m, i) => {
    const span = spans[i]!;
    const text = m[0];
    if (m[2] !== undefined) {
      ctx.sink.report('ADT4531', span, { text: shorten(text), problem: 'is a Jinja statement, which the first pass evaluates before any constant is defined' }, { path });
      return;
    }
    const name = m[1]!.trim();
    if (!BARE_NAME.test(name)) {
      ctx.sink.report('ADT4531', span, { text: shorten(text), problem: problemOf(name) }, { path });
      return;
    }
    if (name === 'stack') return;
    if (!scope.constants.has(name)) {
      const suggestion = closest(name, scope.constants);
      const hint = suggestion ? `Did you mean '${suggestion}'?` : scope.constants.size ? 'Define it under constants of a scaling policy.' : 'This ADT defines no constants; define it under constants of a scaling policy.';
      const fixes = suggestion && span !== n.span ? [{ title: `Change to '{{${suggestion}}}'`, edits: [{ span, newText: `{{${suggestion}}}` }] }] : [];
      ctx.sink.report('ADT4530', span, { placeholder: text, hint }, { path, fixes });
    } else if (scope.inConstants) {
      ctx.sink.report('ADT4533', span, { placeholder: text, name }, { path });
    }
  });
}

function problemOf(expr: string): string {
  if (expr.includes('|')) return 'applies a filter, which the first pass evaluates before any constant is defined (a default() always wins)';
  const access = /^([A-Za-z_]\w*)\s*[.[]/.exec(expr);
  if (access) return `reads an attribute or item, which fails with "'${access[1]}' is undefined" in the first pass`;
  return 'is an expression, which fails or misbehaves in the first pass, where only stack is defined';
}

function shorten(s: string): string {
  const one = s.replace(/\s*\n\s*/g, ' ');
  return one.length > 60 ? `${one.slice(0, 57)}…` : one;
}

/** The same constant or query name with different values in two scaling policies. */
function reportCollisions(ctx: CheckContext, section: 'queries'): void {
  const first = new Map<string, { key: YScalar; text: string }>();
  for (const d of dataDefinitions(ctx, section)) {
    const name = String(d.key.value);
    const text = JSON.stringify(toPlain(d.value));
    const earlier = first.get(name);
    if (!earlier) {
      first.set(name, { key: d.key, text });
      continue;
    }
    if (earlier.text === text || earlier.key === d.key) continue;
    const anchor = d.key.span.uri === ctx.adt.file.uri ? d.key.span : d.policy.nameSpan;
    ctx.sink.report('ADT4532', anchor, { name }, {
      path: [...d.policy.path, 'properties', section, name],
      related: [{ span: earlier.key.span, message: `'${name}' is first defined here.` }],
    });
  }
}
