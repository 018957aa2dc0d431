/**
 * Phase 1, read: YAML text to the positioned tree of yaml-tree.ts.
 *
 * Takes a SourceFile; hands on the root node (undefined for an empty file).
 * Reports ADT1xxx. Reading never stops at the first problem: the `yaml`
 * package recovers from syntax errors, and whatever it could read is converted.
 *
 * Scalars are parsed with the failsafe schema (every scalar a string) and then
 * typed here with PyYAML's YAML 1.1 rules (plain-scalars.ts), because that is
 * how MiCADO reads them. Duplicate keys, aliases and merge keys are handled here
 * rather than by the `yaml` package, so that each problem gets both spans, and
 * alias expansion is bounded (a "billion laughs" file stays small).
 */
import { parseAllDocuments, isAlias, isMap, isScalar, isSeq, type Document, type Node as YamlNode, type Scalar } from 'yaml';
import { DiagnosticSink, type ReportOptions } from '../diagnostics/sink.js';
import type { Code, MessageArgs } from '../diagnostics/catalogue.js';
import type { SourceFile } from '../source/source-file.js';
import type { Span } from '../source/span.js';
import { isRetained, rememberRead, spliceRead } from './incremental-read.js';
import { resolvePlain, type Typed } from './plain-scalars.js';
import { YMap, type ScalarStyle, type YNode, type YPair, type YScalar, type YSeq } from './yaml-tree.js';

/** How many nodes alias expansion may add to one document before it is refused. */
export const ALIAS_EXPANSION_LIMIT = 100_000;

export interface ReadResult {
  readonly file: SourceFile;
  /** The document's root node; undefined when the file holds no document. */
  readonly root: YNode | undefined;
}

export interface ReadOptions {
  /**
   * Imported files are read by MiCADO with PyYAML, which keeps the last of two
   * duplicate keys; only the ADT itself goes through a loader that refuses them.
   */
  readonly imported?: boolean;
}

export function readYaml(file: SourceFile, sink: DiagnosticSink, options: ReadOptions = {}): ReadResult {
  const retained = !options.imported && isRetained(file.uri);
  if (retained) {
    // A splice is only tried from a clean read and only kept when clean: it reports nothing, as a full read would not.
    const spliced = spliceRead(file, (entry) => read(entry, new DiagnosticSink(), {}));
    if (spliced) {
      rememberRead(file, spliced, true);
      return { file, root: spliced };
    }
  }
  const { root, clean } = read(file, sink, options);
  if (retained) rememberRead(file, root, clean);
  return { file, root };
}

/** A full read; `clean` when it reported nothing and used no anchors, aliases or merge keys (so it can be spliced into). */
function read(file: SourceFile, sink: DiagnosticSink, options: ReadOptions): { root: YNode | undefined; clean: boolean } {
  const docs = parseAllDocuments(file.text, {
    keepSourceTokens: false,
    schema: 'failsafe',
    uniqueKeys: false,
    prettyErrors: false,
    strict: false,
  });
  const list: Document.Parsed[] = Array.isArray(docs) ? docs : [];
  const first = list[0];
  if (!first) return { root: undefined, clean: false };
  // A key indented with a tab is attached wherever the parser's recovery put it, which is rarely
  // where the author meant; dropping it keeps one mistake to one diagnostic (ADT1003).
  const tabIndentedLines = new Set<number>();
  for (const error of first.errors) if (error.code === 'TAB_AS_INDENT') tabIndentedLines.add(file.lines.positionAt(error.pos[0]).line);
  // A tab in a line's indentation (also inside a block scalar, where the parser does not name it) breaks the
  // structure from there on: each such tab is named (the pipeline then leaves out the syntax errors after the first).
  const lineStartOf = (at: number) => file.lines.lineStart(file.lines.positionAt(at).line);
  const tabs = indentationTabs(file.text);
  const broken = tabs.some((at) => first.errors.some((e) => e.pos[0] >= lineStartOf(at)));
  if (broken) {
    for (const at of tabs) {
      tabIndentedLines.add(file.lines.positionAt(at).line);
      const span = { uri: file.uri, start: at, end: at + 1 };
      sink.report('ADT1003', span, {}, { fixes: tabFix(file, span) });
    }
  }
  for (const error of first.errors) {
    if (!(broken && error.code === 'TAB_AS_INDENT')) reportSyntaxError(file, sink, error.code, error.message, error.pos);
  }
  const second = list[1];
  if (second) {
    const start = second.range[0];
    sink.report('ADT1007', lineSpan(file, start), {});
  }
  const reader = new TreeReader(file, sink, tabIndentedLines, options.imported ?? false);
  const root = first.contents ? reader.node(first.contents as YamlNode) : undefined;
  return { root, clean: first.errors.length === 0 && !second && reader.clean };
}

