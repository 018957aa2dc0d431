/**
 * `adtc serve --print-manifest`: what runs `adtc serve` in a cluster, as one list of objects. One replica with
 * the Recreate strategy (the old pod ends before the new one starts) and the serve Lease (a second replica made
 * by mistake stands by); the state directory on a PersistentVolumeClaim, since the deployment records, the loop
 * state and the decision logs must outlive the pod, and the Prometheus files on a claim Prometheus mounts too; credentials and TLS from Secrets the operator creates, so no
 * secret is in the manifest; RBAC limited to what deploy, update, undeploy and the loops use (each rule says why).
 */
import { stringify } from 'yaml';

export interface ServeManifestOptions {
  readonly namespace: string;
  readonly image: string;
  /** Where the apps' metrics come from. */
  readonly prometheusUrl: string;
}

type Json = Record<string, unknown>;

export const SERVE_NAME = 'adtc-serve';
const PORT = 8443;
const ALL = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'];
const READ = ['get', 'list', 'watch'];

/** The ClusterRole's rules, each with the reason it is needed (printed as the manifest's comments and in the README). */
export const SERVE_RULES: readonly { readonly rule: Json; readonly why: string }[] = [
  { rule: { apiGroups: [''], resources: ['namespaces'], verbs: ['get', 'list', 'create', 'patch', 'delete'] }, why: "deploy creates an app's namespaces; undeploy removes them once empty" },
  { rule: { apiGroups: [''], resources: ['configmaps', 'secrets', 'services', 'persistentvolumeclaims', 'serviceaccounts', 'pods'], verbs: ALL }, why: "the app's objects (the inputs Secret included); --join-token-secret is read" },
  { rule: { apiGroups: [''], resources: ['persistentvolumes'], verbs: ALL }, why: 'volumes an ADT defines (cluster-scoped)' },
  { rule: { apiGroups: ['apps'], resources: ['deployments', 'statefulsets', 'daemonsets', 'replicasets'], verbs: ALL }, why: "the app's workloads and the monitoring DaemonSets; rollouts are watched" },
  { rule: { apiGroups: ['apps'], resources: ['deployments/scale', 'statefulsets/scale'], verbs: ['get', 'patch', 'update'] }, why: 'the loops read and set replica counts' },
  { rule: { apiGroups: ['batch'], resources: ['jobs', 'cronjobs'], verbs: ALL }, why: 'job workloads' },
  { rule: { apiGroups: ['networking.k8s.io'], resources: ['ingresses', 'networkpolicies'], verbs: ALL }, why: "the app's ingresses and network policies" },
  { rule: { apiGroups: ['policy'], resources: ['poddisruptionbudgets'], verbs: ALL }, why: 'disruption budgets an ADT defines' },
  { rule: { apiGroups: ['autoscaling'], resources: ['horizontalpodautoscalers'], verbs: ALL }, why: 'autoscalers an ADT defines' },
  { rule: { apiGroups: [''], resources: ['nodes', 'endpoints'], verbs: READ }, why: "the loops count each node set's ready nodes; nodes and endpoints are also what the security policies' ClusterRole grants, which RBAC lets only a holder grant" },
  { rule: { apiGroups: ['rbac.authorization.k8s.io'], resources: ['clusterroles', 'clusterrolebindings'], verbs: ['get', 'list', 'create', 'update', 'patch', 'delete'] }, why: "MiCADO's security policies bring a read-only ClusterRole and its binding" },
  { rule: { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['get', 'create', 'update', 'delete'] }, why: "adtc-serve's Lease and each app loop's Lease in the app's namespace" },
  { rule: { apiGroups: [''], resources: ['events'], verbs: ['create', 'patch'] }, why: 'an Event on every rescaled workload' },
];

