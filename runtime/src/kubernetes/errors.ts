import { ApiException } from '@kubernetes/client-node';

/**
 * A failed Kubernetes API call, reduced to what an operator needs: the operation, the HTTP status and the
 * API server's own message (a Status object's `message`). Never carries request headers, so no token leaks
 * into logs.
 */
export class KubeApiError extends Error {
  override readonly name = 'KubeApiError';
  constructor(
    readonly operation: string,
    readonly status: number | undefined,
    readonly reason: string | undefined,
    readonly attempts: number,
    detail: string,
  ) {
    const tries = attempts > 1 ? ` after ${attempts} attempts` : '';
    const code = status === undefined ? '' : ` (HTTP ${status}${reason ? ` ${reason}` : ''})`;
    super(`Kubernetes API: ${operation} failed${tries}${code}: ${detail}`);
  }
}

export class RolloutTimeoutError extends Error {
  override readonly name = 'RolloutTimeoutError';
}

export function statusOf(error: unknown): number | undefined {
  return error instanceof ApiException ? error.code : undefined;
}

/** The API server's Status body, whichever shape the client handed it over in (parsed or text). */
function statusBody(body: unknown): { message?: string; reason?: string } {
  let parsed = body;
  if (typeof body === 'string') {
    try {
      parsed = JSON.parse(body);
    } catch {
      return { message: body.slice(0, 300) };
    }
  }
  if (parsed !== null && typeof parsed === 'object') {
    const { message, reason } = parsed as Record<string, unknown>;
    return {
      ...(typeof message === 'string' ? { message } : {}),
      ...(typeof reason === 'string' ? { reason } : {}),
    };
  }
  return {};
}

export function toKubeApiError(operation: string, error: unknown, attempts: number): KubeApiError {
  if (error instanceof ApiException) {
    const { message, reason } = statusBody(error.body);
    return new KubeApiError(operation, error.code, reason, attempts, message ?? 'no message from the API server');
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new KubeApiError(operation, undefined, undefined, attempts, detail);
}
