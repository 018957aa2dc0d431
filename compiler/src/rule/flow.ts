/**
 * The checker's view of the rule's one flat namespace at a program point
 * (spec §2.1): each assigned or input name with its type, whether it is bound
 * on every path, and where it was last assigned. Branches work on copies and
 * are joined; conditions narrow `None` away (`if Q is not None`, `if Q:`).
 */
import type * as A from '../../../grammar/src/index.js';
import { join, without, type Ty } from './types.js';

export interface Var {
  readonly ty: Ty;
  /** Bound on every path to this point. */
  readonly definite: boolean;
  /** The assignments the current value may come from, with the type each assigned. */
  readonly sites: readonly Site[];
  /** The value may be shared with another variable or container (RL402). */
  readonly aliased?: boolean;
}

export interface Site {
  readonly at: A.Span;
  readonly ty: Ty;
}

export type Env = Map<string, Var>;

export function joinEnv(a: Env, b: Env): Env {
  const out: Env = new Map();
  for (const [name, va] of a) {
    const vb = b.get(name);
    if (!vb) out.set(name, { ...va, definite: false });
    else if (va === vb) out.set(name, va);
    else out.set(name, { ty: join(va.ty, vb.ty), definite: va.definite && vb.definite, sites: va.sites === vb.sites || vb.sites.length === 0 ? va.sites : va.sites.length === 0 ? vb.sites : [...new Set([...va.sites, ...vb.sites])], ...(va.aliased || vb.aliased ? { aliased: true } : {}) });
  }
  for (const [name, vb] of b) if (!a.has(name)) out.set(name, { ...vb, definite: false });
  return out;
}

/** Replaces `into`'s content with `from`'s (expressions narrow the environment in place). */
export function assignEnv(into: Env, from: Env): void {
  into.clear();
  for (const [k, v] of from) into.set(k, v);
}

export function dropNone(env: Env, name: string): void {
  const v = env.get(name);
  if (v) env.set(name, { ...v, ty: without(v.ty, 'none') });
}

const isNone = (e: A.Expression) => e.kind === 'None';

/** A copy of `env` under the assumption that `test` evaluated to `truthy`. */
export function narrow(env: Env, test: A.Expression, truthy: boolean): Env {
  const out = new Map(env);
  narrowInto(out, test, truthy);
  return out;
}

function narrowInto(env: Env, test: A.Expression, truthy: boolean): void {
  switch (test.kind) {
    case 'Name':
      if (truthy) dropNone(env, test.id);
      return;
    case 'UnaryOp':
      if (test.op === 'not') narrowInto(env, test.operand, !truthy);
      return;
    case 'BoolOp':
      // `a and b` true: both true; `a or b` false: both false.
      if ((test.op === 'and') === truthy) for (const v of test.values) narrowInto(env, v, truthy);
      return;
    case 'Compare': {
      if (test.ops.length !== 1) return;
      const op = test.ops[0]!;
      const right = test.comparators[0]!;
      const [subject, other] = isNone(right) ? [test.left, right] : isNone(test.left) ? [right, test.left] : [test.left, right];
      if (subject.kind !== 'Name') return;
      if (isNone(other)) {
        const notNone = op === 'is not' || op === '!=' ? truthy : op === 'is' || op === '==' ? !truthy : false;
        if (notNone) dropNone(env, subject.id);
        return;
      }
      // An ordering that did not raise proves both sides are not None.
      if (op === '<' || op === '>' || op === '<=' || op === '>=') {
        dropNone(env, subject.id);
        if (other.kind === 'Name') dropNone(env, other.id);
      }
      return;
    }
    case 'Call':
      if (truthy && test.func.kind === 'Name' && test.func.id === 'isinstance' && test.args[0]?.kind === 'Name') dropNone(env, test.args[0].id);
      return;
    default:
      return;
  }
}


