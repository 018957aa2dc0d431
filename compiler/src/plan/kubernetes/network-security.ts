/**
 * Network security policies (micado-reference 4.12): every policy but
 * Passthrough becomes one entry of the Zorp ingress configuration, an
 * annotation of one Ingress; all target ports become hostPorts of the Zorp
 * DaemonSet, which runs with its ServiceAccount and RBAC in micado-worker.
 * An encrypted policy's key and certificate move into a TLS Secret and the
 * policy names the Secret instead (MiCADO's `krumpli<N>`).
 */
import { policyValues } from '../../check/micado/scaling-data.js';
import type { PolicyTemplate } from '../../model/entities.js';
import type { Json, JsonObject } from '../json.js';
import type { PlanContext } from '../plan-context.js';
import { plainJson } from '../values.js';
import { defaultLabels } from './manifest.js';
import { secretManifest } from './secrets.js';

const PREFIX = 'tosca.policies.Security.MiCADO.Network.';
const NAMESPACE = 'micado-worker';
const NAME = 'zorp-ingress';

export interface NetworkPolicyPlan {
  readonly policy: PolicyTemplate;
  readonly type: string;
  readonly targets: string[];
  readonly ports: number[];
  readonly secrets: string[];
}

export interface NetworkSecurityResult {
  readonly policies: NetworkPolicyPlan[];
  /** Each with the policy it came from, in emission order. */
  readonly manifests: { readonly object: JsonObject; readonly policy: PolicyTemplate }[];
}

export function networkSecurity(pc: PlanContext, normalise: (name: string) => string): NetworkSecurityResult {
  const policies: NetworkPolicyPlan[] = [];
  const secrets: { readonly object: JsonObject; readonly policy: PolicyTemplate }[] = [];
  const conf: Json[] = [];
  let tls = 0;
  for (const p of pc.adt.topology?.policies ?? []) {
    const type = p.type?.name ?? '';
    if (!type.startsWith(PREFIX) || type.endsWith('.Passthrough')) continue;
    const props: JsonObject = {};
    for (const [k, v] of policyValues(pc, p)) props[k] = plainJson(v.value);
    const used: string[] = [];
    if (props['encryption'] === true && typeof props['encryption_key'] === 'string' && typeof props['encryption_cert'] === 'string') {
      tls++;
      const name = `krumpli${tls}`;
      secrets.push({ object: secretManifest(pc, name, NAMESPACE, { 'tls.key': props['encryption_key'], 'tls.crt': props['encryption_cert'] }, 'kubernetes.io/tls'), policy: p });
      props['encryption_key'] = name;
      props['encryption_cert'] = name;
      used.push(name);
    }
    const ports = (Array.isArray(props['target_ports']) ? props['target_ports'] : []).filter((x): x is number => typeof x === 'number');
    conf.push({ policy_type: type.slice(type.lastIndexOf('.') + 1), ...props });
    policies.push({ policy: p, type, targets: p.targets.map((t) => normalise(t.name)), ports, secrets: used });
  }
  if (policies.length === 0) return { policies, manifests: [] };
  const first = policies[0]!.policy;
  const labels = defaultLabels(NAME, pc.appId);
  const hostPorts = [...new Set(policies.flatMap((p) => p.ports))].sort((a, b) => a - b);
  const objects: JsonObject[] = [
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: NAME, namespace: NAMESPACE, labels } },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: `${NAME}-${pc.appId}`, labels },
      rules: [
        { apiGroups: [''], resources: ['configmaps', 'endpoints', 'nodes', 'pods', 'secrets', 'services'], verbs: ['get', 'list', 'watch'] },
        { apiGroups: ['networking.k8s.io'], resources: ['ingresses'], verbs: ['get', 'list', 'watch'] },
      ],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: `${NAME}-${pc.appId}`, labels },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: `${NAME}-${pc.appId}` },
      subjects: [{ kind: 'ServiceAccount', name: NAME, namespace: NAMESPACE }],
    },
    {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: NAME, namespace: NAMESPACE, labels },
      spec: {
        selector: { matchLabels: { 'app.kubernetes.io/name': NAME, 'app.kubernetes.io/instance': pc.appId } },
        template: {
          metadata: { labels },
          spec: {
            serviceAccountName: NAME,
            containers: [{ name: 'zorp-ingress', image: 'balasys/zorp-ingress:1.0', ports: hostPorts.map((port) => ({ containerPort: port, hostPort: port })) }],
          },
        },
      },
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: NAME, namespace: NAMESPACE, labels, annotations: { 'kubernetes.io/ingress.class': 'zorp', 'zorp.ingress.kubernetes.io/conf': JSON.stringify(conf) } },
    },
  ];
  return { policies, manifests: [...objects.map((object) => ({ object, policy: first })), ...secrets] };
}
