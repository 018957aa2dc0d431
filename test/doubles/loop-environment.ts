/**
 * TEST DOUBLES for the scaling loop's environment: metrics whose values and firing alerts the test sets (and
 * can take offline), worker nodes per node set, workloads and node-set drivers that record every call. Plus
 * `planDir`, which writes a minimal valid plan whose policies run the hand-written rule modules of
 * test/fixtures/runtime/rules.
 */
import { createHash } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ScalableRef, WorkerNode } from '../../runtime/src/kubernetes/cluster.js';
import type { NodeSetDriver, NodeSetNode } from '../../runtime/src/nodesets/driver.js';
import type { FiringAlert, QueryResult } from '../../runtime/src/prometheus/client.js';
import type { LoopEnvironment, MetricsSource } from '../../runtime/src/loop/environment.js';
import type { Plan, ScalingPolicy } from '../../runtime/src/plan/plan-types.js';
import { fixturesRoot } from '../harness/paths.js';

const unreachable = { ok: false as const, value: null, failure: { kind: 'unreachable' as const, message: 'connect ECONNREFUSED 127.0.0.1:9' } };

export class MetricsDouble implements MetricsSource {
  readonly values = new Map<string, number | null>();
  readonly firing = new Set<string>();
  down = false;
  queries = 0;

  async query(expr: string): Promise<QueryResult<number>> {
    this.queries++;
    return this.down ? unreachable : { ok: true, value: this.values.get(expr) ?? null };
  }

  async queryLabels(): Promise<QueryResult<string[]>> {
    this.queries++;
    return this.down ? unreachable : { ok: true, value: [] };
  }

  async firingAlerts(): Promise<QueryResult<FiringAlert[]>> {
    return this.down ? unreachable : { ok: true, value: [...this.firing].map((name) => ({ name, labels: { alertname: name }, activeAt: undefined })) };
  }
}

export class NodeSetDriverDouble implements NodeSetDriver {
  readonly calls: string[] = [];
  nodes: NodeSetNode[];
  /** When set, the next scale or drop never settles: a process killed mid-call. */
  hang = false;

  constructor(count: number) {
    this.nodes = Array.from({ length: count }, (_, i) => ({ id: `n${i + 1}`, addr: `10.0.0.${i + 1}` }));
  }

  async count(): Promise<number> {
    return this.nodes.length;
  }

  async listNodes(): Promise<NodeSetNode[]> {
    return [...this.nodes];
  }

  scale(set: string, count: number): Promise<void> {
    this.calls.push(`scale ${set} ${count}`);
    if (this.hang) return new Promise(() => undefined);
    while (this.nodes.length < count) this.nodes.push({ id: `n${this.nodes.length + 1}`, addr: `10.0.0.${this.nodes.length + 1}` });
    this.nodes.length = count;
    return Promise.resolve();
  }

  drop(set: string, nodes: readonly string[]): Promise<void> {
    this.calls.push(`drop ${set} ${nodes.join(',')}`);
    if (this.hang) return new Promise(() => undefined);
    this.nodes = this.nodes.filter((n) => !nodes.includes(n.id) && !nodes.includes(n.addr));
    return Promise.resolve();
  }
}

export class EnvironmentDouble implements LoopEnvironment {
  readonly metrics = new MetricsDouble();
  readonly drivers = new Map<string, NodeSetNode[] | NodeSetDriverDouble>();
  readonly replicas = new Map<string, number>();
  readonly scaleCalls: string[] = [];
  nodesDown = false;
  hangWorkloads = false;
  clock = Date.UTC(2026, 0, 1);

  readonly nodes = {
    workerNodes: async (set: string): Promise<WorkerNode[]> => {
      if (this.nodesDown) throw new Error('HTTP 503 from the API server');
      const driver = this.drivers.get(set);
      return driver instanceof NodeSetDriverDouble ? driver.nodes.map((n) => ({ ID: n.id, Addr: n.addr })) : [];
    },
  };

