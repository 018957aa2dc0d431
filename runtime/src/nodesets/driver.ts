/**
 * What the scaling loop needs from a VM back-end (spec 5, 6.10): how many nodes a node set should have,
 * which nodes it has, and the two ways to change it. Node sets are named by their node template.
 */
import type { NodeSet, Plan } from '../plan/plan-types.js';
import type { WorkerJoin } from './worker-join.js';

/** A machine of a node set: the back-end's id for it and its (first) address. */
export interface NodeSetNode {
  readonly id: string;
  readonly addr: string;
}

export interface NodeSetDriver {
  /** The count the back-end is told to keep (Occopus: the target; Terraform: instances in the variables). */
  count(set: string): Promise<number>;
  listNodes(set: string): Promise<NodeSetNode[]>;
  scale(set: string, count: number): Promise<void>;
  /** Removes the given nodes (by id or address, as a rule's m_nodes_todrop names them) and shrinks the set by as many. */
  drop(set: string, nodes: readonly string[]): Promise<void>;
}

export class NodeSetError extends Error {
  override readonly name = 'NodeSetError';
}

/** What a node set boots with, read from the plan: the files the back-end needs, with the worker join to fill in. */
export interface NodeSetSource {
  readonly planDir: string;
  readonly plan: Plan;
  readonly set: NodeSet;
  readonly join: WorkerJoin | undefined;
}

/**
 * A driver that can create and remove a node set, not only resize an existing one. Deploy provisions through
 * it and undeploy removes through it; a driver without it (infrastructure made elsewhere) is only scaled.
 */
export interface NodeSetLifecycle {
  /** Creates what the set needs from the plan (idempotent: an existing set is kept) and sizes it to `count`. */
  provision(source: NodeSetSource, count: number): Promise<void>;
  /** Removes every machine of the set and what provision created. */
  remove(set: string): Promise<void>;
}

export function hasLifecycle(driver: NodeSetDriver): driver is NodeSetDriver & NodeSetLifecycle {
  return typeof (driver as Partial<NodeSetLifecycle>).provision === 'function' && typeof (driver as Partial<NodeSetLifecycle>).remove === 'function';
}
