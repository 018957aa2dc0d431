/**
 * One holder across machines: a coordination.k8s.io/v1 Lease, as Kubernetes controllers elect their leader.
 * Each app's loop holds `adtc-loop-<app-id>` in the app's namespace; `adtc serve` holds `adtc-serve` in its own
 * (serve/leader-election.ts). A holder takes the Lease when it is free or expired, renews it, and gives it back
 * when it stops. Writes carry the resourceVersion they read, so of two holders racing for an expired Lease
 * exactly one wins; a holder that finds the Lease renewed by someone else must stop.
 */
import { hostname } from 'node:os';
import type { Cluster } from '../kubernetes/cluster.js';
import { DEFAULT_BOUNDS, bounded } from '../loop/bounded.js';
import type { CallBounds } from '../loop/bounded.js';
import { holderAlive } from './loop-lock.js';

export type LeaseClient = Pick<Cluster, 'readLease' | 'writeLease' | 'releaseLease'>;

export type LeaseResult = { readonly ok: true; readonly lease: HeldLease } | { readonly ok: false; readonly message: string };

/** Which Lease, and how a refusal explains it to whoever was refused. */
export interface LeaseSubject {
  readonly name: string;
  /** Who holds it, for messages: "a scaling loop for this app". */
  readonly role: string;
  /** What the refused one should do. */
  readonly advice: string;
}

export function appLease(appId: string): LeaseSubject {
  return { name: `adtc-loop-${appId}`, role: 'a scaling loop for this app', advice: 'stop it first, or wait for its Lease to expire' };
}

/** The outcome of one renewal: held, someone else holds it now (stop), or the API server did not answer. */
export type Renewal = { readonly held: true } | { readonly held: false; readonly lost: string } | { readonly held: false; readonly unreachable: string };

/** This process's name as a Lease holder: host (the pod's name in a cluster) and pid. */
export function processHolder(): string {
  return `${hostname()}/${process.pid}`;
}

export class HeldLease {
  private constructor(
    private readonly client: LeaseClient,
    readonly namespace: string,
    private readonly subject: LeaseSubject,
    readonly holder: string,
    private readonly durationSeconds: number,
    private readonly now: () => number,
    private readonly bounds: CallBounds,
  ) {}

  get name(): string {
    return this.subject.name;
  }

  /** `holder` names this process (host/pid); tests name other machines. `bounds` limit each API call. */
  static async acquire(
    client: LeaseClient,
    namespace: string,
    subject: LeaseSubject,
    durationSeconds: number,
    options: { readonly holder?: string; readonly now?: () => number; readonly bounds?: CallBounds } = {},
  ): Promise<LeaseResult> {
    const lease = new HeldLease(client, namespace, subject, options.holder ?? processHolder(), durationSeconds, options.now ?? Date.now, options.bounds ?? DEFAULT_BOUNDS.kubernetes);
    try {
      const problem = await lease.take(true);
      return problem === undefined ? { ok: true, lease } : { ok: false, message: problem };
    } catch (error) {
      return { ok: false, message: `cannot take the Lease ${namespace}/${subject.name}: ${(error as Error).message}` };
    }
  }

  async renewal(): Promise<Renewal> {
    try {
      const lost = await this.take(false);
      return lost === undefined ? { held: true } : { held: false, lost };
    } catch (error) {
      return { held: false, unreachable: (error as Error).message };
    }
  }

  /** Renews the Lease; a message when another holder has it now (this one must stop). Unreachable: undefined, try again next time. */
  async renew(): Promise<string | undefined> {
    const renewal = await this.renewal();
    // The API server is unreachable: the Lease runs on until it expires; whoever holds it then is told at its renewal.
    return 'lost' in renewal ? renewal.lost : undefined;
  }

  async release(): Promise<void> {
    await this.call('release', () => this.client.releaseLease(this.namespace, this.name, this.holder)).catch(() => undefined);
  }

  private call<T>(what: string, call: () => Promise<T>): Promise<T> {
    return bounded('kubernetes', `${what} Lease ${this.namespace}/${this.name}`, call, { bounds: this.bounds });
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
        return `${this.subject.role} already runs elsewhere (${current.holder} holds the Lease ${this.namespace}/${this.name}, renewed ${ago} s ago for ${current.durationSeconds} s); ${this.subject.advice}`;
      }
    }
    const written = await this.call('write', () => this.client.writeLease(this.namespace, this.name, spec, current?.resourceVersion));
    return written ? undefined : `${this.subject.role} took the Lease ${this.namespace}/${this.name} elsewhere at the same moment`;
  }
}

/** Whether the holder was a process on this machine that no longer runs (killed with -9): its Lease is free. */
function diedHere(holder: string): boolean {
  const match = /^(.*)\/(\d+)$/.exec(holder);
  return match !== null && !holderAlive({ host: match[1]!, pid: Number(match[2]), since: '' });
}
