/**
 * What the scaling loop needs from a VM back-end (spec 5, 6.10): how many nodes a node set should have,
 * which nodes it has, and the two ways to change it. Node sets are named by their node template.
 */

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
