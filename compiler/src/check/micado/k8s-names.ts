/**
 * Kubernetes names given as properties (micado-reference 3.5, 4.2, 4.4, 4.8):
 * the `name` and `container_name` of a container become its container name, and
 * the `name` of a volume its pod volume name; Kubernetes requires DNS-1123
 * labels there. An underscore gets MiCADO's own error (its translation refuses
 * it before Kubernetes sees it); uppercase, other characters and names longer
 * than 63 get Kubernetes' rule. Each error carries a fix with a valid name.
 */
import type { NodeTemplate } from '../../model/entities.js';
import type { CheckContext } from '../check-context.js';
import { VOLUME, isContainer, nodeType } from './micado-nodes.js';
import { normaliseNodeName } from './node-names.js';

const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export function checkK8sNames(ctx: CheckContext): void {
  const topology = ctx.adt.topology;
  if (!topology) return;
  for (const t of topology.nodeTemplates.values()) {
    const type = nodeType(ctx, t);
    if (!type) continue;
    if (isContainer(type)) {
      checkName(ctx, t, 'name');
      checkName(ctx, t, 'container_name');
    } else if (type.derivesFrom(VOLUME)) {
      checkName(ctx, t, 'name');
    }
  }
}

function checkName(ctx: CheckContext, t: NodeTemplate, property: string): void {
  const value = t.properties?.get(property);
  // Only literal strings: a function or an inline get_input is resolved at deployment.
  if (value?.kind !== 'scalar' || typeof value.value !== 'string' || value.value.includes('{{')) return;
  const name = value.value;
  if (LABEL.test(name) && name.length <= 63) return;
  const proposal = propose(name, t.name);
  const fixes = [{ title: `Change to '${proposal}'`, edits: [{ span: value.span, newText: proposal }] }];
  const path = [...t.path, 'properties', property];
  if (name.includes('_')) {
    // MiCADO's message names the node after its own renaming (1.8).
    ctx.sink.report('ADT4510', value.span, { node: normaliseNodeName(t.name), property, proposal }, { path, fixes });
    return;
  }
  ctx.sink.report('ADT4511', value.span, { node: t.name, property, value: name, problem: problemOf(name), proposal }, { path, fixes });
}

function problemOf(name: string): string {
  if (name.length === 0) return 'is empty';
  if (name.length > 63) return `is ${name.length} characters long`;
  if (/[A-Z]/.test(name)) return 'has uppercase letters';
  if (/[^a-z0-9-]/.test(name)) return `has the character '${/[^a-z0-9-]/.exec(name)![0]}'`;
  return "starts or ends with '-'";
}

/** Lowercase, every run of other characters as one '-', cut to 63 without a '-' at either end; from the node name if nothing is left. */
function propose(name: string, nodeName: string): string {
  const label = (text: string) =>
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .slice(0, 63)
      .replace(/^-+|-+$/g, '');
  return label(name) || label(nodeName) || 'main';
}
