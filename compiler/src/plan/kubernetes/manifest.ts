/**
 * A generated Kubernetes object with what the plan needs about it: the ADT
 * entity it came from (for plan.json and for diagnostics) and its labels.
 * Names and default labels follow micado-reference 4.2, with the version label
 * sanitised (spec 7 item 23).
 */
import type { ObjectPath } from '../../diagnostics/diagnostic.js';
import type { Span } from '../../source/span.js';
import type { JsonObject } from '../json.js';

export interface Manifest {
  readonly object: JsonObject;
  /** The node template or policy that produced it, by its name in the ADT. */
  readonly origin: string;
  /** Where to report a problem no ADT value explains. */
  readonly anchor: Span;
  readonly path: ObjectPath;
  /** One object for every app of the cluster (the monitoring DaemonSets), deployed without the app's label. */
  readonly shared?: boolean;
}

export const MANAGED_BY = 'micado';

export function defaultLabels(name: string, appId: string, version?: string): Record<string, string> {
  const labels: Record<string, string> = {
    'app.kubernetes.io/name': name,
    'app.kubernetes.io/instance': appId,
    'app.kubernetes.io/managed-by': MANAGED_BY,
  };
  if (version !== undefined) labels['app.kubernetes.io/version'] = version;
  return labels;
}

/**
 * The version label from an image reference: the tag of the last path segment,
 * else `latest` (MiCADO), made a valid label value: at most 63 characters of
 * [A-Za-z0-9_.-], starting and ending alphanumeric. A digest becomes its first
 * hex characters.
 */
export function versionLabel(image: string | undefined): string {
  if (!image) return 'latest';
  const at = image.indexOf('@');
  if (at >= 0) {
    const digest = image.slice(at + 1).replace(/^[a-z0-9]+:/, '');
    return digest.slice(0, 12) || 'latest';
  }
  const last = image.split('/').pop() ?? '';
  const colon = last.indexOf(':');
  const tag = colon >= 0 ? last.slice(colon + 1) : 'latest';
  const clean = tag.replace(/[^A-Za-z0-9_.-]/g, '-').slice(0, 63).replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '');
  return clean || 'latest';
}

/** apiVersion MiCADO fills in for workload and plain kinds (4.3); Ingress is networking.k8s.io/v1 since Kubernetes 1.22 (spec 7 item 31). */
export const API_VERSIONS: Readonly<Record<string, string>> = {
  Deployment: 'apps/v1',
  DaemonSet: 'apps/v1',
  StatefulSet: 'apps/v1',
  ReplicaSet: 'apps/v1',
  Job: 'batch/v1',
  Pod: 'v1',
  Service: 'v1',
  PersistentVolume: 'v1',
  PersistentVolumeClaim: 'v1',
  ConfigMap: 'v1',
  Namespace: 'v1',
  Ingress: 'networking.k8s.io/v1',
};

export const WORKLOAD_KINDS = ['Deployment', 'DaemonSet', 'StatefulSet', 'ReplicaSet', 'Job', 'Pod'];
