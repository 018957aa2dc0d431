/**
 * What the loop must remember across restarts (issue 6: "a restart never scales twice"): each node set's
 * target and stability timing, each workload's count, m_userdata, the optimiser's knowledge, and the actions a cycle decided but may not
 * have finished applying. The file is replaced atomically (write, fsync, rename, fsync the directory), so a
 * kill at any instant leaves either the old state or the new one.
 */
import { mkdir, open, readFile, rename } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Knowledge } from '../optimiser/optimiser.js';
import type { NodeTiming } from './node-timing.js';

export const STATE_VERSION = 1;

export interface NodeSetState {
  /** The clamped target the loop last decided (the next cycle's m_node_count). */
  readonly target: number;
  readonly timing?: NodeTiming;
}

export interface WorkloadState {
  /** The clamped count the loop last decided or read (the next cycle's m_container_count). */
  readonly count: number;
}

/** An action decided by a cycle; written before it is applied and removed once it has been. */
export type PendingAction =
  | { readonly kind: 'scale-nodes'; readonly policy: string; readonly set: string; readonly count: number }
  | { readonly kind: 'drop-nodes'; readonly policy: string; readonly set: string; readonly nodes: readonly string[] }
  | { readonly kind: 'scale-workload'; readonly policy: string; readonly workload: { kind: string; name: string; namespace: string }; readonly count: number };

export interface PolicyResult {
  readonly at: string;
  readonly cycle: number;
  /** What happened: "scale worker-node 1 → 2", "no change", "held: …", "skipped: …", "error: …". */
  readonly summary: string;
  readonly outputs?: unknown;
  /** The rule raised an error (its message with the ADT line); the outputs it assigned before still count. */
  readonly ruleError?: string;
  /** The rule asked for a count outside the policy's bounds. */
  readonly clamped?: { readonly requested: string; readonly applied: number };
}

export interface LoopState {
  readonly version: typeof STATE_VERSION;
  readonly appId: string;
  /** SHA-256 of the plan the state belongs to; a changed plan keeps counts but resets m_userdata (as an update does in MiCADO). */
  readonly planSha256: string;
  readonly cycle: number;
  /** Epoch ms when the last cycle finished. */
  readonly lastCycleAt?: number;
  readonly nodeSets: Readonly<Record<string, NodeSetState>>;
  readonly workloads: Readonly<Record<string, WorkloadState>>;
  /** m_userdata: the exact text the rule module returned (a state saved before that: encoded by clone-json). */
  readonly userdata: unknown;
  readonly pending: readonly PendingAction[];
  /** The built-in optimiser's knowledge per VM policy whose rule reads m_opt_advice (absent in older state files). */
  readonly optimiser?: Readonly<Record<string, Knowledge>>;
  /** Epoch seconds of each policy's last applied change, for the scale-down window (absent in older state files). */
  readonly lastChangeAt?: Readonly<Record<string, number>>;
  /** The deployment this state belongs to (its record's deployedAt); a new deployment of the app starts afresh. */
  readonly deployedAt?: string;
  /** The loop's period, so status can tell a stalled loop from a slow one. */
  readonly periodMs?: number;
  readonly results: Readonly<Record<string, PolicyResult>>;
}

export type StateLoad = { readonly ok: true; readonly state: LoopState | undefined } | { readonly ok: false; readonly message: string };

export type StateSave = { readonly ok: true } | { readonly ok: false; readonly message: string };

export class StateStore {
  constructor(
    readonly file: string,
    /**
     * Asked before every save; a message refuses it. The loop of a deployed app passes "is the app still
     * deployed?", so a state undeploy removed is never written again by a loop that has not yet noticed.
     */
    private readonly guard?: () => Promise<string | undefined>,
  ) {}

  static forApp(stateDir: string, appId: string, guard?: () => Promise<string | undefined>): StateStore {
    return new StateStore(join(stateDir, appId, 'loop-state.json'), guard);
  }

  async load(): Promise<StateLoad> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { ok: true, state: undefined };
      return { ok: false, message: `cannot read ${this.file}: ${(error as Error).message}` };
    }
    try {
      const state = JSON.parse(text) as LoopState;
      if (state.version !== STATE_VERSION) return { ok: false, message: `${this.file} has state version ${String(state.version)}; this runtime reads ${STATE_VERSION}` };
      return { ok: true, state };
    } catch (error) {
      return { ok: false, message: `${this.file} is not JSON: ${(error as Error).message}` };
    }
  }

  async save(state: LoopState): Promise<StateSave> {
    const refused = await this.guard?.();
    if (refused !== undefined) return { ok: false, message: refused };
    await writeDurably(this.file, `${JSON.stringify(state, null, 1)}\n`);
    return { ok: true };
  }
}

/** Replaces `file` with `text` so that a crash leaves the old or the new content, never a mix. */
export async function writeDurably(file: string, text: string): Promise<void> {
  const directory = dirname(file);
  await mkdir(directory, { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  const handle = await open(temporary, 'w');
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temporary, file);
  const dir = await open(directory, 'r');
  try {
    await dir.sync();
  } catch {
    // Some file systems refuse fsync on a directory; the rename is still atomic there.
  } finally {
    await dir.close();
  }
}