/** The offset of the first tab in each line's leading whitespace. */
function indentationTabs(text: string): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(/^[ ]*\t/gm)) out.push(m.index + m[0].length - 1);
  return out;
}

function lineSpan(file: SourceFile, offset: number): Span {
  const line = file.lines.positionAt(offset).line;
  return { uri: file.uri, start: offset, end: Math.max(offset + 1, file.lines.lineEnd(line)) };
}

/** Rewords the `yaml` package's messages where ADT authors commonly hit them. */
const FRIENDLIER: Readonly<Record<string, string>> = {
  BLOCK_AS_IMPLICIT_KEY: "A ': ' inside a plain value starts a nested mapping, which is not allowed here; put the value in quotes.",
  MULTILINE_IMPLICIT_KEY: "A key must fit on one line; a ':' may be missing after the key, or a quote may be unclosed.",
  BAD_INDENT: '',
  MISSING_CHAR: '',
};

function reportSyntaxError(file: SourceFile, sink: DiagnosticSink, code: string, message: string, pos: [number, number]): void {
  let [start, end] = pos;
  start = Math.max(0, Math.min(start, file.text.length));
  end = Math.max(start, Math.min(end, file.text.length));
  if (end === start) {
    if (end < file.text.length) end++;
    else if (start > 0) start--;
  }
  // A value its tag cannot take is reported once, by the tree reader (ADT1011), on the value itself.
  if (code === 'TAG_RESOLVE_FAILED') return;
  const span = { uri: file.uri, start, end };
  if (code === 'TAB_AS_INDENT') {
    sink.report('ADT1003', span, {}, { fixes: tabFix(file, span) });
    return;
  }
  const friendly = FRIENDLIER[code];
  let detail = friendly ? friendly : message.split('\n')[0]!.trim();
  if (!/[.!?]$/.test(detail)) detail += '.';
  sink.report('ADT1001', span, { detail });
}

function tabFix(file: SourceFile, span: Span) {
  let end = span.start;
  while (end < file.text.length && (file.text[end] === '\t' || file.text[end] === ' ')) end++;
  let start = span.start;
  while (start > 0 && (file.text[start - 1] === '\t' || file.text[start - 1] === ' ')) start--;
  // Tab stops every 8 columns, as Python and most terminals expand them (a tab then spaces keeps its depth).
  let spaces = '';
  for (const ch of file.text.slice(start, end)) spaces += ch === '\t' ? ' '.repeat(8 - (spaces.length % 8)) : ' ';
  return [{ title: 'Replace tabs with spaces', edits: [{ span: { uri: file.uri, start, end }, newText: spaces }] }];
}

const STYLE: Readonly<Record<string, ScalarStyle>> = {
  PLAIN: 'plain',
  QUOTE_SINGLE: 'single-quoted',
  QUOTE_DOUBLE: 'double-quoted',
  BLOCK_LITERAL: 'literal',
  BLOCK_FOLDED: 'folded',
};

const CORE_TAG = 'tag:yaml.org,2002:';

class TreeReader {
  private readonly converted = new Map<YamlNode, YNode>();
  private readonly inProgress = new Set<YamlNode>();
  private readonly weights = new Map<YNode, number>();
  private readonly anchors = new Map<string, YamlNode>();
  private aliasBudget = ALIAS_EXPANSION_LIMIT;
  private budgetReported = false;
  /** Nothing reported, no anchor, alias or merge key: the tree can be spliced into (incremental-read.ts). */
  clean = true;

  constructor(
    private readonly file: SourceFile,
    private readonly sink: DiagnosticSink,
    private readonly tabIndentedLines: ReadonlySet<number>,
    private readonly imported: boolean,
  ) {}

  private report<C extends Code>(code: C, span: Span, args: MessageArgs<C>, options?: ReportOptions): void {
    this.clean = false;
    this.sink.report(code, span, args, options);
  }

