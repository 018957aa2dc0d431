/**
 * The scaling loop: the Policy Keeper's cycle (micado-reference 6.4) without its bugs. Each cycle runs the VM
 * node policies in plan order, applies their node decisions, then runs each container policy and applies its
 * decision at once. Only changes reach a driver. Every decision is written to the state file before it is
 * applied and cleared after, so a restart finishes what a killed cycle started and never scales twice.
 */
import type { ScalableKind, ScalableRef, WorkerNode } from '../kubernetes/cluster.js';
import type { NodeSet, Plan, ScalingPolicy } from '../plan/plan-types.js';
import { decodeClone, encodeClone, toLoggable } from './clone-json.js';
import { decideContainers, decideNodes, nodeBounds } from './decide.js';
import type { DecisionLog } from './decision-log.js';
import { redactText } from './decision-log.js';
import { DRY_RUN_NODES, dryRunOf } from './dry-run.js';
import type { DryRunComponent } from './dry-run.js';
import type { LoopEnvironment } from './environment.js';
import { nextTiming, secondsSince } from './node-timing.js';
import { adviceInput, keptKnowledge, optimiserStep, ruleUsesAdvice } from './optimiser-inputs.js';
import { fetchAlerts, metricInputs } from './policy-inputs.js';
import type { AlertsView } from './policy-inputs.js';
import { ruleModuleOf } from './rule-module.js';
import type { RuleRunner, VerifiedRule } from './rule-runner.js';
import { decodeUserdata, outputValue } from '../rule-lib/index.js';
import { STATE_VERSION } from './state.js';
import type { LoopState, NodeSetState, PendingAction, PolicyResult, StateStore, WorkloadState } from './state.js';

export interface LoopContext {
  readonly plan: Plan;
  readonly planDir: string;
  readonly planSha256: string;
  readonly env: LoopEnvironment;
  readonly runner: RuleRunner;
  readonly log: DecisionLog;
  readonly store: StateStore;
}

/** One policy's part of a cycle, for the simulator's timeline and `adtc run`'s output. */
export interface PolicyOutcome {
  readonly policy: string;
  readonly kind: 'vm' | 'container';
  readonly before: number;
  readonly after: number;
  readonly summary: string;
  readonly printed: string;
}

