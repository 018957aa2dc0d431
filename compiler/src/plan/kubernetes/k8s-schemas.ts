/**
 * The official Kubernetes schemas, offline, for the kinds adtc generates and the
 * usual raw resources: kubernetes-models' validators (compiled from the
 * Kubernetes OpenAPI document: required fields, types, enums, formats) and the
 * field lists of @kubernetes/client-node's models (generated from the same
 * document, tabled at build time: ../k8s-field-table.ts), which make the check
 * strict about unknown fields, as MiCADO's kubectl-based validation is.
 */
import { fieldTable } from '../k8s-field-table.js';
import { Pod } from 'kubernetes-models/v1/Pod';
import { Service } from 'kubernetes-models/v1/Service';
import { PersistentVolume } from 'kubernetes-models/v1/PersistentVolume';
import { PersistentVolumeClaim } from 'kubernetes-models/v1/PersistentVolumeClaim';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { DaemonSet } from 'kubernetes-models/apps/v1/DaemonSet';
import { StatefulSet } from 'kubernetes-models/apps/v1/StatefulSet';
import { ReplicaSet } from 'kubernetes-models/apps/v1/ReplicaSet';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { CronJob } from 'kubernetes-models/batch/v1/CronJob';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { ClusterRole } from 'kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRole';
import { ClusterRoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRoleBinding';
import { Role } from 'kubernetes-models/rbac.authorization.k8s.io/v1/Role';
import { RoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding';
import { StorageClass } from 'kubernetes-models/storage.k8s.io/v1/StorageClass';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';

interface ModelClass {
  readonly apiVersion: string;
  readonly kind: string;
  new (data: never): { validate(): void };
}

export const KINDS: readonly ModelClass[] = [
  Pod, Service, PersistentVolume, PersistentVolumeClaim, ConfigMap, Secret, Namespace, ServiceAccount, Deployment, DaemonSet, StatefulSet,
  ReplicaSet, Job, CronJob, Ingress, NetworkPolicy, ClusterRole, ClusterRoleBinding, Role, RoleBinding, StorageClass, PodDisruptionBudget,
  HorizontalPodAutoscaler,
] as unknown as readonly ModelClass[];

export interface SchemaProblem {
  /** JSON path of the field inside the manifest. */
  readonly path: readonly string[];
  readonly message: string;
  /** Set for a field the schema does not define. */
  readonly unknownField?: string;
}

/** Problems of a manifest, or undefined when adtc has no schema for its apiVersion and kind (custom resources). */
export function checkManifest(object: Readonly<Record<string, unknown>>): SchemaProblem[] | undefined {
  const apiVersion = String(object['apiVersion'] ?? '');
  const kind = String(object['kind'] ?? '');
  const model = KINDS.find((k) => k.apiVersion === apiVersion && k.kind === kind);
  if (!model) return undefined;
  const problems: SchemaProblem[] = [];
  try {
    new model(object as never).validate();
  } catch (error) {
    const errors = (error as { errors?: SchemaError[] }).errors ?? [];
    for (const e of mostSpecific(errors)) {
      const path = (e.instancePath ?? '').split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
      const where = path.length > 0 ? path.join('.') : 'the object';
      if (e.params?.['format'] === 'quantity') {
        problems.push({ path, message: `${where} is ${JSON.stringify(valueAt(object, path))}, which is not a Kubernetes quantity (a number with an optional suffix, such as 500m, 2, 0.5, 512Mi or 1G)` });
        continue;
      }
      const extra = e.params?.['allowedValues'] ? ` (one of ${(e.params['allowedValues'] as unknown[]).join(', ')})` : e.params?.['missingProperty'] ? ` '${String(e.params['missingProperty'])}'` : '';
      problems.push({ path, message: `${where} ${e.message ?? 'is invalid'}${extra}` });
    }
    if (errors.length === 0) problems.push({ path: [], message: (error as Error).message });
  }
  unknownFields(object, modelClassName(apiVersion, kind), [], problems);
  return problems;
}

/** client-node's class name of a kind's model: apps/v1 Deployment → V1Deployment. */
export function modelClassName(apiVersion: string, kind: string): string {
  const version = apiVersion.slice(apiVersion.lastIndexOf('/') + 1);
  return `${version.charAt(0).toUpperCase()}${version.slice(1)}${kind}`;
}

const ARRAY = /^Array<(.+)>$/;
const DICT = /^\{ \[key: string\]: (.+); \}$/;

/** The model type inside client-node's array and map types: Array<V1Container> → V1Container. */
export function elementType(type: string): string {
  const inner = ARRAY.exec(type)?.[1] ?? DICT.exec(type)?.[1];
  return inner === undefined ? type : elementType(inner);
}

interface SchemaError {
  readonly instancePath?: string;
  readonly keyword?: string;
  readonly message?: string;
  readonly params?: Record<string, unknown>;
}

/**
 * One error per field: a value that fails a `oneOf` (a quantity is a number or a quantity string) yields an
 * error per branch plus one for the `oneOf`; the format's says what the value should be, the others only echo it.
 */
function mostSpecific(errors: readonly SchemaError[]): SchemaError[] {
  const formats = new Set(errors.filter((e) => e.keyword === 'format').map((e) => e.instancePath));
  return errors.filter((e) => !formats.has(e.instancePath) || e.keyword === 'format');
}

function valueAt(object: unknown, path: readonly string[]): unknown {
  return path.reduce<unknown>((v, key) => (typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[key] : undefined), object);
}

function unknownFields(value: unknown, type: string, path: string[], out: SchemaProblem[]): void {
  if (value === null || value === undefined) return;
  const array = ARRAY.exec(type);
  if (array) {
    if (Array.isArray(value)) value.forEach((v, i) => unknownFields(v, array[1]!, [...path, String(i)], out));
    return;
  }
  const dict = DICT.exec(type);
  if (dict) {
    if (typeof value === 'object') for (const [k, v] of Object.entries(value)) unknownFields(v, dict[1]!, [...path, k], out);
    return;
  }
  const table = fieldTable();
  const fields = Object.hasOwn(table, type) ? table[type] : undefined;
  if (!fields || typeof value !== 'object' || Array.isArray(value)) return;
  for (const [k, v] of Object.entries(value)) {
    if (!Object.hasOwn(fields, k)) out.push({ path: [...path, k], message: `unknown field '${k}'`, unknownField: k });
    else unknownFields(v, fields[k]!, [...path, k], out);
  }
}
