/**
 * Who may use `adtc serve`: a bearer token or a user and password (HTTP basic auth, as MiCADO's master asks
 * through its reverse proxy). Secrets are compared in constant time and never echoed. A server without
 * credentials is refused on any address other than loopback, so nobody opens a cluster to the network by mistake.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';

export type Credentials = { readonly kind: 'bearer'; readonly token: string } | { readonly kind: 'basic'; readonly user: string; readonly password: string };

/** Compared as digests so the lengths of the secrets leak nothing either. */
function same(a: string, b: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(a), digest(b));
}

/** True when the request carries the credentials; always true without credentials (loopback only, see openProblem). */
export function authorised(request: IncomingMessage, credentials: Credentials | undefined): boolean {
  if (credentials === undefined) return true;
  const header = request.headers.authorization ?? '';
  const space = header.indexOf(' ');
  const scheme = header.slice(0, space).toLowerCase();
  const value = header.slice(space + 1).trim();
  if (credentials.kind === 'bearer') return scheme === 'bearer' && same(value, credentials.token);
  if (scheme !== 'basic') return false;
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  // Both halves are compared, so a wrong user takes as long as a wrong password.
  const userOk = same(decoded.slice(0, colon), credentials.user);
  const passwordOk = same(decoded.slice(colon + 1), credentials.password);
  return colon >= 0 && userOk && passwordOk;
}

/** What the client is told to send, per RFC 7235. */
export function challenge(credentials: Credentials): string {
  return credentials.kind === 'bearer' ? 'Bearer realm="adtc"' : 'Basic realm="adtc", charset="UTF-8"';
}

export function isLoopback(host: string): boolean {
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1';
}

/** Why serving on `host` with these credentials is refused, or undefined when it is allowed. */
export function openProblem(host: string, credentials: Credentials | undefined): string | undefined {
  if (credentials !== undefined || isLoopback(host)) return undefined;
  return `serving on ${host} without credentials would let anyone on the network deploy to the cluster; set $ADTC_SERVE_TOKEN (bearer token) or $ADTC_SERVE_USER and $ADTC_SERVE_PASSWORD (basic auth), or listen on 127.0.0.1`;
}
