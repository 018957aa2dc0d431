/**
 * Shared reading helpers of the model phase: expect a YAML kind, check
 * keynames, read names and references, occurrences and constraints. Each one
 * reports its problem (ADT2xxx) and returns undefined, so builders continue.
 */
import { didYouMean, suggest } from '../diagnostics/did-you-mean.js';
import type { ObjectPath } from '../diagnostics/diagnostic.js';
import type { DiagnosticSink } from '../diagnostics/sink.js';
import { describeKind, isNull, type YMap, type YNode, type YScalar, type YSeq } from '../read/yaml-tree.js';
import type { SourceFile } from '../source/source-file.js';
import type { Constraint, Occurrences, Ref, SchemaDef } from './entities.js';
import { CONSTRAINT_OPERATORS, KEYNAMES } from './keynames.js';

/** One item of a list of single-key mappings. */
export interface SingleKeyItem {
  readonly name: string;
  readonly key: YScalar;
  readonly value: YNode;
  /** The item's position in its list. */
  readonly index: number;
  /** The object path of the value: list path, index, name. */
  readonly path: ObjectPath;
}

export class ModelReader {
  constructor(
    readonly file: SourceFile,
    readonly sink: DiagnosticSink,
    /** TOSCA 1.3 files get MiCADO's occurrences/instance_count handling (quirk: tosca-1.3-instances). */
    readonly tosca13: boolean,
  ) {}

  /** The node as a mapping; null (an empty section) reads as absent without a complaint. */
  map(node: YNode | undefined, path: ObjectPath, what: string): YMap | undefined {
    if (node === undefined || isNull(node)) return undefined;
    if (node.kind === 'map') return node;
    // `- host:workers`: without a space after ':' YAML reads one string, not a key and its value.
    const glued = node.kind === 'scalar' && node.style === 'plain' ? /^([\w.-]+):(?=\S)/.exec(String(node.value)) : null;
    if (glued) {
      const text = String((node as YScalar).value);
      const at = node.span.start + glued[0].length;
      const fixes = [{ title: `Write '${glued[1]}: ${text.slice(glued[0].length)}'`, edits: [{ span: { uri: node.span.uri, start: at, end: at }, newText: ' ' }] }];
      this.sink.report('ADT2003', node.span, { what, expected: 'a mapping', actual: `the string '${text}', because ':' starts a mapping only when a space follows it` }, { path, fixes });
      return undefined;
    }
    this.sink.report('ADT2003', node.span, { what, expected: 'a mapping', actual: describeKind(node) }, { path });
    return undefined;
  }

  seq(node: YNode | undefined, path: ObjectPath, what: string): YSeq | undefined {
    if (node === undefined || isNull(node)) return undefined;
    if (node.kind === 'seq') return node;
    this.sink.report('ADT2003', node.span, { what, expected: 'a list', actual: describeKind(node) }, { path });
    return undefined;
  }

  /**
   * Reports keys of `map` that `allowed` does not list. Templates and the
   * service template are strict (MiCADO rejects unknown fields there); type
   * definitions are lenient (MiCADO ignores unknown keys in them).
   */
  keys(map: YMap, path: ObjectPath, entity: string, allowed: readonly string[], strict: boolean): void {
    for (const pair of map.pairs) {
      if (allowed.includes(pair.name)) continue;
      const { hint, fixes } = suggest(pair.name, allowed, pair.key.span, 'Remove it, or check the spelling.');
      this.sink.report(strict ? 'ADT2001' : 'ADT2002', pair.key.span, { key: pair.name, entity, hint }, { path: [...path, pair.name], fixes });
    }
  }

  /** A name (a type, a node template…): a non-empty scalar; numbers are read as their text. */
  ref(node: YNode | undefined, path: ObjectPath, what: string): Ref | undefined {
    if (node === undefined || (node.kind === 'scalar' && node.value === null)) return undefined;
    if (node.kind !== 'scalar') {
      this.sink.report('ADT2003', node.span, { what, expected: 'a name', actual: describeKind(node) }, { path });
      return undefined;
    }
    const name = typeof node.value === 'string' ? node.value : node.source.trim();
    if (name === '') return undefined;
    return { name, span: node.span };
  }

