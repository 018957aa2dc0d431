/**
 * Launch, update and undeploy as MiCADO's submitter runs them: queued and carried out one at a time in the
 * background (the request answers at once), each app's progress kept so `app/<id>/status` can report it.
 * adtc runs many apps side by side, so a second launch is not refused as MiCADO v1 refuses it.
 */
import { randomBytes } from 'node:crypto';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** Why `id` cannot name an app (its Kubernetes objects carry it), or undefined. */
export function appIdProblem(id: string): string | undefined {
  return DNS_LABEL.test(id) ? undefined : `id '${id}' cannot name Kubernetes objects: use lowercase letters, digits and '-' (at most 63, starting and ending with a letter or digit)`;
}

/** An id for an app launched without one: 8 characters, as MiCADO's, lowercase so Kubernetes takes them. */
export function newAppId(): string {
  return `a${randomBytes(4).toString('hex').slice(0, 7)}`;
}

export type Phase = 'queued' | 'deploying' | 'deployed' | 'updating' | 'undeploying' | 'undeployed' | 'failed' | 'dry-run';

export interface Operation {
  readonly app: string;
  phase: Phase;
  /** What the operation printed so far, line by line (never a secret: the deploy output hides the join token). */
  readonly progress: string[];
  error?: string;
  dryrun: boolean;
  /** Settles when the operation has ended, whatever its outcome (v2.0 answers then). */
  finished: Promise<void>;
}

export class OperationQueue {
  private tail: Promise<void> = Promise.resolve();
  private readonly byApp = new Map<string, Operation>();

  get(app: string): Operation | undefined {
    return this.byApp.get(app);
  }

  all(): Operation[] {
    return [...this.byApp.values()];
  }

  /** True while an operation for `app` waits or runs. */
  busy(app: string): boolean {
    const phase = this.byApp.get(app)?.phase;
    return phase === 'queued' || phase === 'deploying' || phase === 'updating' || phase === 'undeploying';
  }

  /** Queues `work`, which reports lines through `log`; its outcome sets the final phase. */
  enqueue(app: string, running: Phase, done: Phase, work: (log: (line: string) => void) => Promise<{ ok: boolean; error?: string }>, dryrun = false): Operation {
    const operation: Operation = { app, phase: 'queued', progress: [], dryrun, finished: Promise.resolve() };
    this.byApp.set(app, operation);
    this.tail = operation.finished = this.tail.then(async () => {
      operation.phase = running;
      try {
        const outcome = await work((line) => operation.progress.push(line));
        operation.phase = outcome.ok ? done : 'failed';
        if (outcome.error !== undefined) operation.error = outcome.error;
      } catch (error) {
        operation.phase = 'failed';
        operation.error = error instanceof Error ? error.message : String(error);
      }
    });
    return operation;
  }

  /** Resolves when everything queued so far has finished. */
  async idle(): Promise<void> {
    await this.tail;
  }
}
