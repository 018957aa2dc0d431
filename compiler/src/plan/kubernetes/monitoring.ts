/**
 * The monitoring policy's DaemonSets (micado-reference 4.11): node-exporter
 * and cAdvisor in namespace micado-worker, labelled with the application so
 * that updates and undeploys prune them. Images are pinned.
 */
import type { JsonObject } from '../json.js';
import { defaultLabels } from './manifest.js';

const NAMESPACE = 'micado-worker';

function daemonSet(appId: string, name: string, container: JsonObject, volumes: JsonObject[], pod: JsonObject = {}): JsonObject {
  const labels = defaultLabels(name, appId);
  const selector = { 'app.kubernetes.io/name': name, 'app.kubernetes.io/instance': appId };
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

export function nodeExporter(appId: string): JsonObject {
  return daemonSet(
    appId,
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

export function cAdvisor(appId: string): JsonObject {
  return daemonSet(
    appId,
    'micado-cadvisor',
    {
      name: 'cadvisor',
      image: 'gcr.io/cadvisor/cadvisor:v0.49.1',
      ports: [{ name: 'metrics', containerPort: 8080 }],
      resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '512Mi' } },
      volumeMounts: [mount('rootfs', '/rootfs'), mount('var-run', '/var/run'), mount('sys', '/sys'), mount('containerd', '/var/lib/containerd'), mount('disk', '/dev/disk')],
    },
    [hostPath('rootfs', '/'), hostPath('var-run', '/var/run'), hostPath('sys', '/sys'), hostPath('containerd', '/var/lib/containerd'), hostPath('disk', '/dev/disk')],
  );
}
