/**
 * The routes `adtc serve` mounts beside the controller's endpoint (controller/http-endpoint.ts): the credentials
 * check, the refusal of cross-site browser requests, /openapi.json, the dashboard (/ and /dashboard/…) and the
 * submitter API. Only the probes and the metrics (/healthz, /readyz, /metrics) stay open, as kubelet and
 * Prometheus call them without credentials; everything else, /apps included, asks for them.
 */
import type { Route } from '../controller/http-endpoint.js';
import { authorised, challenge } from './auth.js';
import type { Credentials } from './auth.js';
import { dashboardRoute } from './dashboard-routes.js';
import { openApiDocument } from './openapi.js';
import { crossSiteProblem } from './same-origin.js';
import { answer, submitterRoute } from './submitter-api.js';
import type { SubmitterOptions } from './submitter-api.js';

const OPEN = new Set(['/healthz', '/readyz', '/metrics']);

export function serveRoutes(credentials: Credentials | undefined, submitter: SubmitterOptions): Route[] {
  const guard: Route = (request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (OPEN.has(path)) return false;
    if (!authorised(request, credentials)) {
      // The body is not read: the connection closes so a large unauthenticated upload is not received either.
      response.setHeader('www-authenticate', challenge(credentials!));
      response.setHeader('connection', 'close');
      return answer(response, 401, 'authentication required: send the credentials adtc serve was started with (curl -u user:password, or -H "Authorization: Bearer <token>")');
    }
    const crossSite = crossSiteProblem(request);
    if (crossSite === undefined) return false;
    response.setHeader('connection', 'close');
    return answer(response, 403, crossSite);
  };
  const openApi: Route = (request, response) => {
    if (new URL(request.url ?? '/', 'http://localhost').pathname !== '/openapi.json') return false;
    response.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    response.end(JSON.stringify(openApiDocument, null, 1));
    return true;
  };
  return [guard, openApi, dashboardRoute(submitter), submitterRoute(submitter)];
}
