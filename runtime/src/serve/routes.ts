/**
 * The routes `adtc serve` mounts beside the controller's endpoint (controller/http-endpoint.ts): the credentials
 * check, the refusal of cross-site browser requests, /openapi.json, the dashboard (/ and /dashboard/…) and the
 * submitter API. Only the probes and the metrics (/healthz, /readyz, /metrics) stay open, as kubelet and
 * Prometheus call them without credentials; everything else, /apps included, asks for them.
 * A replica standing by (another one leads, serve/leader-election.ts) answers reads but refuses every change.
 */
import type { Route } from '../controller/http-endpoint.js';
import { authorised, challenge } from './auth.js';
import type { Credentials } from './auth.js';
import { dashboardRoute } from './dashboard-routes.js';
import { openApiDocument } from './openapi.js';
import { crossSiteProblem } from './same-origin.js';
import { answer, API_BASE, submitterRoute } from './submitter-api.js';
import type { SubmitterOptions } from './submitter-api.js';

const OPEN = new Set(['/healthz', '/readyz', '/metrics']);

/** Requests that change nothing even though they are POSTs: a standby answers them too. */
const READ_ONLY_POSTS = new Set([`${API_BASE}/app/validate/`, `${API_BASE}/app/validate`]);

/** `standby` tells why this replica does not lead, or undefined when it does. */
export function serveRoutes(credentials: Credentials | undefined, submitter: SubmitterOptions, standby: () => string | undefined = () => undefined): Route[] {
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
  return [guard, leaderOnly, openApi, dashboardRoute(submitter), submitterRoute(submitter)];
}
