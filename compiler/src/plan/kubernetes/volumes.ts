/**
 * Volumes and configs (micado-reference 4.8, 4.9): the PersistentVolume and
 * claim of a volume node (none for emptyDir and hostPath, which are inlined in
 * each pod), the ConfigMap of a config node, and the mounts a container's
 * `volume` requirements make. PVC fields are read from `spec` as well as from
 * the inputs' top level, where MiCADO reads them (spec 7 item 29).
 */
import { CONFIG, VOLUME } from '../../check/micado/micado-nodes.js';
import type { Json, JsonObject } from '../json.js';
import { isObject, str } from '../json.js';
import type { PlanContext, PlanNode } from '../plan-context.js';
import { nodeValue, propertyValue } from '../values.js';
import { createInputs } from './create-inputs.js';
import { defaultLabels } from './manifest.js';

const PVC_FIELDS = ['accessModes', 'dataSource', 'resources', 'selector', 'storageClassName', 'volumeMode', 'volumeName'];

export function isVolume(node: PlanNode): boolean {
  return node.type.derivesFrom(VOLUME);
}

export function isConfig(node: PlanNode): boolean {
  return node.type.derivesFrom(CONFIG);
}

function metadataName(inputs: JsonObject, fallback: string): string {
  const meta = inputs['metadata'];
  return (isObject(meta) ? str(meta['name']) : undefined) ?? fallback;
}

function inlined(inputs: JsonObject): boolean {
  const spec = inputs['spec'];
  return isObject(spec) && ('emptyDir' in spec || 'hostPath' in spec);
}

export function volumeManifests(pc: PlanContext, node: PlanNode): JsonObject[] {
  const inputs = createInputs(pc, node);
  if (inlined(inputs)) return [];
  const name = metadataName(inputs, node.name);
  const meta = isObject(inputs['metadata']) ? inputs['metadata'] : {};
  const userLabels = isObject(meta['labels']) ? meta['labels'] : {};
  const labels = { ...defaultLabels(name, pc.appId), ...userLabels };
  const size = str(propertyValue(pc, node, 'size')) ?? '1Gi';
  const spec: JsonObject = { ...(isObject(inputs['spec']) ? inputs['spec'] : {}) };
  const pvcFromSpec: JsonObject = {};
  for (const f of PVC_FIELDS) {
    if (f !== 'accessModes' && f in spec) {
      pvcFromSpec[f] = spec[f]!;
      delete spec[f];
    }
  }
  const accessModes = spec['accessModes'] ?? inputs['accessModes'] ?? ['ReadWriteMany'];
  const pvSpec: JsonObject = { ...spec, capacity: { storage: size }, accessModes, persistentVolumeReclaimPolicy: str(spec['persistentVolumeReclaimPolicy']) ?? 'Retain' };
  const { namespace, ...pvMeta } = meta;
  const pv: JsonObject = { apiVersion: 'v1', kind: 'PersistentVolume', metadata: { ...pvMeta, name, labels }, spec: pvSpec };
  const pvcSpec: JsonObject = { accessModes, resources: { requests: { storage: size } }, selector: { matchLabels: labels }, storageClassName: '' };
  for (const f of PVC_FIELDS) {
    const v = pvcFromSpec[f] ?? inputs[f] ?? (f === 'volumeName' ? inputs['VolumeName'] : undefined);
    if (v !== undefined) pvcSpec[f] = v;
  }
  const pvc: JsonObject = { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name, ...(namespace ? { namespace } : {}), labels }, spec: pvcSpec };
  // A PV without a storage class binds only to a claim that asks for none.
  if (pvSpec['storageClassName'] !== undefined) pvcSpec['storageClassName'] = pvSpec['storageClassName'];
  return [pv, pvc];
}

export function configMapManifest(pc: PlanContext, node: PlanNode): JsonObject {
  const inputs = createInputs(pc, node);
  const name = metadataName(inputs, node.name);
  const meta = isObject(inputs['metadata']) ? inputs['metadata'] : {};
  const userLabels = isObject(meta['labels']) ? meta['labels'] : {};
  const out: JsonObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { ...meta, name, labels: { ...defaultLabels(name, pc.appId), ...userLabels } } };
  for (const k of ['data', 'binaryData'] as const) {
    const v = inputs[k] ?? propertyValue(pc, node, k);
    if (isObject(v) && Object.keys(v).length > 0) out[k] = Object.fromEntries(Object.entries(v).map(([key, value]) => [key, typeof value === 'string' ? value : JSON.stringify(value)]));
  }
  return out;
}

export interface Mounts {
  readonly mounts: JsonObject[];
  readonly volumes: JsonObject[];
}

/** The mounts of a container node's `volume` requirements (volumes and configs). */
export function mountsOf(pc: PlanContext, node: PlanNode): Mounts {
  const mounts: JsonObject[] = [];
  const volumes: JsonObject[] = [];
  for (const r of node.t.requirements) {
    if (r.name !== 'volume' || !r.target) continue;
    const target = pc.nodes.get(r.target.name);
    if (!target || !(isVolume(target) || isConfig(target))) continue;
    const inputs = createInputs(pc, target);
    const mountName = str(propertyValue(pc, target, 'name')) ?? target.name;
    const claim = metadataName(inputs, target.name);
    const rel = r.relationship?.properties ? nodeValue(pc, r.relationship.properties, node) : {};
    const relProps: JsonObject = isObject(rel) ? { ...rel } : {};
    const location = str(relProps['location']);
    delete relProps['location'];
    const mountPath = location ?? pathInInputs(inputs) ?? str(propertyValue(pc, target, 'path')) ?? `/mnt/volumes/${mountName}`;
    mounts.push({ name: mountName, mountPath, ...relProps });
    volumes.push({ name: mountName, ...podVolume(inputs, claim, isConfig(target)) });
  }
  return { mounts, volumes };
}

function pathInInputs(inputs: JsonObject): string | undefined {
  for (const v of Object.values(inputs)) if (isObject(v) && typeof v['path'] === 'string') return v['path'];
  return undefined;
}

function podVolume(inputs: JsonObject, claim: string, config: boolean): JsonObject {
  if (config) return { configMap: { name: claim } };
  const spec = inputs['spec'];
  if (isObject(spec) && 'emptyDir' in spec) return { emptyDir: (spec['emptyDir'] as Json) ?? {} };
  if (isObject(spec) && 'hostPath' in spec) return { hostPath: spec['hostPath']! };
  return { persistentVolumeClaim: { claimName: claim } };
}
