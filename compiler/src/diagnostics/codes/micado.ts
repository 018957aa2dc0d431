import type { CatalogueEntry } from '../entry.js';

/**
 * ADT4500–ADT4799: MiCADO's own conventions and checks, made at compile time
 * (compiler/src/check/micado, micado-reference sections 1.8, 3.4, 3.5, 4, 5, 6).
 * Where MiCADO has a message, it is quoted.
 */
export const micadoCodes = {
  // Node names (1.8).
  ADT4500: {
    name: 'node-name-rewritten',
    severity: 'warning',
    message: "MiCADO rewrites the node name '{name}' to '{normalised}' ('_' and '.' become '-'), so generated resources, policy targets and affinity labels use '{normalised}'. Rename the node to '{normalised}'.",
  },
  ADT4501: {
    name: 'node-name-collision',
    severity: 'error',
    message: "Node '{name}' becomes '{normalised}' when MiCADO rewrites '_' and '.' to '-', which is also what node '{other}' becomes; MiCADO would silently merge them. Rename one of them.",
  },
  // Kubernetes names (3.5, 4.2).
  ADT4510: {
    name: 'k8s-name-underscore',
    severity: 'error',
    message: "MiCADO refuses this value: \"Underscores in properties of {node} not allowed for property: '{property}'\". Use '{proposal}'.",
  },
  ADT4511: {
    name: 'k8s-name-invalid',
    severity: 'error',
    message: "Property '{property}' of '{node}' becomes a Kubernetes name, which must be a DNS-1123 label (at most 63 lowercase letters, digits and '-', starting and ending with a letter or digit), but '{value}' {problem}. Use '{proposal}'.",
  },
  // Deployment lifecycles (4.1, 4.3, 4.6, 5.1).
  ADT4520: {
    name: 'not-deployed',
    severity: 'warning',
    message: "{what} '{node}' has no {backends} lifecycle, on the template or inherited from its type{unless}, so MiCADO will not {deploy} it. Give the template an interface named {backends} with a 'create' operation, or use a type that has one, such as {example}.",
  },
  ADT4521: {
    name: 'sidecar-deployed-twice',
    severity: 'warning',
    message: "'{node}' is a sidecar of '{owner}' and also has its own Kubernetes lifecycle, so MiCADO deploys it twice: in the pod of '{owner}' and as a workload of its own. Remove the lifecycle, or the requirement that makes it a sidecar.",
  },
  ADT4522: {
    name: 'operation-ignored',
    severity: 'warning',
    message: "MiCADO uses only the 'create' operation of the {interface} interface; '{operation}' is ignored. Move its inputs under 'create', or remove it.",
  },
  ADT4523: {
    name: 'unsupported-workload-kind',
    severity: 'error',
    message: "MiCADO refuses this kind: \"Error validating resource: {node}.Unsupported Kind: {kind}\". A container workload may be a {allowed}. {hint}",
  },
  ADT4524: {
    name: 'statefulset-service-name',
    severity: 'warning',
    message: "StatefulSet '{node}' has no 'spec.serviceName', and MiCADO does not generate one, so Kubernetes refuses the manifest. Add 'serviceName' under the create inputs' 'spec', naming the headless Service of the set.",
  },
  ADT4525: {
    name: 'resource-kind-missing',
    severity: 'error',
    message: "MiCADO refuses this resource: \"Error validating resource: {node}. No Kind provided\". Add 'kind' to the create inputs of its Kubernetes interface.",
  },
  // Policy Keeper placeholders, constants and queries (6.1, 6.2).
  ADT4530: {
    name: 'undefined-placeholder',
    severity: 'error',
    message: "'{placeholder}' names no constant of any scaling policy of this ADT, so the Policy Keeper replaces it with an empty string. {hint}",
  },
  ADT4531: {
    name: 'jinja-expression',
    severity: 'error',
    message: "The Policy Keeper substitutes only a bare constant name between double braces, but '{text}' {problem}. Write the constant's name alone between the braces, and compute anything else in the scaling rule.",
  },
  ADT4532: {
    name: 'query-collision',
    severity: 'warning',
    message: "Query '{name}' is also defined by another scaling policy with a different expression; queries are global, and the Policy Keeper keeps whichever policy comes last. Give them different names, or the same expression.",
  },
  ADT4533: {
    name: 'nested-constant',
    severity: 'warning',
    message: "Constant values are not substituted again, so '{placeholder}' inside a constant reaches the Policy Keeper unreplaced (only stack is). Write the value of '{name}' here instead.",
  },
  // Scaling policies (5.5, 6.1, 6.10).
  ADT4540: {
    name: 'min-greater-than-max',
    severity: 'error',
    message: 'min_instances ({min}) is greater than max_instances ({max}), so the Policy Keeper can never satisfy both bounds. Lower min_instances or raise max_instances.',
  },
  ADT4541: {
    name: 'instances-not-integer',
    severity: 'error',
    message: "{property} of a container scaling policy must be a whole number, or a constant placeholder whose value is one, but it is {value}; the Policy Keeper fails on it at every evaluation. Give a whole number.",
    spec: 'RL208',
  },
  ADT4542: {
    name: 'target-not-scalable',
    severity: 'warning',
    message: "Scaling policy '{policy}' targets '{target}', a '{type}', which the Policy Keeper cannot scale: it scales VM node sets (derived from tosca.nodes.MiCADO.Compute) and container workloads (derived from tosca.nodes.MiCADO.Container.Application). Target one of those.",
  },
  ADT4543: {
    name: 'occurrences-override-bounds',
    severity: 'info',
    message: "The occurrences of '{target}' ({range}) replace this policy's min_instances and max_instances for that target, as MiCADO does for TOSCA 1.3 templates. Keep the bounds in one place.",
  },
  ADT4544: {
    name: 'source-without-port',
    severity: 'warning',
    message: "Source '{source}' has no port, and the Policy Keeper ignores sources without one (no service discovery happens). Write it as 'host:port'.",
  },
  // Ports (4.7, 3.5).
  ADT4550: {
    name: 'service-port-missing',
    severity: 'error',
    message: "MiCADO fails on this Service port with \"Missing 'port' in definition\". Give 'port' (or 'published', 'targetPort', 'target'), or 'containerPort' for a container port without a Service.",
  },
  ADT4551: {
    name: 'cluster-ip-range',
    severity: 'error',
    message: 'MiCADO refuses this address: "ClusterIP {ip} is out of range 10.96.x.x - 10.111.x.x". Use None, or an address from 10.96.0.0 to 10.111.255.255.',
  },
  ADT4552: {
    name: 'compose-port-string',
    severity: 'error',
    message: "Port '{text}' is in Compose's short form, which ports_type does not allow (and MiCADO's translation would read it reversed). Write it as a mapping{proposal}.",
  },
  ADT4553: {
    name: 'node-port-range',
    severity: 'error',
    message: 'MiCADO refuses this port: "nodePort {port} is out of range 30000-32767". Choose a port from 30000 to 32767.',
  },
  ADT4554: {
    name: 'port-protocol',
    severity: 'error',
    message: "'{protocol}' is not a protocol Kubernetes accepts for a port. Use TCP, UDP or SCTP.",
  },
  // Repositories (3.4, 4.5).
  ADT4560: {
    name: 'repository-not-defined',
    severity: 'error',
    message: 'MiCADO refuses this reference: "[NODE: {node}] Repository <{repository}> not defined!". {hint}',
  },
  // VM node sets (5.1–5.3).
  ADT4570: {
    name: 'vm-property-missing',
    severity: 'error',
    message: "'{node}' is provisioned by Terraform on {cloud}, whose translation needs '{property}' although the type makes it optional; without it MiCADO fails with a KeyError. Add '{property}' to its properties or to the create inputs of its Terraform interface.",
  },
  ADT4571: {
    name: 'occopus-endpoint-missing',
    severity: 'error',
    message: "MiCADO refuses this node: \"Missing endpoint\". Occopus needs the cloud's API endpoint: add 'endpoint' to the create inputs of the Occopus interface, or to the properties of '{node}'.",
  },
  ADT4572: {
    name: 'cloud-not-supported',
    severity: 'error',
    message: "{backend} provisions only machines on {supported}, and none of those clouds appears in the name of '{type}' or its ancestors, so MiCADO refuses '{node}'{quote}. {hint}",
  },
  ADT4573: {
    name: 'aws-regions-differ',
    severity: 'error',
    message: "MiCADO refuses this ADT: \"Multiple different AWS regions is unsupported\". '{node}' uses region '{region}', but '{other}' uses '{otherRegion}'. Put every EC2 node provisioned by Terraform in one region.",
  },
  // cloud-init contextualisation (5.4).
  ADT4580: {
    name: 'context-modes-exclusive',
    severity: 'warning',
    message: "{modes} are set together, but only one merge mode applies, and MiCADO uses '{chosen}'. Set just one of append, insert and overwrite.",
  },
  ADT4581: {
    name: 'cloud-config-yaml',
    severity: 'error',
    message: 'cloud_config must be a YAML mapping that MiCADO merges into its cloud-init template, but {problem}. Correct the cloud-config.',
  },
  // Security policies (4.9, 4.12).
  ADT4590: {
    name: 'tls-key-cert-missing',
    severity: 'error',
    message: "MiCADO refuses this policy: \"Key and/or cert missing for policy {type}\". With 'encryption: true', give {missing}.",
  },
  ADT4591: {
    name: 'file-secrets-unsupported',
    severity: 'error',
    message: "MiCADO does not handle 'file_secrets': these secrets would never reach the cluster. Give them as 'text_secrets' (key: value), read through secretKeyRef of the secret 'micado.appsecret'.",
  },
  ADT4600: {
    name: 'target-never-a-workload',
    severity: 'error',
    message: "Scaling policy '{policy}' targets '{target}', a '{type}': {what}, which has no replicas, so the Policy Keeper fails every time it acts on this policy. Target the container or the VM node set that uses it.",
  },
  ADT4602: {
    name: 'targets-not-a-list',
    severity: 'error',
    message: "'targets' is the single name '{name}', but MiCADO reads a list: tosca-parser matches it as a substring of every node name and the submitter walks it one character at a time, so the policy would target the wrong nodes or none. Write it as a list: targets: [ {name} ].",
  },
  // Demo values left in place.
  ADT4700: {
    name: 'demo-placeholder',
    severity: 'warning',
    message: "'{value}' is a placeholder from MiCADO's demos, and '{property}' of '{node}' would reach the cloud as written. Replace it with your own value (or remove an optional property) before deploying.",
  },
} as const satisfies Record<string, CatalogueEntry>;
