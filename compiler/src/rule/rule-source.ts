/**
 * Where a policy's rule text lives (spec §8.2) and how its offsets map into
 * that file: the policy template's `scaling_rule` property, else the most
 * derived `default` of that property in the policy type hierarchy (inline
 * `policy_types`, an imported file, or a bundled MiCADO profile). A folded
 * scalar (`>`) loses the rule's line structure: it gets RL503 and no further
 * checks.
 */
import type { ObjectPath } from '../diagnostics/diagnostic.js';
import type { PolicyTemplate } from '../model/entities.js';
import { isScalar, type YScalar } from '../read/yaml-tree.js';
import type { ResolvedType } from '../resolve/resolved-type.js';
import type { SourceFile } from '../source/source-file.js';
import { decodeScalar } from './decode-scalar.js';
import type { SourceMap } from './source-map.js';

export interface RuleSource {
  readonly policy: PolicyTemplate;
  readonly scalar: YScalar;
  /** The file that holds the scalar. */
  readonly file: SourceFile;
  readonly path: ObjectPath;
  /** Set when the text is a type's default: that type's name. */
  readonly fromType?: string;
  /** The text comes from a bundled profile: diagnostics go on the policy's `type:` value. */
  readonly bundled: boolean;
}

export function locateRule(policy: PolicyTemplate, adtFile: SourceFile, type: ResolvedType | undefined, isBundled: (uri: string) => boolean): RuleSource | undefined {
  const own = policy.properties?.get('scaling_rule');
  if (own !== undefined) {
    if (!isScalar(own) || typeof own.value !== 'string') return undefined;
    return { policy, scalar: own, file: adtFile, path: [...policy.path, 'properties', 'scaling_rule'], bundled: false };
  }
  for (const t of type?.chain ?? []) {
    const def = t.def.properties.get('scaling_rule');
    if (!def?.default) continue;
    if (!isScalar(def.default) || typeof def.default.value !== 'string') return undefined;
    return { policy, scalar: def.default, file: def.file, path: [...def.path, 'default'], fromType: t.name, bundled: isBundled(def.file.uri) };
  }
  return undefined;
}

export interface DecodedRule {
  readonly text: string;
  /** Rule offsets to offsets in the source's file. */
  readonly map: SourceMap;
}

/** The rule text and its map; undefined for a folded scalar (RL503). */
export function decodeRule(source: RuleSource): DecodedRule | undefined {
  const { scalar } = source;
  if (scalar.style === 'folded') return undefined;
  // Decoding reads the scalar's lines only (from the start of its key's line, for the indentation, to the end of its last line).
  const text = source.file.text;
  const from = text.lastIndexOf('\n', scalar.span.start - 1) + 1;
  const lineEnd = text.indexOf('\n', scalar.span.end);
  const to = lineEnd < 0 ? text.length : lineEnd + 1;
  const key = `${scalar.style}\u0000${scalar.span.start - from}\u0000${scalar.span.end - from}\u0000${String(scalar.value)}\u0000${text.slice(from, to)}`;
  const known = decoded.get(key);
  if (known) return { text: known.text, map: known.map.moved(from) };
  const result = decodeScalar(scalar, text);
  if (decoded.size >= DECODED_LIMIT) decoded.delete(decoded.keys().next().value!);
  decoded.set(key, { text: result.text, map: result.map.moved(-from) });
  return result;
}

/**
 * Decoded rules by their lines, with maps relative to the first line: the language server decodes every rule of
 * the ADT on each keystroke, where all but one are unchanged (at most moved) and a generated ADT repeats one rule
 * hundreds of times. Bounded, oldest evicted first.
 */
const decoded = new Map<string, DecodedRule>();
const DECODED_LIMIT = 1024;

/**
 * The ADT line (1-based) of each line of a rule's (substituted) text, for the
 * compiled module's run-time errors (issue 3): entry k - 1 is the line that
 * rule line k starts on, through escapes and placeholders. A rule from another
 * file (an imported or bundled type's default) has no line in the ADT: all its
 * lines map to the policy's `type:`, which names where the rule comes from.
 */
export function adtLines(source: RuleSource, text: string, map: SourceMap, adt: SourceFile): number[] {
  const elsewhere = source.file.uri !== adt.uri;
  const typeLine = adt.lines.positionAt((source.policy.type?.span ?? source.policy.nameSpan).start).line + 1;
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts.map((start) => (elsewhere ? typeLine : adt.lines.positionAt(map.toFile(start, start).start).line + 1));
}
