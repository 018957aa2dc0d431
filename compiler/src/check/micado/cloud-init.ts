/**
 * cloud-init contextualisation of VM node sets (micado-reference 5.4; spec 7
 * items 35, 36): `append`, `insert` and `overwrite` choose one merge mode, so
 * setting more than one is a mistake (MiCADO quietly prefers insert, then
 * append); `cloud_config` is parsed as YAML and merged key by key into MiCADO's
 * template, so it must be a valid YAML mapping. A syntax error is reported at
 * its place inside a literal block scalar.
 */
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { DiagnosticSink } from '../../diagnostics/sink.js';
import type { NodeTemplate } from '../../model/entities.js';
import { readYaml } from '../../read/read-yaml.js';
import { describeKind, type YMap, type YScalar } from '../../read/yaml-tree.js';
import { SourceFile } from '../../source/source-file.js';
import type { Span } from '../../source/span.js';
import type { CheckContext } from '../check-context.js';
import { isTrue, isVm, nodeType } from './micado-nodes.js';

const MODES = ['insert', 'append', 'overwrite'];

export function checkCloudInit(ctx: CheckContext): void {
  const topology = ctx.adt.topology;
  if (!topology) return;
  for (const t of topology.nodeTemplates.values()) {
    const type = nodeType(ctx, t);
    const context = t.properties?.get('context');
    if (!type || !isVm(type) || context?.kind !== 'map') continue;
    checkModes(ctx, t, context);
    const config = context.get('cloud_config');
    if (config?.kind === 'scalar' && typeof config.value === 'string') checkCloudConfig(ctx, t, config);
  }
}

function checkModes(ctx: CheckContext, t: NodeTemplate, context: YMap): void {
  const set = context.pairs.filter((p) => MODES.includes(p.name) && isTrue(p.value)).sort((a, b) => MODES.indexOf(a.name) - MODES.indexOf(b.name));
  if (set.length < 2) return;
  const chosen = set[0]!;
  for (const p of set.slice(1)) {
    ctx.sink.report('ADT4580', p.key.span, { modes: listed(set.map((m) => `'${m.name}'`)), chosen: chosen.name }, {
      path: [...t.path, 'properties', 'context', p.name],
      related: [{ span: chosen.key.span, message: `'${chosen.name}' wins.` }],
    });
  }
}

function listed(items: readonly string[]): string {
  return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function checkCloudConfig(ctx: CheckContext, t: NodeTemplate, config: YScalar): void {
  const text = config.value as string;
  const sink = new DiagnosticSink();
  const root = readYaml(new SourceFile(`${config.span.uri}#cloud_config`, text), sink).root;
  const path = [...t.path, 'properties', 'context', 'cloud_config'];
  // PyYAML's safe_load accepts duplicate keys (the last wins), so only real syntax errors count.
  const error = sink.diagnostics.find((d) => d.severity === 'error' && d.code !== 'ADT1002');
  if (error) {
    ctx.sink.report('ADT4581', spanInBlock(config, error), { problem: `it is not valid YAML: ${detailOf(error)}` }, { path });
    return;
  }
  if (root && root.kind !== 'map') ctx.sink.report('ADT4581', config.span, { problem: `it is ${describeKind(root)}` }, { path });
}

function detailOf(d: Diagnostic): string {
  const detail = typeof d.args['detail'] === 'string' ? d.args['detail'] : d.message;
  return detail.replace(/[.\s]+$/, '');
}

/** Maps a span of the block's value onto the text as written (literal blocks without an indentation indicator); else the whole scalar. */
function spanInBlock(config: YScalar, d: Diagnostic): Span {
  const header = config.source.split('\n', 1)[0]!;
  if (config.style !== 'literal' || /\d/.test(header)) return config.span;
  const value = config.value as string;
  const lines = config.source.split('\n');
  const firstContent = lines.slice(1).find((l) => l.trim() !== '');
  const indent = firstContent ? firstContent.length - firstContent.trimStart().length : 0;
  const toSource = (offset: number): number => {
    const before = value.slice(0, offset).split('\n');
    const line = before.length - 1;
    const column = before[line]!.length;
    let at = 0;
    for (let k = 0; k <= line && k < lines.length; k++) at += lines[k]!.length + 1;
    const lineText = lines[line + 1] ?? '';
    return config.span.start + Math.min(at + Math.min(indent + column, lineText.length), config.source.length);
  };
  const start = toSource(Math.min(d.span.start, value.length));
  const end = Math.max(start + 1, toSource(Math.min(d.span.end, value.length)));
  return { uri: config.span.uri, start, end: Math.min(end, config.span.end) };
}
