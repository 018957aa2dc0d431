/**
 * One `adtc serve` leads in a cluster: the Lease `adtc-serve` (coordination.k8s.io/v1) in the server's namespace,
 * with client-go's leader-election timing. A replica that holds it runs the loops and accepts launches, updates and
 * undeploys; any other replica (a rolling update's new pod, or two by mistake) stands by: not ready, no loop, no
 * write, and it tries again every retry period, taking over once the leader's Lease has expired (or at once when
 * the leader was a process on this machine that is gone). A leader that cannot renew for the renew deadline (shorter
 * than the Lease) steps down before anyone else may take over, so two leaders never overlap.
 */
import { pause } from '../loop/bounded.js';
import { HeldLease } from '../controller/lease.js';
import type { LeaseClient, LeaseSubject } from '../controller/lease.js';

export interface ElectionTiming {
  /** How long a Lease holds without renewal (client-go: 15 s). */
  readonly leaseDurationS: number;
  /** How long a leader keeps leading without a successful renewal (client-go: 10 s). */
  readonly renewDeadlineMs: number;
  /** How often the leader renews and a standby tries (client-go: 2 s). */
  readonly retryPeriodMs: number;
}

export const DEFAULT_ELECTION: ElectionTiming = { leaseDurationS: 15, renewDeadlineMs: 10_000, retryPeriodMs: 2_000 };

export const SERVE_LEASE: LeaseSubject = { name: 'adtc-serve', role: 'adtc serve', advice: 'this replica stands by and takes over when that Lease expires' };

/** What a replica is now: leading, or standing by (and why). */
export type Standing = { readonly leading: true } | { readonly leading: false; readonly why: string };

export class LeaderElection {
  private standing: Standing = { leading: false, why: 'the leader election has not run yet' };

  constructor(
    private readonly client: LeaseClient,
    readonly namespace: string,
    private readonly timing: ElectionTiming = DEFAULT_ELECTION,
    /** Told of every change of standing, e.g. to log it. */
    private readonly onChange: (standing: Standing) => void = () => undefined,
    private readonly holder?: string,
  ) {}

  now(): Standing {
    return this.standing;
  }

  /** One attempt to lead; the Lease when taken. */
  async attempt(): Promise<HeldLease | undefined> {
    // Each call is bounded well inside the renew deadline, so a hung API server cannot stretch a term.
    const bounds = { timeoutMs: Math.max(200, Math.floor(this.timing.renewDeadlineMs / 3)), attempts: 1, baseDelayMs: 0, maxDelayMs: 0 };
    const taken = await HeldLease.acquire(this.client, this.namespace, SERVE_LEASE, this.timing.leaseDurationS, { ...(this.holder ? { holder: this.holder } : {}), bounds });
    if (taken.ok) return taken.lease;
    this.set({ leading: false, why: taken.message });
    return undefined;
  }

  /**
   * Until `signal` aborts: leads whenever it holds the Lease, running `lead` with a signal that aborts when the term
   * ends (Lease lost, renew deadline passed, or `signal`), and waits for `lead` to end before trying again.
   * `first` is a Lease already taken by `attempt()`.
   */
  async run(signal: AbortSignal, lead: (term: AbortSignal) => Promise<void>, first?: HeldLease): Promise<void> {
    let lease = first;
    while (!signal.aborted) {
      lease ??= await this.attempt();
      if (lease === undefined) {
        if (!(await pause(this.timing.retryPeriodMs, signal))) break;
        continue;
      }
      await this.term(lease, signal, lead);
      lease = undefined;
    }
  }

  private async term(lease: HeldLease, signal: AbortSignal, lead: (term: AbortSignal) => Promise<void>): Promise<void> {
    const term = new AbortController();
    const stop = () => term.abort();
    signal.addEventListener('abort', stop, { once: true });
    this.set({ leading: true });
    const leading = lead(term.signal).catch(() => undefined);
    let renewedAt = Date.now();
    let why = 'adtc serve is stopping';
    while (await pause(this.timing.retryPeriodMs, term.signal)) {
      const renewal = await lease.renewal();
      if (renewal.held) {
        renewedAt = Date.now();
        continue;
      }
      if ('lost' in renewal) {
        why = renewal.lost;
        break;
      }
      if (Date.now() - renewedAt > this.timing.renewDeadlineMs) {
        why = `the Lease ${this.namespace}/${SERVE_LEASE.name} could not be renewed for ${Math.round((Date.now() - renewedAt) / 1000)} s (${renewal.unreachable}); standing down before another replica may take over`;
        break;
      }
    }
    term.abort();
    signal.removeEventListener('abort', stop);
    this.set({ leading: false, why });
    await leading;
    if (signal.aborted) await lease.release();
  }

  private set(standing: Standing): void {
    const changed = standing.leading !== this.standing.leading || (!standing.leading && !this.standing.leading && standing.why !== this.standing.why);
    this.standing = standing;
    if (changed) this.onChange(standing);
  }
}