export function serveManifest(options: ServeManifestOptions): Json[] {
  const { namespace } = options;
  const labels = { 'app.kubernetes.io/name': SERVE_NAME, 'app.kubernetes.io/part-of': 'adtc' };
  const meta = (name: string) => ({ name, namespace, labels });
  const probe = (path: string, periodSeconds: number) => ({ httpGet: { path, port: 'https', scheme: 'HTTPS' }, periodSeconds, failureThreshold: 3, timeoutSeconds: 5 });
  return [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace, labels } },
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta(SERVE_NAME) },
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: SERVE_NAME, labels }, rules: SERVE_RULES.map((r) => r.rule) },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: SERVE_NAME, labels },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: SERVE_NAME },
      subjects: [{ kind: 'ServiceAccount', name: SERVE_NAME, namespace }],
    },
    {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: meta(`${SERVE_NAME}-state`),
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
    },
    {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      // The apps' rule and target files, which Prometheus reads: mount this claim in Prometheus too.
      metadata: meta(`${SERVE_NAME}-prometheus`),
      spec: { accessModes: ['ReadWriteMany'], resources: { requests: { storage: '100Mi' } } },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: meta(SERVE_NAME),
      spec: {
        replicas: 1,
        // The old pod ends (and gives its Lease back) before the new one starts; the claim is ReadWriteOnce.
        strategy: { type: 'Recreate' },
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: {
            serviceAccountName: SERVE_NAME,
            securityContext: { runAsNonRoot: true, runAsUser: 1000, fsGroup: 1000, seccompProfile: { type: 'RuntimeDefault' } },
            // SIGTERM stops the loops within seconds; a queued deploy is given time to end.
            terminationGracePeriodSeconds: 120,
            containers: [
              {
                name: 'serve',
                image: options.image,
                args: ['serve', '--listen', `0.0.0.0:${PORT}`, '--cert', '/tls/tls.crt', '--key', '/tls/tls.key', '--state-dir', '/state', '--prometheus-url', options.prometheusUrl, '--prometheus-config-dir', '/prometheus', '--log-format', 'json'],
                ports: [{ name: 'https', containerPort: PORT }],
                env: [
                  { name: 'ADTC_SERVE_USER', valueFrom: { secretKeyRef: { name: `${SERVE_NAME}-credentials`, key: 'user' } } },
                  { name: 'ADTC_SERVE_PASSWORD', valueFrom: { secretKeyRef: { name: `${SERVE_NAME}-credentials`, key: 'password' } } },
                ],
                livenessProbe: probe('/healthz', 20),
                readinessProbe: probe('/readyz', 5),
                resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { memory: '1Gi' } },
                securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
                volumeMounts: [
                  { name: 'state', mountPath: '/state' },
                  { name: 'tls', mountPath: '/tls', readOnly: true },
                  { name: 'prometheus', mountPath: '/prometheus' },
                  // The root filesystem is read-only; temporary files go here.
                  { name: 'tmp', mountPath: '/tmp' },
                ],
              },
            ],
            volumes: [
              { name: 'state', persistentVolumeClaim: { claimName: `${SERVE_NAME}-state` } },
              { name: 'prometheus', persistentVolumeClaim: { claimName: `${SERVE_NAME}-prometheus` } },
              { name: 'tls', secret: { secretName: `${SERVE_NAME}-tls` } },
              { name: 'tmp', emptyDir: {} },
            ],
          },
        },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: meta(SERVE_NAME),
      // Only the ready replica (the leader) is an endpoint, so a standby never receives a request through it.
      spec: { selector: labels, ports: [{ name: 'https', port: 443, targetPort: 'https' }] },
    },
  ];
}

/** The manifest as YAML documents, headed by what to create first and why each permission is asked for. */
export function serveManifestText(options: ServeManifestOptions): string {
  const header = [
    `# adtc serve in namespace ${options.namespace}: kubectl apply -f this file, after creating its two Secrets:`,
    `#   kubectl -n ${options.namespace} create secret generic ${SERVE_NAME}-credentials --from-literal=user=admin --from-literal=password='...'`,
    `#   kubectl -n ${options.namespace} create secret tls ${SERVE_NAME}-tls --cert=tls.crt --key=tls.key`,
    `# Mount the claim ${SERVE_NAME}-prometheus in Prometheus and read rules/*.rules and targets/*.json from it.`,
    '# The ClusterRole asks for:',
    ...SERVE_RULES.map(({ rule, why }) => `#   ${(rule['resources'] as string[]).join(', ')}: ${why}`),
  ];
  return `${header.join('\n')}\n${serveManifest(options).map((o) => `---\n${stringify(o)}`).join('')}`;
}
