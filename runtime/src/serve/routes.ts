/**
 * The routes `adtc serve` mounts beside the controller's endpoint (controller/http-endpoint.ts): the credentials
 * check, /openapi.json, the dashboard (/) and the submitter API. Only the probes and the metrics (/healthz, /readyz, /metrics) stay
 * open, as kubelet and Prometheus call them without credentials; everything else, /apps included, asks for them.
 */
import type { Route } from '../controller/http-endpoint.js';
import { authorised, challenge } from './auth.js';
import type { Credentials } from './auth.js';
import { renderDashboard } from './dashboard.js';
import { lastDecisions } from './last-decisions.js';
import { openApiDocument } from './openapi.js';
import { answer, submitterRoute } from './submitter-api.js';
import type { SubmitterOptions } from './submitter-api.js';

const OPEN = new Set(['/healthz', '/readyz', '/metrics']);

export function serveRoutes(credentials: Credentials | undefined, submitter: SubmitterOptions): Route[] {
  const guard: Route = (request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (OPEN.has(path) || authorised(request, credentials)) return false;
    // The body is not read: the connection closes so a large unauthenticated upload is not received either.
    response.setHeader('www-authenticate', challenge(credentials!));
    response.setHeader('connection', 'close');
    return answer(response, 401, 'authentication required: send the credentials adtc serve was started with (curl -u user:password, or -H "Authorization: Bearer <token>")');
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
  return [guard, openApi, dashboard, submitterRoute(submitter)];
}
