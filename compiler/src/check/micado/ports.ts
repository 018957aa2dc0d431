/**
 * Container ports (micado-reference 3.5, 4.7; spec 7 item 25). Each `ports`
 * entry of a container is a container port (a truthy containerPort) or a
 * Service port, which needs port, published, targetPort or target ("Missing
 * 'port' in definition"); clusterIP must be None or in 10.96.0.0–10.111.255.255.
 * Compose's short form ("8080:80") is refused with a fix to the mapping form.
 * nodePort's range and the protocol are checked here only when the entry's data
 * type does not already constrain them (ports_type does, in every profile).
 */
import type { ObjectPath } from '../../diagnostics/diagnostic.js';
import type { YMap, YNode, YScalar } from '../../read/yaml-tree.js';
import type { ResolvedType } from '../../resolve/resolved-type.js';
import type { CheckContext } from '../check-context.js';
import { asFunctionCall } from '../../model/functions.js';
import { isContainer, nodeType, stringOf } from './micado-nodes.js';

const PROTOCOLS = ['TCP', 'UDP', 'SCTP'];

export function checkPorts(ctx: CheckContext): void {
  const topology = ctx.adt.topology;
  if (!topology) return;
  for (const t of topology.nodeTemplates.values()) {
    const type = nodeType(ctx, t);
    const ports = t.properties?.get('ports');
    if (!type || !isContainer(type) || ports?.kind !== 'seq') continue;
    const constrained = constrainedFields(ctx, type);
    ports.items.forEach((entry, i) => {
      const path = [...t.path, 'properties', 'ports', i];
      if (entry.kind === 'scalar') checkShortForm(ctx, entry, path);
      else if (entry.kind === 'map' && !asFunctionCall(entry)) checkEntry(ctx, entry, path, constrained);
    });
  }
}

/** Fields of the `ports` entries' data type that carry constraints (already checked against them). */
function constrainedFields(ctx: CheckContext, type: ResolvedType): Set<string> {
  const schema = type.properties.get('ports')?.entrySchema?.type;
  const data = schema ? ctx.types.find('data', schema.name) : undefined;
  const out = new Set<string>();
  if (data) for (const [name, def] of ctx.types.resolve(data).properties) if (def.constraints.length > 0) out.add(name);
  return out;
}

function checkEntry(ctx: CheckContext, entry: YMap, path: ObjectPath, constrained: ReadonlySet<string>): void {
  const given = (key: string) => isSet(entry.get(key));
  if (given('containerPort')) return;
  if (!['port', 'published', 'targetPort', 'target'].some(given)) {
    ctx.sink.report('ADT4550', entry.pairs[0]?.key.span ?? entry.span, {}, { path });
  }
  const ip = entry.get('clusterIP');
  const ipText = stringOf(ip);
  if (ip && ipText !== undefined && ipText !== 'None' && !inServiceRange(ipText)) {
    ctx.sink.report('ADT4551', ip.span, { ip: ipText }, { path: [...path, 'clusterIP'] });
  }
  const nodePort = entry.get('nodePort');
  if (!constrained.has('nodePort') && nodePort?.kind === 'scalar' && typeof nodePort.value === 'number' && (nodePort.value < 30000 || nodePort.value > 32767)) {
    ctx.sink.report('ADT4553', nodePort.span, { port: nodePort.value }, { path: [...path, 'nodePort'] });
  }
  const protocol = entry.get('protocol');
  const protocolText = stringOf(protocol);
  if (!constrained.has('protocol') && protocol && protocolText !== undefined && !PROTOCOLS.includes(protocolText.toUpperCase())) {
    ctx.sink.report('ADT4554', protocol.span, { protocol: protocolText }, { path: [...path, 'protocol'] });
  }
}

/** Python truthiness of a scalar (MiCADO tests `if port.get(...)`); a function counts as given. */
function isSet(n: YNode | undefined): boolean {
  if (n === undefined) return false;
  if (n.kind !== 'scalar') return true;
  return n.value !== null && n.value !== 0 && n.value !== false && n.value !== '';
}

/** 10.96.0.0–10.111.255.255, MiCADO's default Service CIDR. */
function inServiceRange(ip: string): boolean {
  const m = /^10\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip.trim());
  if (!m) return false;
  const [b, c, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return b >= 96 && b <= 111 && c <= 255 && d <= 255;
}

/** Compose's "[HOST:]CONTAINER[/PROTOCOL]"; the fix writes the Compose-style mapping MiCADO reads the right way round. */
function checkShortForm(ctx: CheckContext, entry: YScalar, path: ObjectPath): void {
  if (entry.value === null) return;
  const text = String(entry.value);
  const m = /^\s*(?:(\d+):)?(\d+)(?:\/(tcp|udp|sctp))?\s*$/i.exec(text);
  const fields = m ? [...(m[1] ? [`published: ${m[1]}`] : []), `target: ${m[2]}`, ...(m[3] ? [`protocol: ${m[3].toUpperCase()}`] : [])] : undefined;
  const mapping = fields ? `{${fields.join(', ')}}` : undefined;
  const fixes = mapping ? [{ title: `Change to ${mapping}`, edits: [{ span: entry.span, newText: mapping }] }] : [];
  ctx.sink.report('ADT4552', entry.span, { text, proposal: mapping ? `: ${mapping}` : " with 'port' and 'targetPort'" }, { path, fixes });
}
