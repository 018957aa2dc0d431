/**
 * What every dashboard page shares: escaping, accessible tables, the page shell with its navigation, and the
 * Content-Security-Policy the pages are served with. The policy is strict: scripts and styles only from this
 * server's own files (no inline script, no inline style, nothing from another site), fetches only to this
 * server, and no page may be framed, so another site can neither inject into a page nor click its buttons.
 */
import type { ServerResponse } from 'node:http';

export const CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

export const DASHBOARD_BASE = '/dashboard';

export const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A table with its caption and header cells (the first cell of a row heads it); nothing when there is no row. */
export function table(caption: string, headings: readonly string[], rows: readonly (readonly string[])[], className?: string): string {
  if (rows.length === 0) return '';
  const head = headings.map((h) => `<th scope="col">${escape(h)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c, i) => (i === 0 ? `<th scope="row">${escape(c)}</th>` : `<td>${escape(c)}</td>`)).join('')}</tr>`).join('\n');
  return `<table${className ? ` class="${className}"` : ''}><caption>${escape(caption)}</caption><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

export const appPath = (id: string) => `${DASHBOARD_BASE}/app/${encodeURIComponent(id)}`;
export const editorPath = (id?: string) => `${DASHBOARD_BASE}/editor${id === undefined ? '' : `/${encodeURIComponent(id)}`}`;

/** A whole page: `scripts` are module files under /dashboard/assets/. */
export function page(title: string, main: string, scripts: readonly string[] = []): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)} · adtc serve</title>
<link rel="stylesheet" href="${DASHBOARD_BASE}/assets/dashboard.css">
${scripts.map((s) => `<script type="module" src="${DASHBOARD_BASE}/assets/${s}"></script>`).join('\n')}
</head><body>
<nav aria-label="Dashboard"><a href="/">Applications</a> <a href="${editorPath()}">Launch a new application</a></nav>
<main>
${main}
</main></body></html>
`;
}

export function sendPage(response: ServerResponse, status: number, html: string): true {
  response.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'content-security-policy': CONTENT_SECURITY_POLICY, 'x-content-type-options': 'nosniff', 'referrer-policy': 'same-origin' });
  response.end(html);
  return true;
}