  node(n: YamlNode): YNode {
    if (isAlias(n)) {
      this.clean = false;
      return this.alias(n.source, this.span(n.range));
    }
    const done = this.converted.get(n);
    if (done) return done;
    const anchor = (n as { anchor?: string }).anchor;
    if (anchor) {
      this.anchors.set(anchor, n);
      this.clean = false;
    }
    this.inProgress.add(n);
    let result: YNode;
    if (isScalar(n)) result = this.scalar(n);
    else if (isMap(n)) result = this.map(n.items, this.collectionSpan(n.range), n.tag);
    else if (isSeq(n)) result = this.seq(n.items as YamlNode[], this.collectionSpan(n.range), n.tag);
    else result = this.nullAt(this.span((n as { range?: [number, number, number] }).range));
    this.inProgress.delete(n);
    this.converted.set(n, result);
    return result;
  }

  private span(range: readonly number[] | null | undefined): Span {
    const start = range?.[0] ?? 0;
    const end = range?.[1] ?? start;
    return { uri: this.file.uri, start, end };
  }

  /** A block collection's range runs over the line breaks and comment lines after its last item; its span ends at the last item. */
  private collectionSpan(range: readonly number[] | null | undefined): Span {
    const span = this.span(range);
    const { text, lines } = this.file;
    let end = span.end;
    for (;;) {
      while (end > span.start && /\s/.test(text[end - 1]!)) end--;
      const lineStart = lines.lineStart(lines.positionAt(end).line);
      if (lineStart <= span.start || !text.slice(lineStart, end).trimStart().startsWith('#')) break;
      end = lineStart;
    }
    return { ...span, end };
  }

  private weight(n: YNode): number {
    return this.weights.get(n) ?? 1;
  }

  private alias(name: string, at: Span): YNode {
    const target = this.anchors.get(name);
    if (!target) {
      this.report('ADT1006', at, { alias: name });
      return this.nullAt(at);
    }
    if (this.inProgress.has(target)) {
      this.report('ADT1008', at, { alias: name });
      return this.nullAt(at);
    }
    const resolved = this.node(target);
    this.aliasBudget -= this.weight(resolved);
    if (this.aliasBudget < 0) {
      if (!this.budgetReported) this.report('ADT1005', at, { alias: name, limit: ALIAS_EXPANSION_LIMIT });
      this.budgetReported = true;
      return this.nullAt(at);
    }
    return resolved;
  }

  private nullAt(at: Span, implicit = false): YScalar {
    return { kind: 'scalar', span: at, value: null, type: 'null', style: 'plain', source: '', ...(implicit ? { implicit } : {}) };
  }

  private scalar(n: Scalar): YScalar {
    const span = this.span(n.range);
    const style = STYLE[n.type ?? 'PLAIN'] ?? 'plain';
    const source = this.file.text.slice(span.start, span.end);
    // A !!timestamp the YAML library already turned into a Date is read from what the file says.
    const text = typeof n.value === 'string' ? n.value : n.value instanceof Date ? (n.source ?? source) : String(n.value ?? '');
    let typed: Typed & { readonly unreadable?: true } = style === 'plain' ? resolvePlain(text) : { type: 'str', value: text };
    if (n.tag && n.tag !== '!') typed = this.applyTag(n.tag, text, typed, span);
    return { kind: 'scalar', span, value: typed.value, type: typed.type, style, source, ...(n.tag ? { tag: n.tag } : {}), ...(typed.unreadable ? { unreadable: true } : {}) };
  }

  private applyTag(tag: string, text: string, implicit: Typed, span: Span): Typed & { readonly unreadable?: true } {
    const core = tag.startsWith(CORE_TAG) ? tag.slice(CORE_TAG.length) : undefined;
    switch (core) {
      case 'str':
        return { type: 'str', value: text };
      case 'int':
      case 'float':
      case 'bool':
      case 'null':
      case 'timestamp': {
        const typed = resolvePlain(text.trim());
        if (typed.type === core || (core === 'float' && typed.type === 'int')) {
          return core === 'float' ? { type: 'float', value: Number(typed.value) } : typed;
        }
        this.report('ADT1011', span, { value: text, tag: `!!${core}` });
        return { type: 'str', value: text, unreadable: true };
      }
      default:
        this.report('ADT1004', this.tagSpan(span), { tag: core ? `!!${core}` : tag });
        return implicit;
    }
  }

  private seq(items: readonly YamlNode[], span: Span, tag: string | undefined): YSeq {
    const out: YNode[] = [];
    let weight = 1;
    for (const item of items) {
      const child = item ? this.node(item) : this.nullAt(span);
      out.push(child);
      weight += this.weight(child);
    }
    this.checkCollectionTag(tag, 'seq', span);
    const result: YSeq = { kind: 'seq', span, items: out, ...(tag ? { tag } : {}) };
    this.weights.set(result, weight);
    return result;
  }

