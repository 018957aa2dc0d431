/**
 * The node-set part of deploy and undeploy: every VM node set of the plan is provisioned by its driver (the
 * working directory or infrastructure created from the plan's files, the worker join filled in) or, for a
 * driver of infrastructure made elsewhere, scaled. A plan with node sets and no driver for one of them is an
 * error unless the operator says to leave VMs alone: "deployed" must mean the machines exist.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { NodeSetDriver } from '../nodesets/driver.js';
import { hasLifecycle } from '../nodesets/driver.js';
import type { WorkerJoin } from '../nodesets/worker-join.js';
import { fillWorkerJoin } from '../nodesets/worker-join.js';
import type { NodeSet, Plan } from '../plan/plan-types.js';

export interface NodeSetTargets {
  readonly nodeSetDriver: (set: NodeSet) => NodeSetDriver | undefined;
  /** Fills `{{ master_ip }}` and `{{ join_token }}` in what the machines boot with. */
  readonly workerJoin?: WorkerJoin;
  /** Deploy the Kubernetes part only, leaving every node set unprovisioned (an explicit choice). */
  readonly skipNodeSets?: boolean;
  readonly progress: (line: string) => void;
}

const FLAG: Readonly<Record<NodeSet['backend'], string>> = { terraform: '--terraform <terraform|tofu>', occopus: '--occopus-url <url>' };

/**
 * What stops the given node sets from coming up, found before anything changes: a missing driver, a join value
 * or credential not given, a placeholder nothing fills.
 */
export async function nodeSetProblems(planDir: string, sets: readonly NodeSet[], targets: NodeSetTargets): Promise<string[]> {
  if (targets.skipNodeSets) return [];
  const problems: string[] = [];
  for (const set of sets) {
    if (targets.nodeSetDriver(set) === undefined) {
      problems.push(`node set ${set.name} (${set.backend}) has no driver: pass ${FLAG[set.backend]}, or --no-node-sets to deploy without provisioning VMs`);
      continue;
    }
    try {
      fillWorkerJoin(await readFile(join(planDir, set.contextualisation.file), 'utf8'), targets.workerJoin, `node set ${set.name}: ${set.contextualisation.file}`);
    } catch (error) {
      problems.push((error as Error).message);
    }
    if (set.terraform !== undefined) {
      for (const name of await secretVariables(join(planDir, set.terraform.config))) {
        if (process.env[`TF_VAR_${name}`] === undefined) problems.push(`node set ${set.name} needs the secret Terraform variable ${name}: export TF_VAR_${name} before deploying`);
      }
    }
  }
  return problems;
}

/** The sensitive variables without a default of a Terraform JSON configuration: credentials Terraform takes from the environment. */
async function secretVariables(config: string): Promise<string[]> {
  const variables = (JSON.parse(await readFile(config, 'utf8')) as { variable?: Record<string, { sensitive?: boolean; default?: unknown }> }).variable ?? {};
  return Object.entries(variables).filter(([, v]) => v.sensitive === true && !('default' in v)).map(([name]) => name);
}

/** Brings one node set to its initial count; returns how to undo it. */
export async function provisionNodeSet(planDir: string, plan: Plan, set: NodeSet, targets: NodeSetTargets): Promise<(() => Promise<unknown>) | undefined> {
  const driver = targets.nodeSetDriver(set);
  if (driver === undefined) {
    targets.progress(`node set ${set.name}: not provisioned (--no-node-sets)`);
    return undefined;
  }
  if (hasLifecycle(driver)) {
    targets.progress(`node set ${set.name}: provisioning ${set.count.initial} machines (${set.backend}, ${set.cloud})`);
    await driver.provision({ planDir, plan, set, join: targets.workerJoin }, set.count.initial);
    return () => driver.remove(set.name);
  }
  const before = await driver.count(set.name);
  targets.progress(`node set ${set.name}: ${before} → ${set.count.initial} machines`);
  await driver.scale(set.name, set.count.initial);
  return () => driver.scale(set.name, before);
}

/** Removes a node set deploy provisioned: everything its driver created, or its machines when the driver only scales. */
export async function removeNodeSet(set: NodeSet, targets: NodeSetTargets): Promise<boolean> {
  const driver = targets.nodeSetDriver(set);
  if (driver === undefined) return false;
  if (hasLifecycle(driver)) await driver.remove(set.name);
  else await driver.scale(set.name, 0);
  return true;
}
