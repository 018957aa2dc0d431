/**
 * The routes `adtc serve` mounts beside the controller's endpoint (controller/http-endpoint.ts): the credentials
 * check, /openapi.json, the dashboard (/) and the submitter API. Only the probes and the metrics (/healthz, /readyz, /metrics) stay
 * open, as kubelet and Prometheus call them without credentials; everything else, /apps included, asks for them.
 * A replica standing by (another one leads, serve/leader-election.ts) answers reads but refuses every change.
 */
import type { Route } from '../controller/http-endpoint.js';
import { authorised, challenge } from './auth.js';
import type { Credentials } from './auth.js';
import { renderDashboard } from './dashboard.js';
import { lastDecisions } from './last-decisions.js';
import { openApiDocument } from './openapi.js';
import { answer, API_BASE, submitterRoute } from './submitter-api.js';
import type { SubmitterOptions } from './submitter-api.js';

const OPEN = new Set(['/healthz', '/readyz', '/metrics']);

/** Requests that change nothing even though they are POSTs: a standby answers them too. */
const READ_ONLY_POSTS = new Set([`${API_BASE}/app/validate/`, `${API_BASE}/app/validate`]);

/** `standby` tells why this replica does not lead, or undefined when it does. */
export function serveRoutes(credentials: Credentials | undefined, submitter: SubmitterOptions, standby: () => string | undefined = () => undefined): Route[] {
  const guard: Route = (request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (OPEN.has(path) || authorised(request, credentials)) return false;
    // The body is not read: the connection closes so a large unauthenticated upload is not received either.
    response.setHeader('www-authenticate', challenge(credentials!));
    response.setHeader('connection', 'close');
    return answer(response, 401, 'authentication required: send the credentials adtc serve was started with (curl -u user:password, or -H "Authorization: Bearer <token>")');
  };
  const leaderOnly: Route = (request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const why = standby();
    if (why === undefined || request.method === 'GET' || request.method === 'HEAD' || READ_ONLY_POSTS.has(path)) return false;
    response.setHeader('retry-after', '5');
    response.setHeader('connection', 'close');
    return answer(response, 503, `this adtc serve replica stands by and changes nothing: ${why}. Send launches, updates and undeploys to the leader (through the Service, which routes only to the ready replica), or retry once this replica has taken over`);
  };
  const openApi: Route = (request, response) => {
    if (new URL(request.url ?? '/', 'http://localhost').pathname !== '/openapi.json') return false;
    response.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    response.end(JSON.stringify(openApiDocument, null, 1));
    return true;
  };
  const dashboard: Route = async (request, response) => {
    if (new URL(request.url ?? '/', 'http://localhost').pathname !== '/' || request.method !== 'GET') return false;
    const { actions, queue } = submitter;
    const ids = [...new Set([...(await actions.deployed()), ...queue.all().map((o) => o.app)])].sort();
    const apps = await Promise.all(ids.map(async (id) => ({ id, phase: queue.get(id)?.phase ?? 'deployed', lines: (await actions.status(id)).lines, decisions: await lastDecisions(submitter.stateDir, id) })));
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'" });
    response.end(renderDashboard(apps));
    return true;
  };
  return [guard, leaderOnly, openApi, dashboard, submitterRoute(submitter)];
}
