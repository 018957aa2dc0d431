/**
 * One loop per app across machines: a coordination.k8s.io/v1 Lease `adtc-loop-<app-id>` in the app's
 * namespace, as Kubernetes controllers elect their leader. The loop takes it when it is free or expired,
 * renews it before every cycle, and gives it back when it stops. Writes carry the resourceVersion they read,
 * so of two loops racing for an expired Lease exactly one wins; a loop that finds the Lease renewed by
 * someone else stops before its next cycle.
 */
import { hostname } from 'node:os';
import type { Cluster } from '../kubernetes/cluster.js';
import { DEFAULT_BOUNDS, bounded } from '../loop/bounded.js';
import { holderAlive } from './loop-lock.js';

export type LeaseClient = Pick<Cluster, 'readLease' | 'writeLease' | 'releaseLease'>;

export type LeaseResult = { readonly ok: true; readonly lease: LoopLease } | { readonly ok: false; readonly message: string };

export function leaseName(appId: string): string {
  return `adtc-loop-${appId}`;
}

export class LoopLease {
  private constructor(
    private readonly client: LeaseClient,
    readonly namespace: string,
    readonly name: string,
    readonly holder: string,
    private readonly durationSeconds: number,
    private readonly now: () => number,
  ) {}

  /** `holder` names this process (host/pid); tests name other machines. */
  static async acquire(client: LeaseClient, namespace: string, appId: string, durationSeconds: number, holder = `${hostname()}/${process.pid}`, now: () => number = Date.now): Promise<LeaseResult> {
    const lease = new LoopLease(client, namespace, leaseName(appId), holder, durationSeconds, now);
    try {
      const problem = await lease.take(true);
      return problem === undefined ? { ok: true, lease } : { ok: false, message: problem };
    } catch (error) {
      return { ok: false, message: `cannot take the Lease ${namespace}/${lease.name}: ${(error as Error).message}` };
    }
  }

  /** Renews the Lease; a message when another loop holds it now (this one must stop). Unreachable: undefined, try again next cycle. */
  async renew(): Promise<string | undefined> {
    try {
      return await this.take(false);
    } catch {
      // The API server is unreachable: the Lease runs on until it expires; whoever holds it then is told at its renewal.
      return undefined;
    }
  }

  async release(): Promise<void> {
    await this.call('release', () => this.client.releaseLease(this.namespace, this.name, this.holder)).catch(() => undefined);
  }

  private call<T>(what: string, call: () => Promise<T>): Promise<T> {
    return bounded('kubernetes', `${what} Lease ${this.namespace}/${this.name}`, call, { bounds: DEFAULT_BOUNDS.kubernetes });
  }

  /** Takes or renews the Lease; a message naming the holder when it is someone else's. */
  private async take(first: boolean): Promise<string | undefined> {
    const current = await this.call('read', () => this.client.readLease(this.namespace, this.name));
    const now = this.now();
    const spec = { holder: this.holder, durationSeconds: this.durationSeconds, renewedAt: now };
    if (current !== undefined && current.holder !== undefined && current.holder !== this.holder) {
      const renewed = current.renewedAt ?? 0;
      const live = renewed + current.durationSeconds * 1000 > now && !diedHere(current.holder);
      if (live || !first) {
        const ago = Math.max(0, Math.round((now - renewed) / 1000));
        return `a scaling loop for this app already runs elsewhere (${current.holder} holds the Lease ${this.namespace}/${this.name}, renewed ${ago} s ago for ${current.durationSeconds} s); stop it first, or wait for its Lease to expire`;
      }
    }
    const written = await this.call('write', () => this.client.writeLease(this.namespace, this.name, spec, current?.resourceVersion));
    return written ? undefined : `another scaling loop took the Lease ${this.namespace}/${this.name} at the same moment`;
  }
}

/** Whether the holder was a process on this machine that no longer runs (killed with -9): its Lease is free. */
function diedHere(holder: string): boolean {
  const match = /^(.*)\/(\d+)$/.exec(holder);
  return match !== null && !holderAlive({ host: match[1]!, pid: Number(match[2]), since: '' });
}
