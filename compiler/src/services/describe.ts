/**
 * Markdown descriptions of types, properties, node templates and inputs,
 * shared by hover and completion documentation.
 */
import { relative } from 'node:path';
import type { Constraint, NodeTemplate, PropertyDef, TypeDef } from '../model/entities.js';
import { profilesRoot } from '../profiles/micado-refs.js';
import { toPlain, type YNode } from '../read/yaml-tree.js';
import type { TypeRegistry } from '../resolve/type-registry.js';

/** Where a definition lives, for people: a bundled profile's path inside the profiles, else the file name. */
export function whereDefined(uri: string): string {
  return uri.startsWith(profilesRoot) ? `bundled profile ${relative(profilesRoot, uri)}` : (uri.split('/').pop() ?? uri);
}

export function valueText(n: YNode | undefined): string {
  if (!n) return '';
  if (n.kind === 'scalar') return n.source.trim() || String(n.value);
  return JSON.stringify(toPlain(n));
}

function constraintText(c: Constraint): string {
  return `${c.operator}: ${valueText(c.argument)}`;
}

export function typeName(p: PropertyDef): string {
  const type = p.type?.name ?? 'any';
  const entry = p.entrySchema?.type?.name;
  return entry ? `${type} of ${entry}` : type;
}

export function describeType(def: TypeDef, types: TypeRegistry): string {
  const chain = types.resolve(def).chain.map((t) => t.name);
  const lines = [`**${def.name}** (${def.kind} type)`, ''];
  if (chain.length > 1) lines.push(`Derives from ${chain.slice(1).map((n) => `\`${n}\``).join(' → ')}`, '');
  if (def.description) lines.push(def.description.trim(), '');
  lines.push(`Defined in ${whereDefined(def.file.uri)}`);
  return lines.join('\n');
}

export function describeProperty(p: PropertyDef, owner: string | undefined, what: 'property' | 'input' = 'property'): string {
  const lines = [`**${p.name}**: \`${typeName(p)}\` (${what}${p.required ? ', required' : ', optional'})`, ''];
  if (p.description) lines.push(p.description.trim(), '');
  if (p.default) lines.push(`Default: \`${valueText(p.default)}\``, '');
  if (p.constraints.length > 0) lines.push(`Constraints: ${p.constraints.map((c) => `\`${constraintText(c)}\``).join(', ')}`, '');
  lines.push(owner ? `Defined in type \`${owner}\` (${whereDefined(p.file.uri)})` : `Defined in ${whereDefined(p.file.uri)}`);
  return lines.join('\n');
}

export function describeNodeTemplate(t: NodeTemplate, types: TypeRegistry): string {
  const lines = [`**${t.name}** (node template)`, ''];
  if (t.type) lines.push(`Type: \`${t.type.name}\``, '');
  if (t.description) lines.push(t.description.trim(), '');
  const def = t.type ? types.find('node', t.type.name) : undefined;
  if (def?.description) lines.push(`*${def.name}*: ${def.description.trim()}`);
  return lines.join('\n').trim();
}
