/**
 * The child process that runs compiled rules (rule-language 6.4). The host sends a rule module's exact bytes
 * (those whose hash it checked against the plan) with the inputs; this side checks the hash again, imports
 * those bytes and calls the module's `evaluate`. Only structured-clone data comes in and goes out. The host
 * owns every piece of state and the wall-clock watchdog; this side only evaluates. It is a process, not a
 * thread: when a rule exhausts the heap, V8 may abort the whole process, and that must never be the host.
 */
import { register } from 'node:module';
import { createHash } from 'node:crypto';

// Compiled rule modules import '@adtc/rule-lib'; resolve it to this runtime's library (rule-lib-hook.ts).
register(new URL('./rule-lib-hook.js', import.meta.url));

export interface EvaluateRequest {
  readonly id: number;
  /** The module's name for messages (its path in the plan). */
  readonly name: string;
  /** The module's bytes, exactly as hashed. */
  readonly source: Uint8Array;
  readonly sha256: string;
  readonly inputs: Readonly<Record<string, unknown>>;
  readonly options: EvaluateOptions;
}

export interface EvaluateOptions {
  /** m_userdata exactly as the previous evaluation returned it. */
  readonly userdata?: string;
  /** time.time() for this evaluation, in seconds. */
  readonly clock?: number;
}

export type EvaluateResponse =
  | { readonly id: number; readonly ok: true; readonly outputs: Record<string, unknown>; readonly printed: string; readonly error: unknown; readonly userdata?: string }
  | { readonly id: number; readonly ok: false; readonly message: string };

type Evaluate = (inputs: unknown, options: EvaluateOptions) => { outputs?: unknown; printed?: unknown; error?: unknown; userdata?: unknown } | undefined;

/** Imported modules by hash: a module is evaluated many times and loaded once. */
const loaded = new Map<string, Evaluate>();

// Ready once the rule library is loaded: the host starts its watchdog only then, so the time to start a
// process on a busy machine is never charged to a rule.
await import(new URL('../rule-lib/index.js', import.meta.url).href);
process.send?.({ ready: true });

process.on('message', (request: EvaluateRequest) => {
  void respond(request).then((response) => {
    try {
      process.send?.(response);
    } catch (error) {
      process.send?.({ id: request.id, ok: false, message: `the rule returned data that cannot leave its process: ${(error as Error).message}` });
    }
  });
});

async function respond(request: EvaluateRequest): Promise<EvaluateResponse> {
  const bytes = Buffer.from(request.source.buffer, request.source.byteOffset, request.source.byteLength);
  const actual = createHash('sha256').update(bytes).digest('hex');
  if (actual !== request.sha256) return { id: request.id, ok: false, message: `rule module ${request.name} does not match its hash; refusing to run it` };
  let evaluate = loaded.get(actual);
  if (evaluate === undefined) {
    let module: { evaluate?: unknown };
    try {
      // The verified bytes themselves, as a data: URL: nothing is read from disk after the hash check.
      module = (await import(`data:text/javascript;base64,${bytes.toString('base64')}`)) as { evaluate?: unknown };
    } catch (error) {
      return { id: request.id, ok: false, message: `cannot load ${request.name}: ${(error as Error).message}` };
    }
    if (typeof module.evaluate !== 'function') return { id: request.id, ok: false, message: `${request.name} does not export evaluate(inputs)` };
    evaluate = module.evaluate as Evaluate;
    loaded.set(actual, evaluate);
  }
  try {
    const result = evaluate(request.inputs, request.options);
    const outputs = typeof result?.outputs === 'object' && result.outputs !== null ? (result.outputs as Record<string, unknown>) : {};
    const printed = typeof result?.printed === 'string' ? result.printed : '';
    const base = { id: request.id, ok: true as const, outputs, printed, error: result?.error ?? null };
    return typeof result?.userdata === 'string' ? { ...base, userdata: result.userdata } : base;
  } catch (error) {
    // A compiled rule reports every error inside the rule in `error`; an exception here is a defect of the module.
    return { id: request.id, ok: false, message: `evaluate threw: ${error instanceof Error ? error.message : String(error)}` };
  }
}
