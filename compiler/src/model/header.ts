/**
 * The service template's header (TOSCA 1.0 3.9.3, 1.3 3.10.1): which version
 * the file declares, that it declares it first, and the types of description,
 * template_name, template_author, template_version and metadata values.
 * Reports ADT2003/2005/2006/2020–2023.
 */
import type { ObjectPath } from '../diagnostics/diagnostic.js';
import { describeKind, isNull, type YMap, type YNode } from '../read/yaml-tree.js';
import type { Ref } from './entities.js';
import { TOSCA_VERSIONS, VERSION_SYNTAX, versionOfNamespaceUri } from './keynames.js';
import type { ModelReader } from './model-reader.js';

/** The declared version, by its short name (a namespace URI is read as the version it names); undefined when absent or unreadable. */
export function declaredVersion(r: ModelReader, map: YMap): Ref | undefined {
  const pair = map.pair('tosca_definitions_version');
  const version = r.ref(pair?.value, ['tosca_definitions_version'], 'tosca_definitions_version');
  if (!pair) {
    const file = r.file;
    r.sink.report('ADT2005', { uri: file.uri, start: 0, end: Math.min(file.text.indexOf('\n') >>> 0, file.text.length) }, {}, { path: [] });
    return undefined;
  }
  const first = map.pairs[0]!;
  if (first !== pair) r.sink.report('ADT2021', pair.key.span, { first: first.name }, { path: ['tosca_definitions_version'] });
  if (!version) return undefined;
  const name = versionOfNamespaceUri(version.name) ?? version.name;
  if (!(TOSCA_VERSIONS as readonly string[]).includes(name)) {
    r.sink.report('ADT2006', version.span, { version: version.name, valid: TOSCA_VERSIONS.join(', ') }, {
      path: ['tosca_definitions_version'],
      fixes: [{ title: 'Use tosca_simple_yaml_1_2', edits: [{ span: version.span, newText: 'tosca_simple_yaml_1_2' }] }],
    });
  } else if (name === 'tosca_simple_yaml_1_1') {
    r.sink.report('ADT2020', version.span, {}, { path: ['tosca_definitions_version'] });
  }
  return { name, span: version.span };
}

/**
 * description, template_name and template_author are strings, template_version a version; TOSCA 1.0 writes the
 * template_* keys at the top level, later versions inside metadata, so both places are checked.
 */
export function checkHeaderValues(r: ModelReader, map: YMap): void {
  for (const key of ['description', 'template_name', 'template_author']) expectText(r, map.get(key), [key], key);
  expectVersion(r, map.get('template_version'), ['template_version'], 'template_version');
  const metadata = map.get('metadata');
  if (r.map(metadata, ['metadata'], 'metadata')) checkMetadata(r, metadata, ['metadata'], true);
}

/**
 * A metadata map (any entity's): its values are strings, and in a service template the template_* entries are
 * typed as above. `structured` names entries MiCADO gives a structure of their own.
 */
export function checkMetadata(r: ModelReader, node: YNode | undefined, path: ObjectPath, serviceTemplate = false, structured: readonly string[] = []): void {
  const map = node?.kind === 'map' ? node : undefined;
  if (!map) return;
  for (const { name, value } of map.pairs) {
    const p = [...path, name];
    if (serviceTemplate && (name === 'template_name' || name === 'template_author')) expectText(r, value, p, `metadata ${name}`);
    else if (serviceTemplate && name === 'template_version') expectVersion(r, value, p, `metadata ${name}`);
    else if (value.kind !== 'scalar' && !structured.includes(name)) r.sink.report('ADT2023', value.span, { key: name, actual: describeKind(value) }, { path: p });
  }
}

function expectText(r: ModelReader, node: YNode | undefined, path: ObjectPath, what: string): void {
  if (node === undefined || node.kind === 'scalar') return;
  r.sink.report('ADT2003', node.span, { what, expected: 'a string', actual: describeKind(node) }, { path });
}

function expectVersion(r: ModelReader, node: YNode | undefined, path: ObjectPath, what: string): void {
  if (node === undefined || isNull(node)) return;
  const text = node.kind === 'scalar' ? (typeof node.value === 'string' ? node.value : node.source.trim()) : undefined;
  if (text !== undefined && VERSION_SYNTAX.test(text)) return;
  r.sink.report('ADT2022', node.span, { what, actual: text === undefined ? describeKind(node) : `'${text}'` }, { path });
}
