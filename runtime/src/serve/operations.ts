/**
 * Launch, update and undeploy as MiCADO's submitter runs them: queued and carried out one at a time in the
 * background (the request answers at once), each app's progress kept so `app/<id>/status` can report it.
 * adtc runs many apps side by side, so a second launch is not refused as MiCADO v1 refuses it.
 */
export type Phase = 'queued' | 'deploying' | 'deployed' | 'updating' | 'undeploying' | 'undeployed' | 'failed' | 'dry-run';

export interface Operation {
  readonly app: string;
  phase: Phase;
  /** What the operation printed so far, line by line (never a secret: the deploy output hides the join token). */
  readonly progress: string[];
  error?: string;
  dryrun: boolean;
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
    const operation: Operation = { app, phase: 'queued', progress: [], dryrun };
    this.byApp.set(app, operation);
    this.tail = this.tail.then(async () => {
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
