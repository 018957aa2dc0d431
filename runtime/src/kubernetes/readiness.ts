import type { RolloutKind } from './cluster.js';

export interface RolloutState {
  readonly ready: number;
  readonly desired: number;
  readonly done: boolean;
  readonly message: string;
}

type Fields = Record<string, unknown>;

function num(value: unknown, fallback = 0): number {
  return typeof value === 'number' ? value : fallback;
}

function field(object: Fields, key: string): Fields {
  const value = object[key];
  return value !== null && typeof value === 'object' ? (value as Fields) : {};
}

/**
 * Whether a workload has rolled out, judged like `kubectl rollout status`: the controller has seen the
 * latest generation, every wanted pod runs the new template, and enough of them are available/ready.
 */
export function rolloutState(kind: RolloutKind, object: Fields): RolloutState {
  const spec = field(object, 'spec');
  const status = field(object, 'status');
  const generation = num(field(object, 'metadata')['generation']);
  const observed = num(status['observedGeneration']) >= generation;
  if (!observed) {
    return { ready: 0, desired: 0, done: false, message: 'waiting for the controller to observe the new generation' };
  }
  switch (kind) {
    case 'Deployment': {
      const desired = num(spec['replicas'], 1);
      const updated = num(status['updatedReplicas']);
      const available = num(status['availableReplicas']);
      const total = num(status['replicas']);
      const ready = Math.min(updated, available);
      const done = updated >= desired && available >= desired && total <= updated;
      return { ready, desired, done, message: `${ready} of ${desired} updated replicas available` };
    }
    case 'StatefulSet': {
      const desired = num(spec['replicas'], 1);
      const ready = Math.min(num(status['readyReplicas']), num(status['updatedReplicas']));
      return { ready, desired, done: ready >= desired, message: `${ready} of ${desired} updated replicas ready` };
    }
    case 'DaemonSet': {
      const desired = num(status['desiredNumberScheduled']);
      const ready = Math.min(num(status['updatedNumberScheduled']), num(status['numberAvailable'], num(status['numberReady'])));
      return { ready, desired, done: ready >= desired, message: `${ready} of ${desired} updated pods available` };
    }
  }
}
