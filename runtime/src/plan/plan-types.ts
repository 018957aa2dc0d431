/**
 * The deployable plan: the one document the runtime reads (plan.json). The
 * runtime owns this contract; the compiler writes it and the schema in
 * plan-schema.ts describes it. Paths are relative to the plan's directory.
 */

export const PLAN_FORMAT_VERSION = 1;

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** A secret is never stored in the plan: only where the runtime finds it. */
export interface SecretRef {
  /** The Kubernetes Secret holding the value. */
  readonly secret: string;
  readonly namespace: string;
  readonly key: string;
}

export interface PlanInput {
  readonly name: string;
  readonly type: string;
  /** Where the value came from: the command line, or the input's default. */
  readonly from: 'given' | 'default';
  /** The value, for every input that is not a secret. */
  readonly value?: JsonValue;
  /** For `secret` inputs: the reference instead of the value. */
  readonly ref?: SecretRef;
}

export type Cloud = 'ec2' | 'nova' | 'cloudsigma' | 'cloudbroker' | 'azure' | 'gce' | 'oci';
export type NodeSetBackend = 'occopus' | 'terraform';
export type CloudInitMode = 'append' | 'insert' | 'overwrite';

export interface Bounds {
  readonly min: number;
  readonly max: number;
}

export interface TerraformFiles {
  /** Terraform JSON configuration of this node set. */
  readonly config: string;
  /** The variables file the Terraform driver reads and rewrites (style "keys"). */
  readonly variables: string;
  /** Variable `<set>`: the list of instance keys the resources iterate over with for_each. */
  readonly variable: string;
  readonly variableStyle: 'keys';
  /** Output `<set>`: a list of `{id, private_ip, public_ip}`, one per instance. */
  readonly output: string;
}

export interface OccopusFiles {
  readonly nodeDefinition: string;
  readonly infrastructure: string;
  readonly infraName: string;
}

export interface NodeSet {
  readonly name: string;
  /** The node template the set comes from, as written in the ADT (before MiCADO's name rewrite). */
  readonly node: string;
  readonly type: string;
  readonly cloud: Cloud;
  readonly backend: NodeSetBackend;
  /** The cloud properties, create inputs applied; values from secret inputs are references. */
  readonly properties: { readonly [key: string]: JsonValue };
  readonly count: Bounds & { readonly initial: number };
  readonly contextualisation: {
    readonly mode: CloudInitMode;
    /** The merged cloud-config the machines boot with. */
    readonly file: string;
  };
  /** nodes/<set>.json: the node set as described to humans and tools. */
  readonly description: string;
  readonly terraform?: TerraformFiles;
  readonly occopus?: OccopusFiles;
}

export interface KubernetesObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  /** Absent for cluster-scoped objects and objects left to the default namespace. */
  readonly namespace?: string;
  readonly file: string;
  /** The node template (or policy) that produced the object. */
  readonly origin: string;
  /** One object for every app of the cluster (the monitoring DaemonSets): applied without the app's label. */
  readonly shared?: boolean;
}

export interface Monitoring {
  readonly nodeMetrics: boolean;
  readonly containerMetrics: boolean;
}

export interface PrometheusPlan {
  /** A scrape-config fragment (`scrape_configs:`) for the policies' sources. */
  readonly scrapeConfig: string;
  /** Alerting-rule file (`groups:`), group `micado`; absent when no policy has alerts. */
  readonly ruleFile?: string;
  /** `host:port` sources with a dotted host: static targets of job `micado`. */
  readonly staticTargets: readonly string[];
  /** `service:port` sources with a dotless host: Kubernetes service discovery. */
  readonly kubeServices: readonly string[];
}

export type Query = { readonly expr: string } | { readonly expr: string; readonly label: string };

export interface WorkloadRef {
  readonly kind: string;
  readonly name: string;
  readonly namespace: string;
}

/** The compiled rule. Until the rule compiler is wired in, `source` holds the rule text and `module` is absent. */
export interface RuleSlot {
  readonly module?: string;
  readonly sha256?: string;
  readonly source?: string;
}

export interface ScalingPolicy {
  /** The policy's name in the ADT, with the target when a policy has several. */
  readonly name: string;
  readonly target: string;
  readonly kind: 'vm' | 'container';
  /** Containers: the workload the runtime scales. */
  readonly workload?: WorkloadRef;
  /** Containers: the node sets their pods are placed on. */
  readonly hosts: readonly string[];
  readonly bounds: Bounds;
  readonly stage: string;
  readonly priority: number;
  /** The policy's own constants; `{{X}}` placeholders are resolved already. */
  readonly constants: { readonly [key: string]: JsonValue };
  readonly queries: { readonly [key: string]: Query };
  /** Names of the alerts the policy defines. */
  readonly alerts: readonly string[];
  /** Position in the evaluation cycle: VM policies first, then containers, each in ADT order. */
  readonly order: number;
  readonly rule: RuleSlot;
}

export interface NetworkSecurityPolicy {
  readonly name: string;
  readonly type: string;
  readonly targets: readonly string[];
  readonly ports: readonly number[];
  /** Secrets the policy refers to (TLS key and certificate). */
  readonly secrets: readonly string[];
}

export interface PlanSecret {
  readonly name: string;
  readonly namespace: string;
  readonly keys: readonly string[];
  readonly file: string;
  readonly origin: string;
}

export interface PlanOutput {
  readonly name: string;
  readonly description?: string;
  /** A literal value, or what the runtime must look up. */
  readonly value?: JsonValue;
  readonly attribute?: { readonly node: string; readonly name: string };
}

export interface Plan {
  readonly formatVersion: typeof PLAN_FORMAT_VERSION;
  readonly app: {
    readonly id: string;
    readonly compiler: { readonly name: 'adtc'; readonly version: string };
    /** The ADT's file name and the SHA-256 of its text. */
    readonly source: { readonly file: string; readonly sha256: string };
  };
  readonly inputs: readonly PlanInput[];
  readonly nodeSets: readonly NodeSet[];
  /** In apply order. */
  readonly kubernetes: { readonly objects: readonly KubernetesObject[] };
  readonly monitoring: Monitoring;
  readonly prometheus: PrometheusPlan;
  readonly policies: readonly ScalingPolicy[];
  readonly secrets: readonly PlanSecret[];
  readonly networkSecurity: readonly NetworkSecurityPolicy[];
  readonly outputs: readonly PlanOutput[];
}