  private map(items: readonly { key: unknown; value: unknown }[], span: Span, tag: string | undefined): YMap {
    const explicit: YPair[] = [];
    const merged: YPair[] = [];
    const firstByName = new Map<string, YPair>();
    for (const item of items) {
      const keyNode = item.key as YamlNode | null;
      if (keyNode?.range && this.tabIndentedLines.has(this.file.lines.positionAt(keyNode.range[0]).line)) {
        // Still read the value, so that anchors in it stay defined for later aliases.
        if (item.value) this.node(item.value as YamlNode);
        continue;
      }
      if (keyNode && isScalar(keyNode) && keyNode.type === 'PLAIN' && keyNode.value === '<<' && !keyNode.tag) {
        this.merge(item.value as YamlNode | null, this.span(keyNode.range), merged);
        continue;
      }
      const key = this.key(keyNode, span);
      if (!key) continue;
      const name = typeof key.value === 'string' ? key.value : key.value === null ? '' : key.source.trim();
      const value = item.value ? this.node(item.value as YamlNode) : this.nullAt(key.span, true);
      const pair: YPair = { key, name, value };
      const earlier = firstByName.get(name);
      if (earlier) {
        this.report(this.imported ? 'ADT1012' : 'ADT1002', key.span, { key: name }, {
          related: [{ span: earlier.key.span, message: `'${name}' first appears here.` }],
        });
      } else {
        firstByName.set(name, pair);
      }
      explicit.push(pair);
    }
    // PyYAML puts merged pairs first; explicit keys override them, earlier merges override later ones.
    const pairs: YPair[] = [];
    const taken = new Set(firstByName.keys());
    for (const p of merged) {
      if (taken.has(p.name)) continue;
      taken.add(p.name);
      pairs.push(p);
    }
    pairs.push(...explicit);
    this.checkCollectionTag(tag, 'map', span);
    const result = new YMap(span, pairs, tag);
    let weight = 1;
    for (const p of pairs) weight += 1 + this.weight(p.value);
    this.weights.set(result, weight);
    return result;
  }

  private key(keyNode: YamlNode | null, mapSpan: Span): YScalar | undefined {
    if (keyNode === null) return this.nullAt({ uri: mapSpan.uri, start: mapSpan.start, end: mapSpan.start });
    const node = this.node(keyNode);
    if (node.kind === 'scalar') return node;
    this.report('ADT1010', this.span(keyNode.range), { kind: node.kind === 'map' ? 'mapping' : 'list' });
    return undefined;
  }

  private merge(value: YamlNode | null, keySpan: Span, into: YPair[]): void {
    this.clean = false;
    const sources: YNode[] = [];
    const node = value ? this.node(value) : undefined;
    if (node?.kind === 'map') sources.push(node);
    else if (node?.kind === 'seq' && node.items.every((i) => i.kind === 'map')) sources.push(...node.items);
    else {
      // Point at what follows '<<:' here (an alias, not the anchored value it names), or at '<<' when nothing does.
      const written = value?.range ? this.span(value.range) : undefined;
      this.report('ADT1009', written && written.end > written.start ? written : keySpan, {});
      return;
    }
    for (const source of sources) if (source.kind === 'map') into.push(...source.pairs);
  }

  private checkCollectionTag(tag: string | undefined, kind: 'map' | 'seq', span: Span): void {
    if (!tag || tag === '!') return;
    const expected = CORE_TAG + kind;
    if (tag === expected || (kind === 'map' && tag === CORE_TAG + 'omap')) return;
    this.report('ADT1004', this.tagSpan(span), { tag });
  }

  /**
   * Where the tag of the node at `node` is written (`!custom`, `!!binary`): the `yaml` package leaves the
   * tag out of the node's range. Looks back over comments and at most one anchor.
   */
  private tagSpan(node: Span): Span {
    const { text, lines } = this.file;
    let end = node.start;
    let anchors = 0;
    while (anchors < 2) {
      while (end > 0 && /\s/.test(text[end - 1]!)) end--;
      if (end === 0) break;
      const lineStart = lines.lineStart(lines.positionAt(end - 1).line);
      const comment = /(?:^|\s)#/.exec(text.slice(lineStart, end));
      if (comment) {
        end = lineStart + comment.index;
        continue;
      }
      let start = end;
      while (start > lineStart && !/\s/.test(text[start - 1]!)) start--;
      if (text[start] === '!') return { uri: node.uri, start, end };
      if (text[start] !== '&') break;
      end = start;
      anchors++;
    }
    return node;
  }
}
