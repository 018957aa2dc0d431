/**
 * The scaling loop: the Policy Keeper's cycle (micado-reference 6.4) without its bugs. Each cycle runs the VM
 * node policies in plan order, applies their node decisions, then runs each container policy and applies its
 * decision at once. Only changes reach a driver. Every decision is written to the state file before it is
 * applied and cleared after, so a restart finishes what a killed cycle started and never scales twice.
 */
import type { ScalableKind, ScalableRef, WorkerNode } from '../kubernetes/cluster.js';
import type { NodeSet, Plan, ScalingPolicy } from '../plan/plan-types.js';
import { BoundedEnvironment } from './bounded-environment.js';
import type { BoundsConfig } from './bounded-environment.js';
import type { FailureListener } from './bounded.js';
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
import type { RuleModule } from './rule-module.js';
import type { RuleRunner, VerifiedRule } from './rule-runner.js';
import { decodeUserdata, outputValue } from '../rule-lib/index.js';
import { DEFAULT_STABILISATION, keepsOwnTime, scaleDownWait } from './stabilisation.js';
import type { StabilisationOptions } from './stabilisation.js';
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
  /** Limits of each external call (bounded.ts DEFAULT_BOUNDS when absent). */
  readonly bounds?: BoundsConfig;
  /** Told of every failed call, for the loop's metrics. */
  readonly onCallFailure?: FailureListener;
  /** A cycle still running after this long is abandoned (default 5 minutes). */
  readonly cycleTimeoutMs?: number;
  readonly stabilisation?: StabilisationOptions;
  /** The deployment the loop serves (its record's deployedAt): state from another deployment is not reused. */
  readonly deployedAt?: string;
  /** The period between cycles, kept in the state for status. */
  readonly periodMs?: number;
}

/** The largest m_userdata kept (encoded JSON): far above what any rule of the corpus keeps, far below a bloated state file. */
export const MAX_USERDATA_BYTES = 1024 * 1024;

/** A cycle that gets stuck in a call is abandoned after this long; the call limits normally end it far sooner. */
export const DEFAULT_CYCLE_TIMEOUT_MS = 5 * 60_000;

/** A value read from a back-end, or why it could not be. */
type Observed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

/** One policy's part of a cycle, for the simulator's timeline and `adtc run`'s output. */
export interface PolicyOutcome {
  readonly policy: string;
  readonly kind: 'vm' | 'container';
  readonly before: number;
  readonly after: number;
  readonly summary: string;
  readonly printed: string;
  /** The rule raised this error (message and ADT line); what it assigned before still counted. */
  readonly ruleError?: string;
  /** The policy's bounds changed the rule's count. */
  readonly clamped?: boolean;
}