export interface CycleReport {
  readonly cycle: number;
  readonly at: number;
  readonly outcomes: readonly PolicyOutcome[];
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export class ScalingLoop {
  private state: Mutable<LoopState>;
  private readonly dryRun: ReadonlySet<DryRunComponent>;
  /** Whether each rule module (by hash) reads m_opt_advice; read once per module. */
  private readonly readsAdvice = new Map<string, boolean>();

  private constructor(
    private readonly ctx: LoopContext,
    state: LoopState,
  ) {
    this.state = { ...state };
    this.dryRun = dryRunOf(ctx.plan);
  }

  /**
   * Loads the state (or builds it from what the drivers report), finishes the actions a previous process left
   * pending, and saves. Fails only when the state file exists but cannot be read: starting afresh then could
   * scale twice, so the operator must look.
   */
  static async open(ctx: LoopContext): Promise<{ ok: true; loop: ScalingLoop } | { ok: false; message: string }> {
    const loaded = await ctx.store.load();
    if (!loaded.ok) return loaded;
    let state = loaded.state;
    const loop = new ScalingLoop(ctx, state ?? (await initialState(ctx, dryRunOf(ctx.plan))));
    if (state !== undefined && state.planSha256 !== ctx.planSha256) {
      // A new plan (adtc update): counts stay with the loop, m_userdata restarts as MiCADO's policy restart does.
      loop.state.planSha256 = ctx.planSha256;
      loop.state.userdata = null;
      loop.state.optimiser = keptKnowledge(ctx.plan.policies, loop.state.optimiser ?? {});
      await loop.fillMissing();
      await ctx.log.write({ type: 'event', event: 'plan-changed', message: 'a new plan: counts kept, m_userdata reset' });
    }
    state = loop.state;
    if (state.pending.length > 0) await loop.finishPending();
    await ctx.store.save(loop.state);
    return { ok: true, loop };
  }

  get current(): LoopState {
    return this.state;
  }

  private async fillMissing(): Promise<void> {
    const fresh = await initialState(this.ctx, this.dryRun);
    this.state.nodeSets = { ...fresh.nodeSets, ...this.state.nodeSets };
    this.state.workloads = { ...fresh.workloads, ...this.state.workloads };
  }

  /** Re-applies, idempotently, what a killed cycle decided: absolute counts, and drops of nodes still present. */
  private async finishPending(): Promise<void> {
    const { env, log, plan } = this.ctx;
    for (const action of this.state.pending) {
      try {
        if (action.kind === 'scale-workload') {
          const actual = await env.workloads.getReplicas(scalable(action.workload));
          if (actual !== action.count) await env.workloads.setReplicas(scalable(action.workload), action.count);
        } else {
          const set = plan.nodeSets.find((s) => s.name === action.set);
          const driver = set && env.nodeSetDriver(set);
          if (driver === undefined) continue;
          if (action.kind === 'scale-nodes') {
            if ((await driver.count(action.set)) !== action.count) await driver.scale(action.set, action.count);
          } else {
            const present = await driver.listNodes(action.set);
            const still = action.nodes.filter((n) => present.some((p) => p.id === n || p.addr === n));
            if (still.length > 0) await driver.drop(action.set, still);
          }
        }
        await log.write({ type: 'event', event: 'resumed-action', action });
      } catch (error) {
        await log.write({ type: 'event', event: 'resume-failed', action, message: redactText((error as Error).message) });
      }
    }
    this.state.pending = [];
  }

  /** One evaluation cycle. Never throws: every failure is logged and fails only the policy it belongs to. */
  async cycle(): Promise<CycleReport> {
    const { plan, env, log, store } = this.ctx;
    const cycle = this.state.cycle + 1;
    const at = env.now();
    const nowSeconds = Math.floor(at / 1000);
    const outcomes: PolicyOutcome[] = [];
    await log.write({ type: 'event', event: 'cycle-start', cycle }, new Date(at));
    const ordered = [...plan.policies].sort((a, b) => a.order - b.order);
    const needsAlerts = ordered.some((p) => p.alerts.length > 0) && !this.dryRun.has('prometheus');
    const alerts = needsAlerts ? await fetchAlerts(env.metrics) : undefined;
    if (alerts?.ok === false) await log.write({ type: 'event', event: 'alerts-unavailable', message: redactText(alerts.message) }, new Date(at));

    // 1. VM node policies in order; their decisions wait until all have run.
    const nodesOf = new Map<string, WorkerNode[]>();
    const nodeActions: PendingAction[] = [];
    const previousTargets = new Map<string, number>();
    for (const policy of ordered.filter((p) => p.kind === 'vm')) {
      const set = nodeSetOf(plan, policy);
      if (set === undefined) {
        outcomes.push(await this.record(policy, cycle, at, 0, 0, `skipped: no node set ${policy.target} in the plan`, ''));
        continue;
      }
      const nodes = await this.workerNodes(set.name, at);
      nodesOf.set(set.name, nodes);
      const previous = this.state.nodeSets[set.name] ?? { target: set.count.initial };
      const inputCount = previous.target;
      previousTargets.set(set.name, inputCount);
      const timing = nextTiming(previous.timing, inputCount, nodes.length, nowSeconds);
      this.state.nodeSets = { ...this.state.nodeSets, [set.name]: { target: inputCount, timing } };
      const inputs = {
        m_nodes: nodes.map((n) => ({ ID: n.ID, Addr: n.Addr })),
        m_node_count: BigInt(inputCount),
        m_nodes_todrop: [],
        m_time_when_node_count_changed: BigInt(timing.when),
        m_time_since_node_count_changed: BigInt(secondsSince(timing, nowSeconds)),
      };
      const run = await this.evaluate(policy, inputs, alerts, cycle, at);
      if (run.outputs === undefined) {
        outcomes.push({ policy: policy.name, kind: 'vm', before: inputCount, after: inputCount, summary: run.summary, printed: run.printed });
        continue;
      }
      const decision = decideNodes({ m_node_count: inputs.m_node_count, ...run.outputs }, inputCount, policy.bounds);
      let summary: string;
      let after = inputCount;
      if (!decision.ok) {
        summary = `error: ${decision.message}`;
      } else if (decision.drop.length > 0) {
        after = decision.count;
        nodeActions.push({ kind: 'drop-nodes', policy: policy.name, set: set.name, nodes: decision.drop });
        summary = `drop ${decision.drop.join(', ')} from ${set.name}: ${inputCount} → ${after}`;
      } else if (decision.count !== inputCount) {
        after = decision.count;
        nodeActions.push({ kind: 'scale-nodes', policy: policy.name, set: set.name, count: after });
        summary = `scale ${set.name} ${inputCount} → ${after}`;
      } else {
        summary = 'no change';
      }
      if (after !== inputCount) this.state.nodeSets = { ...this.state.nodeSets, [set.name]: { target: after, timing } };
      outcomes.push(await this.record(policy, cycle, at, inputCount, after, summary, run.printed, run.inputs ?? inputs, run));
    }

    // 2. Node decisions, after every node rule has run; written down first so a restart can finish them.
    if (nodeActions.length > 0) {
      this.state.pending = [...nodeActions];
      await store.save(this.state);
      for (const action of nodeActions) await this.applyNodeAction(action, previousTargets.get((action as { set: string }).set) ?? 0, at);
    }

    // 3. Container policies, each applied at once; they see the node targets decided above.
    const vmPolicies = ordered.filter((p) => p.kind === 'vm');
    for (const policy of ordered.filter((p) => p.kind === 'container')) {
      const hosts = vmPolicies.filter((vm) => policy.hosts.length === 0 || policy.hosts.includes(vm.target));
      const m_nodes: WorkerNode[] = [];
      let nodeCount = 0;
      for (const vm of hosts) {
        const set = nodeSetOf(plan, vm);
        if (set === undefined) continue;
        m_nodes.push(...(nodesOf.get(set.name) ?? (await this.workerNodes(set.name, at))));
        nodeCount = this.state.nodeSets[set.name]?.target ?? 0;
      }
      const inputCount = this.state.workloads[policy.name]?.count ?? policy.bounds.min;
      const inputs = { m_nodes: m_nodes.map((n) => ({ ID: n.ID, Addr: n.Addr })), m_node_count: BigInt(nodeCount), m_container_count: BigInt(inputCount) };
      const run = await this.evaluate(policy, inputs, alerts, cycle, at);
      if (run.outputs === undefined) {
        outcomes.push({ policy: policy.name, kind: 'container', before: inputCount, after: inputCount, summary: run.summary, printed: run.printed });
        continue;
      }
      const decision = decideContainers({ m_container_count: inputs.m_container_count, ...run.outputs }, policy.bounds);
      let summary = 'no change';
      let after = inputCount;
      if (!decision.ok) summary = `error: ${decision.message}`;
      else if (policy.workload === undefined || !isScalable(policy.workload)) summary = `skipped: ${policy.workload ? `${policy.workload.kind} cannot be scaled` : 'no workload to scale'}`;
      else if (decision.count !== inputCount) {
        const action: PendingAction = { kind: 'scale-workload', policy: policy.name, workload: { ...policy.workload }, count: decision.count };
        this.state.pending = [action];
        this.state.workloads = { ...this.state.workloads, [policy.name]: { count: decision.count } };
        await store.save(this.state);
        const applied = await this.applyWorkload(action, inputCount, at);
        after = applied ? decision.count : inputCount;
        summary = applied ? `scale ${policy.workload.kind}/${policy.workload.name} ${inputCount} → ${after}` : `error: scaling ${policy.workload.name} failed`;
      }
      outcomes.push(await this.record(policy, cycle, at, inputCount, after, summary, run.printed, run.inputs ?? inputs, run));
    }

    this.state.cycle = cycle;
    this.state.lastCycleAt = env.now();
    this.state.pending = [];
    await store.save(this.state);
    await log.write({ type: 'event', event: 'cycle-end', cycle }, new Date(env.now()));
    return { cycle, at, outcomes };
  }

  private async workerNodes(set: string, at: number): Promise<WorkerNode[]> {
    if (this.dryRun.has('k8s')) return DRY_RUN_NODES.map((n) => ({ ...n }));
    try {
      return await this.ctx.env.nodes.workerNodes(set);
    } catch (error) {
      // MiCADO hands the rule {} here (item 46); an empty list keeps len() and iteration working.
      await this.ctx.log.write({ type: 'event', event: 'nodes-unavailable', set, message: redactText((error as Error).message) }, new Date(at));
      return [];
    }
  }

  /** Gathers the metric inputs and runs the rule; `outputs` is undefined when no decision may be made. */
  private async evaluate(
    policy: ScalingPolicy,
    base: Record<string, unknown>,
    alerts: AlertsView | undefined,
    cycle: number,
    at: number,
  ): Promise<{ outputs?: Record<string, unknown>; summary: string; printed: string; error?: string; ms?: number; inputs?: Record<string, unknown> }> {
    const module = await ruleModuleOf(this.ctx.planDir, policy);
    if (!module.ok) {
      await this.record(policy, cycle, at, undefined, undefined, `skipped: ${module.message}`, '');
      return { summary: `skipped: ${module.message}`, printed: '' };
    }
    const metrics = await metricInputs(policy, this.ctx.env.metrics, alerts, this.dryRun.has('prometheus'));
    for (const note of metrics.notes) await this.ctx.log.write({ type: 'event', event: 'query-failed', policy: policy.name, message: redactText(note) }, new Date(at));
    const inputs: Record<string, unknown> = { ...base, ...metrics.values, m_userdata: userdataInput(this.state.userdata) };
    if (metrics.missing.length > 0) {
      const summary = `skipped: metrics unavailable, no decision (${redactText(metrics.missing[0]!)}${metrics.missing.length > 1 ? ` and ${metrics.missing.length - 1} more` : ''})`;
      await this.record(policy, cycle, at, undefined, undefined, summary, '', inputs);
      return { summary, printed: '' };
    }
    if (policy.kind === 'vm' && this.readsOptimiserAdvice(module.rule)) {
      // Sampled only when the rule runs: a cycle without complete metrics teaches the optimiser nothing.
      const nodes = Array.isArray(base['m_nodes']) ? base['m_nodes'].length : 0;
      const step = optimiserStep(policy, metrics.values, nodes, this.state.optimiser?.[policy.name], Math.floor(at / 1000), this.dryRun.has('optimizer'));
      if (step.knowledge !== undefined) this.state.optimiser = { ...this.state.optimiser, [policy.name]: step.knowledge };
      inputs['m_opt_advice'] = adviceInput(step.advice);
    }
    const run = await this.ctx.runner.run(module.rule, inputs, typeof this.state.userdata === 'string' ? { userdata: this.state.userdata } : {});
    if (!run.ok) {
      // A timeout or a dead worker loses the whole run, m_userdata included (rule-language 3.5); other policies go on.
      const summary = `error: rule ${run.reason === 'timeout' ? 'timed out' : run.reason === 'resources' ? 'ran out of memory' : 'failed'}: ${run.message}`;
      await this.record(policy, cycle, at, undefined, undefined, summary, '', inputs);
      return { summary, printed: '' };
    }
    // m_userdata is kept as the exact text the rule module returned (every key type; a size limit applies);
    // a module compiled by an older adtc returns it only as plain data, kept as before.
    if (run.userdata !== undefined) this.state.userdata = run.userdata;
    else if (!module.exactUserdata && 'm_userdata' in run.outputs) this.state.userdata = encodeClone(run.outputs['m_userdata']);
    return {
      outputs: run.outputs,
      summary: '',
      printed: run.printed,
      ms: run.ms,
      inputs,
      ...(run.error === undefined ? {} : { error: `${run.error.message}${run.error.line === undefined ? '' : ` (ADT line ${run.error.line})`}` }),
    };
  }

  private readsOptimiserAdvice(rule: VerifiedRule): boolean {
    let reads = this.readsAdvice.get(rule.sha256);
    if (reads === undefined) this.readsAdvice.set(rule.sha256, (reads = ruleUsesAdvice(rule.source)));
    return reads;
  }

  private async record(
    policy: ScalingPolicy,
    cycle: number,
    at: number,
    before: number | undefined,
    after: number | undefined,
    summary: string,
    printed: string,
    inputs?: Record<string, unknown>,
    run?: { outputs?: Record<string, unknown>; error?: string; ms?: number },
  ): Promise<PolicyOutcome> {
    const result: PolicyResult = { at: new Date(at).toISOString(), cycle, summary, ...(run?.outputs ? { outputs: toLoggable(run.outputs) } : {}) };
    this.state.results = { ...this.state.results, [policy.name]: result };
    await this.ctx.log.write(
      {
        type: 'decision',
        cycle,
        policy: policy.name,
        kind: policy.kind,
        ...(inputs ? { inputs } : {}),
        ...(run?.outputs ? { outputs: run.outputs } : {}),
        ...(run?.error ? { error: run.error } : {}),
        action: summary,
        ...(printed === '' ? {} : { printed }),
        ...(run?.ms === undefined ? {} : { ms: run.ms }),
      },
      new Date(at),
    );
    return { policy: policy.name, kind: policy.kind, before: before ?? 0, after: after ?? before ?? 0, summary, printed };
  }

  private async applyNodeAction(action: PendingAction, previous: number, at: number): Promise<void> {
    if (action.kind === 'scale-workload') return;
    const set = this.ctx.plan.nodeSets.find((s) => s.name === action.set)!;
    const done = () => {
      this.state.pending = this.state.pending.filter((p) => p !== action);
    };
    if (this.dryRun.has(set.backend)) {
      await this.ctx.log.write({ type: 'event', event: 'dry-run', component: set.backend, action }, new Date(at));
      done();
      return;
    }
    const driver = this.ctx.env.nodeSetDriver(set);
    if (driver === undefined) {
      await this.ctx.log.write({ type: 'event', event: 'no-driver', set: set.name, message: `no driver for node set ${set.name}; decision not applied` }, new Date(at));
      this.revertNodes(set.name, previous);
      done();
      return;
    }
    try {
      if (action.kind === 'scale-nodes') await driver.scale(set.name, action.count);
      else await driver.drop(set.name, action.nodes);
    } catch (error) {
      // The target stays where it was, so the next cycle decides again from the truth.
      await this.ctx.log.write({ type: 'event', event: 'scale-failed', action, message: redactText((error as Error).message) }, new Date(at));
      this.revertNodes(set.name, previous);
    }
    done();
    await this.ctx.store.save(this.state);
  }

  private revertNodes(set: string, previous: number): void {
    const current = this.state.nodeSets[set];
    this.state.nodeSets = { ...this.state.nodeSets, [set]: { ...current, target: previous } };
  }

  private async applyWorkload(action: PendingAction & { kind: 'scale-workload' }, previous: number, at: number): Promise<boolean> {
    let ok = true;
    if (this.dryRun.has('k8s')) {
      await this.ctx.log.write({ type: 'event', event: 'dry-run', component: 'k8s', action }, new Date(at));
    } else {
      try {
        await this.ctx.env.workloads.setReplicas(scalable(action.workload), action.count);
      } catch (error) {
        ok = false;
        await this.ctx.log.write({ type: 'event', event: 'scale-failed', action, message: redactText((error as Error).message) }, new Date(at));
        this.state.workloads = { ...this.state.workloads, [action.policy]: { count: previous } };
      }
    }
    this.state.pending = [];
    await this.ctx.store.save(this.state);
    return ok;
  }
}

function isScalable(workload: { kind: string }): boolean {
  return workload.kind === 'Deployment' || workload.kind === 'StatefulSet';
}

/** The scale subresource's reference; callers check isScalable first (initial reads fall back to 1 anyway). */
function scalable(workload: { kind: string; name: string; namespace: string }): ScalableRef {
  return { kind: workload.kind as ScalableKind, name: workload.name, namespace: workload.namespace };
}

export function nodeSetOf(plan: Plan, policy: ScalingPolicy): NodeSet | undefined {
  return plan.nodeSets.find((s) => s.node === policy.target) ?? plan.nodeSets.find((s) => s.name === policy.target);
}

/** Counts as the Policy Keeper starts them (6.3): each node set's driver count, each workload's replicas (1 if unreadable). */
async function initialState(ctx: LoopContext, dryRun: ReadonlySet<DryRunComponent>): Promise<LoopState> {
  const { plan, env } = ctx;
  const nodeSets: Record<string, NodeSetState> = {};
  const workloads: Record<string, WorkloadState> = {};
  for (const policy of plan.policies) {
    if (policy.kind === 'vm') {
      const set = nodeSetOf(plan, policy);
      if (set === undefined) continue;
      let count = set.count.initial;
      const driver = env.nodeSetDriver(set);
      if (dryRun.has(set.backend)) count = 1;
      else if (driver !== undefined) count = await driver.count(set.name).catch(() => set.count.initial);
      const { min, max } = nodeBounds(policy.bounds);
      nodeSets[set.name] = { target: Math.min(Math.max(count, min), max) };
    } else if (policy.workload !== undefined) {
      const replicas = dryRun.has('k8s') ? 1 : await env.workloads.getReplicas(scalable(policy.workload)).catch(() => 1);
      workloads[policy.name] = { count: Math.min(Math.max(replicas || policy.bounds.min, policy.bounds.min), policy.bounds.max) };
    }
  }
  return { version: STATE_VERSION, appId: plan.app.id, planSha256: ctx.planSha256, cycle: 0, nodeSets, workloads, userdata: null, pending: [], results: {} };
}

/**
 * m_userdata as the rule's input and the log shows it: the saved exact text as plain data (the rule module
 * itself receives the text), or a state written before the exact form, decoded as it was saved.
 */
function userdataInput(saved: unknown): unknown {
  if (typeof saved !== 'string') return decodeClone(saved);
  try {
    return outputValue(decodeUserdata(saved), 'm_userdata');
  } catch {
    return saved;
  }
}
