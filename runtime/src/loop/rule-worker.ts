/**
 * The worker thread that runs compiled rules (rule-language 6.4). It imports a rule module and calls its
 * `evaluate(inputs)`; only structured-clone data comes in and goes out. The host owns every piece of state and
 * the wall-clock watchdog; this side only evaluates.
 */
import { register } from 'node:module';
import { parentPort } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';

// Compiled rule modules import '@adtc/rule-lib'; resolve it to this runtime's library (rule-lib-hook.ts).
register(new URL('./rule-lib-hook.js', import.meta.url));

export interface EvaluateRequest {
  readonly id: number;
  /** Absolute path of the rule module. */
  readonly module: string;
  /** Part of the import URL, so an updated module with a new hash is loaded afresh. */
  readonly sha256: string;
  readonly inputs: Readonly<Record<string, unknown>>;
}

export type EvaluateResponse =
  | { readonly id: number; readonly ok: true; readonly outputs: Record<string, unknown>; readonly printed: string; readonly error: unknown }
  | { readonly id: number; readonly ok: false; readonly message: string };

/** Sent when the module is loaded and `evaluate` is called: the host's watchdog times the rule from here. */
export interface EvaluationStarted {
  readonly id: number;
  readonly evaluating: true;
}

type RuleModule = { evaluate?: unknown };

const port = parentPort;
if (port !== null) {
  port.on('message', (request: EvaluateRequest) => {
    void respond(request, () => port.postMessage({ id: request.id, evaluating: true } satisfies EvaluationStarted)).then((response) => {
      try {
        port.postMessage(response);
      } catch (error) {
        port.postMessage({ id: request.id, ok: false, message: `the rule returned data that cannot leave the worker: ${(error as Error).message}` });
      }
    });
  });
}

async function respond(request: EvaluateRequest, evaluating: () => void): Promise<EvaluateResponse> {
  let module: RuleModule;
  try {
    module = (await import(`${pathToFileURL(request.module).href}?sha256=${request.sha256}`)) as RuleModule;
  } catch (error) {
    return { id: request.id, ok: false, message: `cannot load ${request.module}: ${(error as Error).message}` };
  }
  if (typeof module.evaluate !== 'function') return { id: request.id, ok: false, message: `${request.module} does not export evaluate(inputs)` };
  evaluating();
  try {
    const result = (module.evaluate as (inputs: unknown) => unknown)(request.inputs) as { outputs?: unknown; printed?: unknown; error?: unknown } | undefined;
    const outputs = typeof result?.outputs === 'object' && result.outputs !== null ? (result.outputs as Record<string, unknown>) : {};
    return { id: request.id, ok: true, outputs, printed: typeof result?.printed === 'string' ? result.printed : '', error: result?.error ?? null };
  } catch (error) {
    // A compiled rule reports Python errors in `error`; a JavaScript exception here is a defect of the module.
    return { id: request.id, ok: false, message: `evaluate threw: ${error instanceof Error ? error.message : String(error)}` };
  }
}
