/**
 * m_time_when_node_count_changed (micado-reference 6.7): the node set is "stable" when its target equals the
 * number of ready nodes. The value is the moment it last became stable, and 0 while it converges; without a
 * previous cycle, a previous target of 0 or no previous nodes, it is now.
 */
export interface NodeTiming {
  /** Whether the previous cycle saw the set stable; undefined before the first cycle. */
  readonly stable?: boolean;
  readonly count: number;
  readonly nodes: number;
  /** Epoch seconds, or 0 while converging. */
  readonly when: number;
}

export function nextTiming(previous: NodeTiming | undefined, count: number, nodes: number, nowSeconds: number): NodeTiming {
  const stable = count === nodes;
  let when: number;
  if (previous?.stable === undefined || previous.count === 0 || previous.nodes === 0) when = nowSeconds;
  // A count that changed while the set stayed stable (machines that came or went between two cycles) is a
  // new stable moment: without this a rule's `m_time_since_node_count_changed > N` guard never holds it back.
  else if (previous.stable) when = stable ? (previous.count === count ? previous.when : nowSeconds) : 0;
  else when = stable ? nowSeconds : 0;
  return { stable, count, nodes, when };
}

export function secondsSince(timing: NodeTiming, nowSeconds: number): number {
  return timing.when === 0 ? 0 : Math.max(0, nowSeconds - timing.when);
}