export interface CycleReport {
  readonly cycle: number;
  readonly at: number;
  readonly outcomes: readonly PolicyOutcome[];
  /** The cycle ran out of time or the loop was stopped before it ended. */
  readonly abandoned: boolean;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export class ScalingLoop {
  private state: Mutable<LoopState>;
  private readonly dryRun: ReadonlySet<DryRunComponent>;
  /** Whether each rule module (by hash) reads m_opt_advice; read once per module. */
  private readonly readsAdvice = new Map<string, boolean>();
  /** Whether each rule module (by hash) keeps its own time (stabilisation.ts); read once per module. */
  private readonly ownTime = new Map<string, boolean>();
  /** Why the loop may not go on (its app was undeployed); set once, never cleared. */
  private ended: string | undefined;

  private constructor(
    private readonly ctx: LoopContext,
    state: LoopState,
    private readonly calls: BoundedEnvironment,
    /**
     * Each policy's rule module, read and checked against the plan's hash when the loop opens: a later compile
     * into the plan's folder, or its removal, changes nothing for this loop, which runs its plan until reopened.
     */
    private readonly modules: ReadonlyMap<string, RuleModule>,
  ) {
    this.state = { ...state, ...(ctx.deployedAt === undefined ? {} : { deployedAt: ctx.deployedAt }), ...(ctx.periodMs === undefined ? {} : { periodMs: ctx.periodMs }) };
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
    const fresh = state === undefined || (ctx.deployedAt !== undefined && state.deployedAt !== ctx.deployedAt);
    if (state !== undefined && fresh) await ctx.log.write({ type: 'event', event: 'state-discarded', message: `the state belonged to an earlier deployment (${state.deployedAt ?? 'unknown'}); starting afresh` });
    const calls = new BoundedEnvironment(ctx.env, ctx.bounds, ctx.onCallFailure);
    calls.signal = AbortSignal.timeout(ctx.cycleTimeoutMs ?? DEFAULT_CYCLE_TIMEOUT_MS);
    if (fresh) state = undefined;
    const modules = new Map(await Promise.all(ctx.plan.policies.map(async (p) => [p.name, await ruleModuleOf(ctx.planDir, p)] as const)));
    const loop = new ScalingLoop(ctx, state ?? (await initialState(ctx, calls, dryRunOf(ctx.plan))), calls, modules);
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
    await loop.save();
    return { ok: true, loop };
  }

  get current(): LoopState {
    return this.state;
  }

  /** Why the loop must stop (its app is gone), or undefined while it may go on. */
  get endedBecause(): string | undefined {
    return this.ended;
  }

  private async fillMissing(): Promise<void> {
    const fresh = await initialState(this.ctx, this.calls, this.dryRun);
    this.state.nodeSets = { ...fresh.nodeSets, ...this.state.nodeSets };
    this.state.workloads = { ...fresh.workloads, ...this.state.workloads };
  }

  /** Re-applies, idempotently, what a killed cycle decided: absolute counts, and drops of nodes still present. */
  private async finishPending(): Promise<void> {
    const { log, plan } = this.ctx;
    const env = this.calls;
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

  /**
   * One evaluation cycle. Never throws: every failure is logged and fails only the policy it belongs to. Each
   * policy decides from what its sources report now (the node set's count, the ready nodes, the workload's
   * replicas); a source that cannot be read means no decision for the policies that need it. The cycle ends
   * when `signal` aborts or its deadline passes: calls still waiting are abandoned and later policies skipped.
   */
  async cycle(signal?: AbortSignal): Promise<CycleReport> {
    const { plan, log } = this.ctx;
    const cycle = this.state.cycle + 1;
    const at = this.calls.now();
    const nowSeconds = Math.floor(at / 1000);
    const deadline = AbortSignal.timeout(this.ctx.cycleTimeoutMs ?? DEFAULT_CYCLE_TIMEOUT_MS);
    const cycleSignal = signal === undefined ? deadline : AbortSignal.any([signal, deadline]);
    this.calls.signal = cycleSignal;
    const outcomes: PolicyOutcome[] = [];
    await log.write({ type: 'event', event: 'cycle-start', cycle }, new Date(at));
    const ordered = [...plan.policies].sort((a, b) => a.order - b.order);
    const needsAlerts = ordered.some((p) => p.alerts.length > 0) && !this.dryRun.has('prometheus');
    const alerts = needsAlerts ? await fetchAlerts(this.calls.metrics) : undefined;
    if (alerts?.ok === false) await log.write({ type: 'event', event: 'alerts-unavailable', message: redactText(alerts.message) }, new Date(at));

    // 1. VM node policies in order; their decisions wait until all have run.
    const nodesOf = new Map<string, Observed<WorkerNode[]>>();
    const nodeActions: PendingAction[] = [];
    const previousTargets = new Map<string, number>();
    for (const policy of ordered.filter((p) => p.kind === 'vm')) {
      if (cycleSignal.aborted) {
        outcomes.push(await this.record(policy, cycle, at, undefined, undefined, `skipped: ${abandonReason(cycleSignal)}`, ''));
        continue;
      }
      const set = nodeSetOf(plan, policy);
      if (set === undefined) {
        outcomes.push(await this.record(policy, cycle, at, 0, 0, `skipped: no node set ${policy.target} in the plan`, ''));
        continue;
      }
      const nodes = await this.workerNodes(set.name, at);
      nodesOf.set(set.name, nodes);
      const count = await this.nodeSetCount(set);
      const previous = this.state.nodeSets[set.name] ?? { target: set.count.initial };
      if (!nodes.ok || !count.ok) {
        const summary = `skipped: ${(!count.ok ? count : (nodes as { message: string })).message}; no decision`;
        outcomes.push(await this.record(policy, cycle, at, previous.target, previous.target, summary, ''));
        continue;
      }
      const inputCount = count.value;
      if (inputCount !== previous.target) await log.write({ type: 'event', event: 'reconciled', set: set.name, remembered: previous.target, actual: inputCount }, new Date(at));
      previousTargets.set(set.name, inputCount);
      const timing = nextTiming(previous.timing, inputCount, nodes.value.length, nowSeconds);
      this.state.nodeSets = { ...this.state.nodeSets, [set.name]: { target: inputCount, timing } };
      const inputs = {
        m_nodes: nodes.value.map((n) => ({ ID: n.ID, Addr: n.Addr })),
        m_node_count: BigInt(inputCount),
        m_nodes_todrop: [],
        m_time_when_node_count_changed: BigInt(timing.when),
        m_time_since_node_count_changed: BigInt(secondsSince(timing, nowSeconds)),
      };
      const run = await this.evaluate(policy, inputs, alerts, cycle, at, cycleSignal);
      if (run.outputs === undefined) {
        outcomes.push({ policy: policy.name, kind: 'vm', before: inputCount, after: inputCount, summary: run.summary, printed: run.printed });
        continue;
      }
      const decision = decideNodes({ m_node_count: inputs.m_node_count, ...run.outputs }, inputCount, policy.bounds);
      let summary: string;
      let after = inputCount;
      let clamped: PolicyResult['clamped'];
      if (!decision.ok) {
        summary = `error: ${decision.message}`;
      } else {
        clamped = clampedOf(decision.requested, decision.count);
        const held = this.stabilise(policy, run.ownTime, inputCount, decision.count, nowSeconds);
        if (held !== undefined) {
          summary = held;
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
      }
      if (after !== inputCount) this.state.nodeSets = { ...this.state.nodeSets, [set.name]: { target: after, timing } };
      outcomes.push(await this.record(policy, cycle, at, inputCount, after, summary, run.printed, run.inputs ?? inputs, run, clamped));
    }

    // 2. Node decisions, after every node rule has run; written down first so a restart can finish them.
    if (nodeActions.length > 0) {
      this.state.pending = [...nodeActions];
      await this.save();
      for (const action of nodeActions) await this.applyNodeAction(action, previousTargets.get((action as { set: string }).set) ?? 0, at);
    }

    // 3. Container policies, each applied at once; they see the node targets decided above.
    const vmPolicies = ordered.filter((p) => p.kind === 'vm');
    for (const policy of ordered.filter((p) => p.kind === 'container')) {
      if (cycleSignal.aborted) {
        outcomes.push(await this.record(policy, cycle, at, undefined, undefined, `skipped: ${abandonReason(cycleSignal)}`, ''));
        continue;
      }
      const hosts = vmPolicies.filter((vm) => policy.hosts.length === 0 || policy.hosts.includes(vm.target));
      const m_nodes: WorkerNode[] = [];
      let nodeCount = 0;
      let unavailable: string | undefined;
      for (const vm of hosts) {
        const set = nodeSetOf(plan, vm);
        if (set === undefined) continue;
        const nodes = nodesOf.get(set.name) ?? (await this.workerNodes(set.name, at));
        if (!nodes.ok) unavailable ??= nodes.message;
        else m_nodes.push(...nodes.value);
        nodeCount = this.state.nodeSets[set.name]?.target ?? 0;
      }
      const replicas = await this.replicasOf(policy);
      const remembered = this.state.workloads[policy.name]?.count ?? policy.bounds.min;
      if (!replicas.ok) unavailable ??= replicas.message;
      if (unavailable !== undefined) {
        outcomes.push(await this.record(policy, cycle, at, remembered, remembered, `skipped: ${unavailable}; no decision`, ''));
        continue;
      }
      const inputCount = replicas.ok ? replicas.value : remembered;
      if (inputCount !== remembered) await log.write({ type: 'event', event: 'reconciled', policy: policy.name, remembered, actual: inputCount }, new Date(at));
      this.state.workloads = { ...this.state.workloads, [policy.name]: { count: inputCount } };
      const inputs = { m_nodes: m_nodes.map((n) => ({ ID: n.ID, Addr: n.Addr })), m_node_count: BigInt(nodeCount), m_container_count: BigInt(inputCount) };
      const run = await this.evaluate(policy, inputs, alerts, cycle, at, cycleSignal);
      if (run.outputs === undefined) {
        outcomes.push({ policy: policy.name, kind: 'container', before: inputCount, after: inputCount, summary: run.summary, printed: run.printed });
        continue;
      }
      const decision = decideContainers({ m_container_count: inputs.m_container_count, ...run.outputs }, policy.bounds);
      let summary = 'no change';
      let after = inputCount;
      let clamped: PolicyResult['clamped'];
      if (!decision.ok) summary = `error: ${decision.message}`;
      else if (policy.workload === undefined || !isScalable(policy.workload)) summary = `skipped: ${policy.workload ? `${policy.workload.kind} cannot be scaled` : 'no workload to scale'}`;
      else {
        clamped = clampedOf(decision.requested, decision.count);
        const held = this.stabilise(policy, run.ownTime, inputCount, decision.count, nowSeconds);
        if (held !== undefined) summary = held;
        else if (decision.count !== inputCount) {
          const action: PendingAction = { kind: 'scale-workload', policy: policy.name, workload: { ...policy.workload }, count: decision.count };
          this.state.pending = [action];
          this.state.workloads = { ...this.state.workloads, [policy.name]: { count: decision.count } };
          await this.save();
          const applied = await this.applyWorkload(action, inputCount, at);
          after = applied ? decision.count : inputCount;
          summary = applied ? `scale ${policy.workload.kind}/${policy.workload.name} ${inputCount} → ${after}` : `error: scaling ${policy.workload.name} to ${decision.count} failed`;
        }
      }
      outcomes.push(await this.record(policy, cycle, at, inputCount, after, summary, run.printed, run.inputs ?? inputs, run, clamped));
    }

    if (cycleSignal.aborted) await log.write({ type: 'event', event: 'cycle-abandoned', cycle, message: abandonReason(cycleSignal) }, new Date(this.calls.now()));
    this.state.cycle = cycle;
    this.state.lastCycleAt = this.calls.now();
    this.state.pending = [];
    await this.save();
    await log.write({ type: 'event', event: 'cycle-end', cycle }, new Date(this.calls.now()));
    return { cycle, at, outcomes, abandoned: cycleSignal.aborted };
  }

  /** Saves the state unless the app was undeployed meanwhile; then the loop is over and nothing more is written. */
  private async save(): Promise<void> {
    if (this.ended !== undefined) return;
    const saved = await this.ctx.store.save(this.state);
    if (!saved.ok) {
      this.ended = saved.message;
      await this.ctx.log.write({ type: 'event', event: 'app-gone', message: saved.message });
    }
  }

  /** Holds back a scale-down inside the policy's window (stabilisation.ts); returns the summary when held. */
  private stabilise(policy: ScalingPolicy, ownTime: boolean, current: number, recommended: number, nowSeconds: number): string | undefined {
    if (recommended >= current) return undefined;
    const options = this.ctx.stabilisation ?? DEFAULT_STABILISATION;
    const windowS = ownTime ? options.timedRuleWindowS : options.windowS;
    const wait = scaleDownWait(this.state.lastChangeAt?.[policy.name], nowSeconds, windowS);
    return wait > 0 ? `held: scale-down ${current} → ${recommended} waits ${wait} s more (stabilisation window ${windowS} s since the last change)` : undefined;
  }

  private changed(policy: string, at: number): void {
    this.state.lastChangeAt = { ...this.state.lastChangeAt, [policy]: Math.floor(at / 1000) };
  }

  /** The count the node set's back-end keeps; the remembered target when there is no driver (or a dry run). */
  private async nodeSetCount(set: NodeSet): Promise<Observed<number>> {
    const remembered = this.state.nodeSets[set.name]?.target ?? set.count.initial;
    const driver = this.calls.nodeSetDriver(set);
    if (this.dryRun.has(set.backend) || driver === undefined) return { ok: true, value: remembered };
    try {
      return { ok: true, value: await driver.count(set.name) };
    } catch (error) {
      return { ok: false, message: `node set ${set.name} unavailable (${redactText((error as Error).message)})` };
    }
  }

  /** The workload's replicas as the cluster has them; the remembered count when it cannot be scaled (or a dry run). */
  private async replicasOf(policy: ScalingPolicy): Promise<Observed<number>> {
    const remembered = this.state.workloads[policy.name]?.count ?? policy.bounds.min;
    if (this.dryRun.has('k8s') || policy.workload === undefined || !isScalable(policy.workload)) return { ok: true, value: remembered };
    try {
      return { ok: true, value: await this.calls.workloads.getReplicas(scalable(policy.workload)) };
    } catch (error) {
      return { ok: false, message: `replicas of ${policy.workload.kind} ${policy.workload.name} unavailable (${redactText((error as Error).message)})` };
    }
  }

  private async workerNodes(set: string, at: number): Promise<Observed<WorkerNode[]>> {
    if (this.dryRun.has('k8s')) return { ok: true, value: DRY_RUN_NODES.map((n) => ({ ...n })) };
    try {
      return { ok: true, value: await this.calls.nodes.workerNodes(set) };
    } catch (error) {
      // MiCADO hands the rule {} here (item 46) and the rule then scales on a false picture; no decision instead.
      const message = redactText((error as Error).message);
      await this.ctx.log.write({ type: 'event', event: 'nodes-unavailable', set, message }, new Date(at));
      return { ok: false, message: `the nodes of ${set} unavailable (${message})` };
    }
  }

  /** Gathers the metric inputs and runs the rule; `outputs` is undefined when no decision may be made. */
  private async evaluate(
    policy: ScalingPolicy,
    base: Record<string, unknown>,
    alerts: AlertsView | undefined,
    cycle: number,
    at: number,
    signal: AbortSignal,
  ): Promise<{ outputs?: Record<string, unknown>; summary: string; printed: string; error?: string; ms?: number; inputs?: Record<string, unknown>; ownTime: boolean }> {
    const module = this.modules.get(policy.name)!;
    if (!module.ok) {
      await this.record(policy, cycle, at, undefined, undefined, `skipped: ${module.message}`, '');
      return { summary: `skipped: ${module.message}`, printed: '', ownTime: false };
    }
    const metrics = await metricInputs(policy, this.calls.metrics, alerts, this.dryRun.has('prometheus'));
    for (const note of metrics.notes) await this.ctx.log.write({ type: 'event', event: 'query-failed', policy: policy.name, message: redactText(note) }, new Date(at));
    const inputs: Record<string, unknown> = { ...base, ...metrics.values, m_userdata: userdataInput(this.state.userdata) };
    if (metrics.missing.length > 0) {
      const summary = `skipped: metrics unavailable, no decision (${redactText(metrics.missing[0]!)}${metrics.missing.length > 1 ? ` and ${metrics.missing.length - 1} more` : ''})`;
      await this.record(policy, cycle, at, undefined, undefined, summary, '', inputs);
      return { summary, printed: '', ownTime: false };
    }
    if (policy.kind === 'vm' && this.readsOptimiserAdvice(module.rule)) {
      // Sampled only when the rule runs: a cycle without complete metrics teaches the optimiser nothing.
      const nodes = Array.isArray(base['m_nodes']) ? base['m_nodes'].length : 0;
      const step = optimiserStep(policy, metrics.values, nodes, this.state.optimiser?.[policy.name], Math.floor(at / 1000), this.dryRun.has('optimizer'));
      if (step.knowledge !== undefined) this.state.optimiser = { ...this.state.optimiser, [policy.name]: step.knowledge };
      inputs['m_opt_advice'] = adviceInput(step.advice);
    }
    const run = await untilAborted(this.ctx.runner.run(module.rule, inputs, typeof this.state.userdata === 'string' ? { userdata: this.state.userdata } : {}), signal);
    if (run === undefined) {
      // Stopping: the rule is left to its watchdog; its outputs would come too late to apply.
      const summary = `skipped: ${abandonReason(signal)}`;
      await this.record(policy, cycle, at, undefined, undefined, summary, '', inputs);
      return { summary, printed: '', ownTime: false };
    }
    if (!run.ok) {
      // A timeout or a dead worker loses the whole run, m_userdata included (rule-language 3.5); other policies go on.
      const summary = `error: rule ${run.reason === 'timeout' ? 'timed out' : run.reason === 'resources' ? 'ran out of memory' : 'failed'}: ${run.message}`;
      await this.record(policy, cycle, at, undefined, undefined, summary, '', inputs);
      return { summary, printed: '', ownTime: false };
    }
    // m_userdata is kept as the exact text the rule module returned (every key type; the rule process enforces
    // its size limit); a module compiled by an older adtc returns it only as plain data, kept as before, capped here.
    if (run.userdata !== undefined) this.state.userdata = run.userdata;
    else if (!module.exactUserdata && 'm_userdata' in run.outputs) {
      const encoded = encodeClone(run.outputs['m_userdata']);
      const bytes = JSON.stringify(encoded).length;
      // The state file is rewritten several times a cycle; a rule that grows m_userdata without end must not grow it with it.
      if (bytes <= MAX_USERDATA_BYTES) this.state.userdata = encoded;
      else {
        const message = `m_userdata grew to ${bytes} bytes, over the ${MAX_USERDATA_BYTES}-byte limit; the previous value is kept. Keep only what the next cycles need in it.`;
        await this.ctx.log.write({ type: 'event', event: 'userdata-too-large', policy: policy.name, message }, new Date(at));
      }
    }
    return {
      outputs: run.outputs,
      summary: '',
      printed: run.printed,
      ms: run.ms,
      inputs,
      ownTime: this.keepsOwnTime(module.rule),
      ...(run.error === undefined ? {} : { error: `${run.error.message}${run.error.line === undefined ? '' : ` (ADT line ${run.error.line})`}` }),
    };
  }

  private keepsOwnTime(rule: VerifiedRule): boolean {
    let keeps = this.ownTime.get(rule.sha256);
    if (keeps === undefined) this.ownTime.set(rule.sha256, (keeps = keepsOwnTime(Buffer.from(rule.source).toString('utf8'))));
    return keeps;
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
    clamped?: PolicyResult['clamped'],
  ): Promise<PolicyOutcome> {
    // m_userdata is kept once, in state.userdata; a rule that grows it must not grow every result too.
    const outputs = run?.outputs === undefined ? undefined : Object.fromEntries(Object.entries(run.outputs).filter(([k]) => k !== 'm_userdata'));
    const result: PolicyResult = {
      at: new Date(at).toISOString(),
      cycle,
      summary,
      ...(outputs ? { outputs: toLoggable(outputs) } : {}),
      ...(run?.error ? { ruleError: run.error } : {}),
      ...(clamped ? { clamped } : {}),
    };
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
        ...(clamped ? { clamped } : {}),
        ...(printed === '' ? {} : { printed }),
        ...(run?.ms === undefined ? {} : { ms: run.ms }),
      },
      new Date(at),
    );
    return {
      policy: policy.name,
      kind: policy.kind,
      before: before ?? 0,
      after: after ?? before ?? 0,
      summary,
      printed,
      ...(run?.error ? { ruleError: run.error } : {}),
      ...(clamped ? { clamped: true } : {}),
    };
  }

  private async applyNodeAction(action: PendingAction, previous: number, at: number): Promise<void> {
    if (action.kind === 'scale-workload') return;
    const set = this.ctx.plan.nodeSets.find((s) => s.name === action.set)!;
    const done = () => {
      this.state.pending = this.state.pending.filter((p) => p !== action);
    };
    if (this.dryRun.has(set.backend)) {
      await this.ctx.log.write({ type: 'event', event: 'dry-run', component: set.backend, action }, new Date(at));
      this.changed(action.policy, at);
      done();
      return;
    }
    const driver = this.calls.nodeSetDriver(set);
    if (driver === undefined) {
      await this.ctx.log.write({ type: 'event', event: 'no-driver', set: set.name, message: `no driver for node set ${set.name}; decision not applied` }, new Date(at));
      this.revertNodes(set.name, previous);
      done();
      return;
    }
    try {
      if (action.kind === 'scale-nodes') await driver.scale(set.name, action.count);
      else await driver.drop(set.name, action.nodes);
      this.changed(action.policy, at);
    } catch (error) {
      // The next cycle reads the count the back-end really has (applied or not) and decides from it.
      const message = redactText((error as Error).message);
      await this.ctx.log.write({ type: 'event', event: 'scale-failed', action, message }, new Date(at));
      this.revertNodes(set.name, previous);
      const result = this.state.results[action.policy];
      if (result !== undefined) this.state.results = { ...this.state.results, [action.policy]: { ...result, summary: `error: ${result.summary} failed: ${message}` } };
    }
    done();
    await this.save();
  }

  /** A Kubernetes Event on the scaled workload; a failure to record it is logged and changes nothing else. */
  private async event(ref: ScalableRef, type: 'Normal' | 'Warning', reason: string, message: string, at: number): Promise<void> {
    const events = this.calls.events;
    if (events === undefined) return;
    try {
      await events.recordEvent({ involved: ref, type, reason, message });
    } catch (error) {
      await this.ctx.log.write({ type: 'event', event: 'kubernetes-event-failed', reason, message: redactText((error as Error).message) }, new Date(at));
    }
  }

  private revertNodes(set: string, previous: number): void {
    const current = this.state.nodeSets[set];
    this.state.nodeSets = { ...this.state.nodeSets, [set]: { ...current, target: previous } };
  }

  private async applyWorkload(action: PendingAction & { kind: 'scale-workload' }, previous: number, at: number): Promise<boolean> {
    let ok = true;
    if (this.dryRun.has('k8s')) {
      await this.ctx.log.write({ type: 'event', event: 'dry-run', component: 'k8s', action }, new Date(at));
      this.changed(action.policy, at);
    } else {
      const ref = scalable(action.workload);
      try {
        await this.calls.workloads.setReplicas(ref, action.count);
        this.changed(action.policy, at);
        await this.event(ref, 'Normal', 'Rescaled', `adtc policy ${action.policy}: replicas ${previous} → ${action.count}`, at);
      } catch (error) {
        ok = false;
        const message = redactText((error as Error).message);
        await this.ctx.log.write({ type: 'event', event: 'scale-failed', action, message }, new Date(at));
        this.state.workloads = { ...this.state.workloads, [action.policy]: { count: previous } };
        await this.event(ref, 'Warning', 'RescaleFailed', `adtc policy ${action.policy}: replicas ${previous} → ${action.count} failed: ${message}`, at);
      }
    }
    this.state.pending = [];
    await this.save();
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
async function initialState(ctx: LoopContext, env: LoopEnvironment, dryRun: ReadonlySet<DryRunComponent>): Promise<LoopState> {
  const { plan } = ctx;
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

/** The clamping a decision underwent, when the rule's count was outside the bounds. */
function clampedOf(requested: bigint | undefined, applied: number): PolicyResult['clamped'] {
  return requested === undefined || requested === BigInt(applied) ? undefined : { requested: String(requested), applied };
}

/** Why a cycle's signal ended it. */
function abandonReason(signal: AbortSignal): string {
  const reason: unknown = signal.reason;
  return reason instanceof Error && reason.name === 'TimeoutError' ? 'the cycle ran out of time and was abandoned' : 'the loop is stopping';
}

/** `promise`'s value, or undefined as soon as `signal` aborts. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T | undefined> {
  if (signal.aborted) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    const onAbort = () => resolve(undefined);
    signal.addEventListener('abort', onAbort, { once: true });
    void promise.then((value) => {
      signal.removeEventListener('abort', onAbort);
      resolve(value);
    });
  });
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