  /** A list of names; a single name is accepted too (TOSCA's short form). */
  refs(node: YNode | undefined, path: ObjectPath, what: string): Ref[] {
    if (node === undefined || isNull(node)) return [];
    if (node.kind === 'scalar') {
      const r = this.ref(node, path, what);
      return r ? [r] : [];
    }
    const list = this.seq(node, path, what);
    if (!list) return [];
    const out: Ref[] = [];
    list.items.forEach((item, i) => {
      const r = this.ref(item, [...path, i], what);
      if (r) out.push(r);
    });
    return out;
  }

  text(node: YNode | undefined): string | undefined {
    if (node?.kind !== 'scalar' || node.value === null) return undefined;
    return String(node.value);
  }

  boolean(node: YNode | undefined, path: ObjectPath, what: string): boolean | undefined {
    if (node === undefined || isNull(node)) return undefined;
    if (node.kind === 'scalar' && node.type === 'bool') return node.value as boolean;
    // tosca-parser accepts the strings "true"/"false" in any case (spec 1.4).
    if (node.kind === 'scalar' && typeof node.value === 'string' && /^(true|false)$/i.test(node.value)) return node.value.toLowerCase() === 'true';
    this.sink.report('ADT2003', node.span, { what, expected: 'true or false', actual: describeKind(node) }, { path });
    return undefined;
  }

  /** `occurrences: [min, max]`, max a non-negative integer or UNBOUNDED (TOSCA 3.6.x). */
  occurrences(node: YNode | undefined, path: ObjectPath): Occurrences | undefined {
    if (node === undefined || isNull(node)) return undefined;
    const bad = () => {
      this.sink.report('ADT2012', node.span, {}, { path });
      return undefined;
    };
    if (node.kind !== 'seq' || node.items.length !== 2) return bad();
    const [lo, hi] = node.items;
    const min = lo?.kind === 'scalar' && lo.type === 'int' ? (lo.value as number) : undefined;
    const max = hi?.kind === 'scalar' && hi.type === 'int' ? (hi.value as number) : hi?.kind === 'scalar' && hi.value === 'UNBOUNDED' ? Infinity : undefined;
    if (min === undefined || max === undefined || min < 0 || max < min) return bad();
    return { min, max, span: node.span };
  }

  /**
   * A list of single-key mappings, `- name: value`, as TOSCA writes requirements,
   * policies and constraints; an item of another shape is reported (ADT2003/ADT2008)
   * and left out. `list` names the section and `item` one entry, for messages.
   */
  singleKeyItems(node: YNode | undefined, path: ObjectPath, list: string, item: string): SingleKeyItem[] {
    const seq = this.seq(node, path, list);
    if (!seq) return [];
    const out: SingleKeyItem[] = [];
    seq.items.forEach((raw, index) => {
      const itemPath = [...path, index];
      const entry = this.map(raw, itemPath, `A ${item}`);
      if (!entry) return;
      if (entry.pairs.length !== 1) {
        // MiCADO's wording for requirements: "Too many requirements per list item!"
        this.reportNotSingleKey(entry, itemPath, list, item.split(' ')[0]!);
        return;
      }
      const { name, key, value } = entry.pairs[0]!;
      out.push({ name, key, value, index, path: [...itemPath, name] });
    });
    return out;
  }

  /**
   * ADT2008. `- scale-app:` followed by `type:`, `targets:` … at the name's own
   * column is a body indented too little (the name's value is empty): say so,
   * and offer to indent the body, rather than to split the item.
   */
  private reportNotSingleKey(entry: YMap, path: ObjectPath, list: string, item: string): void {
    const [first, ...rest] = entry.pairs;
    if (first && isNull(first.value) && first.value.span.start === first.value.span.end) {
      const lines = this.file.lines;
      const from = lines.positionAt(rest[0]!.key.span.start).line;
      const to = lines.positionAt(Math.max(entry.span.start, entry.span.end - 1)).line;
      const edits = [];
      for (let line = from; line <= to; line++) {
        const start = lines.lineStart(line);
        if (lines.lineEnd(line) > start) edits.push({ span: { uri: this.file.uri, start, end: start }, newText: '  ' });
      }
      const advice = `'${first.name}' has no value, and ${rest.map((p) => `'${p.name}'`).join(', ')} stand beside it: indent ${rest.length === 1 ? 'it' : 'them'} under '${first.name}', two spaces further than the name.`;
      this.sink.report('ADT2008', entry.span, { what: list, count: entry.pairs.length, advice }, { path, fixes: [{ title: `Indent the body of '${first.name}'`, edits }] });
      return;
    }
    this.sink.report('ADT2008', entry.span, { what: list, count: entry.pairs.length, advice: `Split it into one item per ${item}.` }, { path });
  }

