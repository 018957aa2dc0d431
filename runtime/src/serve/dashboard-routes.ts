/**
 * The dashboard's routes: the front page (/), each app's page of charts and rule errors
 * (/dashboard/app/<id>), the ADT editor (/dashboard/editor and /dashboard/editor/<id>) and its files
 * (/dashboard/assets/…). The pages only read: every change goes through the submitter API, from the page's script.
 */
import type { Route } from '../controller/http-endpoint.js';
import { readAdt } from './adt-source.js';
import { renderAppPage } from './dashboard-app.js';
import { serveAsset } from './dashboard-assets.js';
import { renderEditorPage } from './dashboard-editor.js';
import { DASHBOARD_BASE, escape, page, sendPage } from './dashboard-page.js';
import { renderDashboard } from './dashboard.js';
import { decisionHistory } from './decision-history.js';
import { lastDecisions } from './last-decisions.js';
import type { SubmitterOptions } from './submitter-api.js';

/** The app id a path names; undefined for a malformed escape, which names no app. */
function idOf(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

export function dashboardRoute(submitter: SubmitterOptions): Route {
  const { actions, queue, stateDir } = submitter;
  const known = async (id: string) => (await actions.deployed()).includes(id) || queue.get(id) !== undefined;
  const phase = (id: string) => queue.get(id)?.phase ?? 'deployed';
  const notFound = (id: string | undefined) => page('Unknown application', `<h1>No application ${escape(id ?? '')}</h1><p>It is not deployed here. <a href="/">See the applications</a>.</p>`);

  return async (request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (request.method !== 'GET') return false;
    if (path === '/') {
      // An app undeployed by this server is gone; one whose launch failed stays, to show why.
      const ids = [...new Set([...(await actions.deployed()), ...queue.all().filter((o) => o.phase !== 'undeployed').map((o) => o.app)])].sort();
      const apps = await Promise.all(ids.map(async (id) => ({ id, phase: phase(id), lines: (await actions.status(id)).lines, decisions: await lastDecisions(stateDir, id) })));
      return sendPage(response, 200, renderDashboard(apps));
    }
    if (!path.startsWith(`${DASHBOARD_BASE}/`)) return false;
    if (await serveAsset(request, response, path)) return true;
    const app = /^\/dashboard\/app\/([^/]+)\/?$/.exec(path);
    if (app !== null) {
      const id = idOf(app[1]!);
      if (id === undefined || !(await known(id))) return sendPage(response, 404, notFound(id));
      const adt = await readAdt(stateDir, id);
      return sendPage(response, 200, renderAppPage({ id, phase: phase(id), histories: await decisionHistory(stateDir, id), ...(adt ? { adt } : {}) }));
    }
    const editor = /^\/dashboard\/editor(?:\/([^/]+))?\/?$/.exec(path);
    if (editor !== null) {
      if (editor[1] === undefined) return sendPage(response, 200, renderEditorPage({}));
      const id = idOf(editor[1]);
      if (id === undefined || !(await known(id))) return sendPage(response, 404, notFound(id));
      const adt = await readAdt(stateDir, id);
      return sendPage(response, 200, renderEditorPage({ id, phase: phase(id), ...(adt ? { adt } : {}) }));
    }
    return false;
  };
}
