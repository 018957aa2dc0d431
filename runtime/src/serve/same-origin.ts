/**
 * Cross-site request forgery: a browser that holds the dashboard's credentials sends them with any request, also
 * one another site's page makes (a form posted to /toscasubmitter/v1.0/app/launch/). So a request that changes
 * something and comes from a browser must come from a page of this server: browsers say where a request comes
 * from (Sec-Fetch-Site, or Origin in older ones). curl and MiCADO's clients send neither and are not affected.
 */
import type { IncomingMessage } from 'node:http';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Why the request is refused as cross-site, or undefined. */
export function crossSiteProblem(request: IncomingMessage): string | undefined {
  if (SAFE.has(request.method ?? 'GET')) return undefined;
  const site = request.headers['sec-fetch-site'];
  const origin = request.headers.origin;
  let sameOrigin: boolean;
  if (typeof site === 'string') sameOrigin = site === 'same-origin' || site === 'none';
  else if (origin === undefined) return undefined;
  else {
    try {
      sameOrigin = new URL(origin).host === request.headers.host;
    } catch {
      sameOrigin = false;
    }
  }
  return sameOrigin ? undefined : `a ${request.method} from another site's page (${origin ?? site}) is refused: launch, update and undeploy from the dashboard of this server, or with curl`;
}