  readonly workloads = {
    getReplicas: async (ref: ScalableRef): Promise<number> => this.replicas.get(ref.name) ?? 1,
    setReplicas: (ref: ScalableRef, replicas: number): Promise<void> => {
      this.scaleCalls.push(`${ref.kind}/${ref.name} ${replicas}`);
      if (this.hangWorkloads) return new Promise(() => undefined);
      this.replicas.set(ref.name, replicas);
      return Promise.resolve();
    },
  };

  readonly nodeSetDriver = (set: { name: string }) => {
    const driver = this.drivers.get(set.name);
    return driver instanceof NodeSetDriverDouble ? driver : undefined;
  };

  readonly now = () => this.clock;

  driver(set: string, count: number): NodeSetDriverDouble {
    const driver = new NodeSetDriverDouble(count);
    this.drivers.set(set, driver);
    return driver;
  }
}

export interface PolicySpec {
  readonly name: string;
  readonly kind: 'vm' | 'container';
  /** A module under test/fixtures/runtime/rules, or `source` for an uncompiled rule. */
  readonly rule: string | { readonly source: string };
  readonly min?: number;
  readonly max?: number;
  readonly queries?: Record<string, string>;
  readonly alerts?: readonly string[];
  readonly hosts?: readonly string[];
  readonly constants?: Record<string, unknown>;
}

/** Writes plan.json and the rule modules into a fresh directory; returns the directory and the plan. */
export async function planDir(appId: string, specs: readonly PolicySpec[]): Promise<{ dir: string; plan: Plan }> {
  const dir = await mkdtemp(join(tmpdir(), `adtc-plan-${appId}-`));
  await mkdir(join(dir, 'policies'));
  const policies: ScalingPolicy[] = [];
  for (const [order, spec] of specs.entries()) {
    let rule: ScalingPolicy['rule'];
    if (typeof spec.rule === 'string') {
      const module = `policies/${spec.name}.js`;
      await copyFile(join(fixturesRoot, 'runtime/rules', spec.rule), join(dir, module));
      rule = { module, sha256: createHash('sha256').update(await readFile(join(dir, module))).digest('hex') };
    } else {
      rule = { source: spec.rule.source };
    }
    policies.push({
      name: spec.name,
      target: spec.name,
      kind: spec.kind,
      ...(spec.kind === 'container' ? { workload: { kind: 'Deployment', name: spec.name, namespace: 'default' } } : {}),
      hosts: spec.hosts ?? [],
      bounds: { min: spec.min ?? 1, max: spec.max ?? 5 },
      stage: 'started',
      priority: 100,
      constants: (spec.constants ?? {}) as ScalingPolicy['constants'],
      queries: Object.fromEntries(Object.entries(spec.queries ?? {}).map(([k, expr]) => [k, { expr }])),
      alerts: [...(spec.alerts ?? [])],
      order,
      rule,
    });
  }
  const plan: Plan = {
    formatVersion: 1,
    app: { id: appId, compiler: { name: 'adtc', version: 'test' }, source: { file: `${appId}.yaml`, sha256: '0'.repeat(64) } },
    inputs: [],
    nodeSets: specs
      .filter((s) => s.kind === 'vm')
      .map((s) => ({
        name: s.name,
        node: s.name,
        type: 'tosca.nodes.MiCADO.EC2.Compute',
        cloud: 'ec2' as const,
        backend: 'occopus' as const,
        properties: {},
        count: { min: s.min ?? 1, max: s.max ?? 5, initial: s.min ?? 1 },
        contextualisation: { mode: 'append' as const, file: `nodes/${s.name}/cloud-init.yaml` },
        description: `nodes/${s.name}/node-set.json`,
      })),
    kubernetes: { objects: [] },
    monitoring: { nodeMetrics: false, containerMetrics: false },
    prometheus: { scrapeConfig: 'prometheus/scrape.yml', staticTargets: [], kubeServices: [] },
    policies,
    secrets: [],
    networkSecurity: [],
    outputs: [],
  };
  await writeFile(join(dir, 'plan.json'), `${JSON.stringify(plan, null, 2)}\n`);
  return { dir, plan };
}