  /** A list of single-key constraint clauses (TOSCA 3.6.10). */
  constraints(node: YNode | undefined, path: ObjectPath): Constraint[] {
    const out: Constraint[] = [];
    for (const pair of this.singleKeyItems(node, path, 'constraints', 'constraint')) {
      if (!(CONSTRAINT_OPERATORS as readonly string[]).includes(pair.name)) {
        const hint = didYouMean(pair.name, CONSTRAINT_OPERATORS, `Use one of ${CONSTRAINT_OPERATORS.join(', ')}.`);
        this.sink.report('ADT2010', pair.key.span, { operator: pair.name, hint }, { path: pair.path });
        continue;
      }
      const shape = ARGUMENT_SHAPES[pair.name];
      if (shape && !shape.ok(pair.value)) this.sink.report('ADT2011', pair.value.span, { operator: pair.name, expected: shape.expected }, { path: pair.path });
      out.push({ operator: pair.name, operatorSpan: pair.key.span, argument: pair.value, path: pair.path });
    }
    return out;
  }

  /** entry_schema / key_schema: a type name, or a mapping with type and constraints. */
  schema(node: YNode | undefined, path: ObjectPath, strict: boolean): SchemaDef | undefined {
    if (node === undefined || isNull(node)) return undefined;
    if (node.kind === 'scalar') {
      return { type: this.ref(node, path, 'A schema type'), constraints: [], entrySchema: undefined, keySchema: undefined, node };
    }
    const map = this.map(node, path, 'A schema definition');
    if (!map) return undefined;
    this.keys(map, path, 'a schema definition', KEYNAMES.schema, strict);
    return {
      type: this.ref(map.get('type'), [...path, 'type'], 'The schema type'),
      constraints: this.constraints(map.get('constraints'), [...path, 'constraints']),
      entrySchema: this.schema(map.get('entry_schema'), [...path, 'entry_schema'], strict),
      keySchema: this.schema(map.get('key_schema'), [...path, 'key_schema'], strict),
      node,
    };
  }
}

/** The argument each constraint operator takes (TOSCA 3.6.10); `schema` takes anything. */
const ARGUMENT_SHAPES: Readonly<Record<string, { readonly ok: (n: YNode) => boolean; readonly expected: string }>> = {
  in_range: { ok: (n) => n.kind === 'seq' && n.items.length === 2, expected: 'a list [min, max]' },
  valid_values: { ok: (n) => n.kind === 'seq', expected: 'a list of values' },
  length: { ok: (n) => n.kind === 'scalar' && n.type === 'int' && (n.value as number) >= 0, expected: 'a non-negative integer' },
  min_length: { ok: (n) => n.kind === 'scalar' && n.type === 'int' && (n.value as number) >= 0, expected: 'a non-negative integer' },
  max_length: { ok: (n) => n.kind === 'scalar' && n.type === 'int' && (n.value as number) >= 0, expected: 'a non-negative integer' },
  pattern: { ok: (n) => n.kind === 'scalar' && typeof n.value === 'string' && validRegex(n.value), expected: 'a valid regular expression' },
  equal: { ok: (n) => n.kind === 'scalar', expected: 'a single value' },
  greater_than: { ok: (n) => n.kind === 'scalar', expected: 'a single value' },
  greater_or_equal: { ok: (n) => n.kind === 'scalar', expected: 'a single value' },
  less_than: { ok: (n) => n.kind === 'scalar', expected: 'a single value' },
  less_or_equal: { ok: (n) => n.kind === 'scalar', expected: 'a single value' },
};

function validRegex(p: string): boolean {
  try {
    new RegExp(p, 'u');
    return true;
  } catch {
    return false;
  }
}
