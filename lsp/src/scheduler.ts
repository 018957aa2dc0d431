/**
 * Runs diagnostics for the latest version of each document. An isolated edit
 * is analysed on the next turn of the event loop; edits arriving in a burst
 * (typing) are debounced, so only the last version of the burst is analysed.
 * A run whose document moved on before it started, or while it ran, is
 * dropped: only diagnostics of the current version are published.
 */
export interface SchedulerOptions {
  /** Edits closer together than this are a burst, analysed once it pauses for as long. */
  readonly debounceMs: number;
}

export type Run = (uri: string, isCurrent: () => boolean) => void;

export class Scheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly lastChange = new Map<string, number>();

  constructor(
    private readonly options: SchedulerOptions,
    private readonly version: (uri: string) => number | undefined,
    private readonly run: Run,
  ) {}

  schedule(uri: string): void {
    const now = performance.now();
    const previous = this.lastChange.get(uri);
    this.lastChange.set(uri, now);
    const pending = this.timers.get(uri);
    if (pending) clearTimeout(pending);
    const burst = previous !== undefined && now - previous < this.options.debounceMs;
    const version = this.version(uri);
    const timer = setTimeout(
      () => {
        this.timers.delete(uri);
        const isCurrent = () => this.version(uri) === version;
        if (isCurrent()) this.run(uri, isCurrent);
      },
      burst ? this.options.debounceMs : 0,
    );
    this.timers.set(uri, timer);
  }

  cancel(uri: string): void {
    const pending = this.timers.get(uri);
    if (pending) clearTimeout(pending);
    this.timers.delete(uri);
    this.lastChange.delete(uri);
  }
}
