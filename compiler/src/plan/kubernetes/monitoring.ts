/**
 * The monitoring policy's DaemonSets (micado-reference 4.11): node-exporter
 * and cAdvisor in namespace micado-worker. One of each serves every app of the
 * cluster (node-exporter takes the node's port 9100, and a DaemonSet's selector
 * cannot change), so they name no app: the plan marks them shared, deploy
 * applies them without the app's label and the last app using them removes
 * them. Images are pinned.
 */
import type { JsonObject } from '../json.js';
import { MANAGED_BY } from './manifest.js';

const NAMESPACE = 'micado-worker';

function daemonSet(name: string, container: JsonObject, volumes: JsonObject[], pod: JsonObject = {}): JsonObject {
  const selector = { 'app.kubernetes.io/name': name };
  const labels = { ...selector, 'app.kubernetes.io/part-of': 'micado-monitoring', 'app.kubernetes.io/managed-by': MANAGED_BY };
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name, namespace: NAMESPACE, labels },
    spec: {
      selector: { matchLabels: selector },
      template: {
        metadata: { labels, annotations: { 'prometheus.io/scrape': 'true', 'prometheus.io/port': String((container['ports'] as JsonObject[])[0]!['containerPort']) } },
        spec: { ...pod, containers: [container], volumes, tolerations: [{ operator: 'Exists', effect: 'NoSchedule' }] },
      },
    },
  };
}

const hostPath = (name: string, path: string): JsonObject => ({ name, hostPath: { path } });
const mount = (name: string, mountPath: string): JsonObject => ({ name, mountPath, readOnly: true });

export function nodeExporter(): JsonObject {
  return daemonSet(
    'micado-node-exporter',
    {
      name: 'node-exporter',
      image: 'prom/node-exporter:v1.8.2',
      args: ['--path.procfs=/host/proc', '--path.sysfs=/host/sys', '--path.rootfs=/host/root'],
      ports: [{ name: 'metrics', containerPort: 9100 }],
      resources: { requests: { cpu: '50m', memory: '32Mi' }, limits: { memory: '128Mi' } },
      volumeMounts: [mount('proc', '/host/proc'), mount('sys', '/host/sys'), mount('root', '/host/root')],
    },
    [hostPath('proc', '/proc'), hostPath('sys', '/sys'), hostPath('root', '/')],
    { hostNetwork: true, hostPID: true },
  );
}

/**
 * cAdvisor for the k3s workers MiCADO's cloud-init installs: k3s runs its own
 * containerd, with its socket under /run/k3s and its root under
 * /var/lib/rancher/k3s, not at containerd's default paths.
 */
export function cAdvisor(): JsonObject {
  return daemonSet(
    'micado-cadvisor',
    {
      name: 'cadvisor',
      image: 'gcr.io/cadvisor/cadvisor:v0.49.1',
      args: ['--containerd=/run/k3s/containerd/containerd.sock', '--containerd-namespace=k8s.io'],
      ports: [{ name: 'metrics', containerPort: 8080 }],
      resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '512Mi' } },
      volumeMounts: [
        mount('rootfs', '/rootfs'),
        mount('var-run', '/var/run'),
        mount('sys', '/sys'),
        mount('k3s-run', '/run/k3s/containerd'),
        mount('k3s-containerd', '/var/lib/rancher/k3s/agent/containerd'),
        mount('disk', '/dev/disk'),
      ],
    },
    [
      hostPath('rootfs', '/'),
      hostPath('var-run', '/var/run'),
      hostPath('sys', '/sys'),
      hostPath('k3s-run', '/run/k3s/containerd'),
      hostPath('k3s-containerd', '/var/lib/rancher/k3s/agent/containerd'),
      hostPath('disk', '/dev/disk'),
    ],
  );
}
