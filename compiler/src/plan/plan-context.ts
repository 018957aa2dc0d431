/**
 * What every part of the plan phase reads: the checked model, the resolved
 * inputs, the application id, and where each generated value came from in the
 * ADT, so a manifest the Kubernetes schemas refuse is reported at the property
 * that produced the bad field.
 */
import type { CheckContext } from '../check/check-context.js';
import type { NodeTemplate } from '../model/entities.js';
import type { YNode } from '../read/yaml-tree.js';
import type { ResolvedType } from '../resolve/resolved-type.js';
import type { Span } from '../source/span.js';
import type { Json } from './json.js';
import type { ResolvedInputs } from './inputs.js';

export interface PlanNode {
  readonly t: NodeTemplate;
  readonly type: ResolvedType;
  /** The name after MiCADO's rewrite of '_' and '.' to '-' (micado-reference 1.8). */
  readonly name: string;
}

export interface PlanContext extends CheckContext {
  readonly appId: string;
  readonly inputs: ResolvedInputs;
  readonly origins: Origins;
  /** Node templates with a known type, in ADT order, by their name in the ADT. */
  readonly nodes: ReadonlyMap<string, PlanNode>;
}

/** The ADT node each generated object or list was converted from. */
export class Origins {
  private readonly map = new WeakMap<object, YNode>();

  note(value: Json, from: YNode): void {
    if (typeof value === 'object' && value !== null) this.map.set(value, from);
  }

  /**
   * The span of the ADT value that produced the field at `path` inside `root`: the
   * deepest object on the path that came from the ADT, narrowed to the key's value
   * when the ADT wrote that key; else `fallback`.
   */
  spanAt(root: unknown, path: readonly string[], fallback: Span): Span {
    let best: Span = fallback;
    let cur: unknown = root;
    for (const [i, key] of path.entries()) {
      if (typeof cur !== 'object' || cur === null) return best;
      const from = this.map.get(cur);
      if (from?.kind === 'map') {
        const pair = from.pair(key);
        // The field itself when it is the one at fault (an unknown key), else its value.
        best = pair ? (i === path.length - 1 ? pair.key.span : pair.value.span) : from.span;
      } else if (from?.kind === 'seq') {
        best = from.items[Number(key)]?.span ?? from.span;
      } else if (from) best = from.span;
      cur = (cur as Record<string, unknown>)[key];
    }
    const last = typeof cur === 'object' && cur !== null ? this.map.get(cur) : undefined;
    return path.length === 0 && last ? last.span : best;
  }
}
