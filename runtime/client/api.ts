/**
 * The dashboard's calls to the submitter API (v1.0), shared by its pages: requests carry the browser's
 * credentials for this server and a header a cross-site form cannot send, and a queued operation is followed
 * through `app/<id>/status` until it has ended, its progress lines shown as they come.
 */
export const API = '/toscasubmitter/v1.0';

/** The fields of the API's diagnostics (submitter-api.ts) the pages show. */
export type ApiDiagnostic = { readonly severity: string; readonly code: string; readonly message: string; readonly line: number; readonly column: number; readonly file: string };

export interface ApiAnswer {
  readonly status: number;
  readonly message: string;
  readonly data: Record<string, unknown> | undefined;
}

export async function call(method: string, path: string, body?: FormData): Promise<ApiAnswer> {
  let response: Response;
  try {
    response = await fetch(`${API}${path}`, { method, credentials: 'same-origin', headers: { 'x-adtc-dashboard': '1' }, ...(body ? { body } : {}) });
  } catch (error) {
    return { status: 0, message: `the server cannot be reached: ${(error as Error).message}`, data: undefined };
  }
  const text = await response.text();
  try {
    const json = JSON.parse(text) as { message?: string; data?: Record<string, unknown> };
    return { status: response.status, message: json.message ?? '', data: json.data };
  } catch {
    return { status: response.status, message: text.slice(0, 500), data: undefined };
  }
}

const RUNNING = new Set(['queued', 'deploying', 'updating', 'undeploying']);

/** Shows the operation's phase and progress lines in `into` until it ends; resolves with its final phase. */
export async function follow(appId: string, into: HTMLElement): Promise<string> {
  const heading = document.createElement('p');
  const lines = document.createElement('ol');
  lines.setAttribute('aria-label', `Progress of ${appId}`);
  into.replaceChildren(heading, lines);
  for (let delay = 300; ; delay = Math.min(delay * 1.5, 2000)) {
    const answer = await call('GET', `/app/${encodeURIComponent(appId)}/status`);
    const data = answer.data ?? {};
    const phase = answer.status === 404 ? 'undeployed' : String((data['status'] as Record<string, unknown> | undefined)?.['adtc'] ?? 'unknown');
    const progress = Array.isArray(data['progress']) ? (data['progress'] as unknown[]).map(String) : [];
    heading.textContent = `${appId}: ${phase}${typeof data['error'] === 'string' ? ` — ${data['error']}` : ''}`;
    heading.dataset['phase'] = phase;
    for (const line of progress.slice(lines.children.length)) {
      const item = document.createElement('li');
      item.textContent = line;
      lines.append(item);
    }
    if (answer.status !== 200 || !RUNNING.has(phase)) return phase;
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}

/** Undeploys after the user confirms; the progress goes into the app's progress region. */
export async function undeploy(appId: string, into: HTMLElement): Promise<string | undefined> {
  if (!window.confirm(`Undeploy ${appId}? Its workloads, node sets and monitoring are removed from the cluster.`)) return undefined;
  const answer = await call('DELETE', `/app/undeploy/${encodeURIComponent(appId)}`);
  if (answer.status !== 200) {
    into.textContent = `Undeploy refused: ${answer.message}`;
    return undefined;
  }
  return follow(appId, into);
}

/** The region where an app's operation is shown on this page. */
export function progressRegion(appId: string): HTMLElement | null {
  return document.querySelector<HTMLElement>(`[data-progress-for="${CSS.escape(appId)}"]`);
}
