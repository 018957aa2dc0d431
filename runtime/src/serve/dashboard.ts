/**
 * The dashboard's front page at `/`: every app with its last operation's phase, its node sets and workloads
 * (desired against ready) and each policy's last decision, taken from the same report `adtc status` prints, with
 * the decision's inputs, outputs and printed text from the decision log; links to each app's charts and ADT
 * editor, and its Undeploy button. It is complete without script; with script (live.js) it refreshes its
 * figures in place every 15 s and the buttons work.
 */
import type { DecisionRecord } from './last-decisions.js';
import { appPath, editorPath, escape, page, table } from './dashboard-page.js';

export interface DashboardApp {
  readonly id: string;
  /** The last submitter operation's phase (deployed, updating, failed, …). */
  readonly phase: string;
  /** `adtc status`'s report for the app. */
  readonly lines: readonly string[];
  /** Each policy's last decision record, with its inputs, outputs and printed text. */
  readonly decisions: ReadonlyMap<string, DecisionRecord>;
}

const compact = (value: unknown) => (value === undefined ? '' : JSON.stringify(value));

const NODE_SET = /^node set (\S+): desired (\S+), actual (.+)$/;
const WORKLOAD = /^(Deployment|StatefulSet|DaemonSet) (\S+): desired (\d+), ready (\d+)$/;
const POLICY = /^policy (\S+): (.*)$/;

function appSection(app: DashboardApp): string {
  const nodeSets = app.lines.map((l) => NODE_SET.exec(l)).filter((m) => m !== null).map((m) => [m[1]!, m[2]!, m[3]!]);
  const workloads = app.lines.map((l) => WORKLOAD.exec(l)).filter((m) => m !== null).map((m) => [`${m[1]} ${m[2]}`, m[3]!, m[4]!]);
  const policies = app.lines.map((l) => POLICY.exec(l)).filter((m) => m !== null).map((m) => {
    const record = app.decisions.get(m[1]!);
    return [m[1]!, m[2]!, compact(record?.inputs), compact(record?.outputs), record?.printed ?? ''];
  });
  const other = app.lines.filter((l) => !NODE_SET.test(l) && !WORKLOAD.test(l) && !POLICY.test(l));
  const id = escape(app.id);
  return `<section aria-labelledby="app-${id}">
<h2 id="app-${id}">${id} <small>${escape(app.phase)}</small></h2>
<p class="actions"><a href="${appPath(app.id)}">Charts and rule errors<span class="visually-hidden"> of ${id}</span></a> <a href="${editorPath(app.id)}">Edit and update the ADT<span class="visually-hidden"> of ${id}</span></a> <button type="button" data-undeploy="${id}">Undeploy ${id}</button></p>
<div role="status" aria-live="polite" data-progress-for="${id}"></div>
<ul>${other.map((l) => `<li>${escape(l)}</li>`).join('')}</ul>
${table('Node sets', ['Node set', 'Desired', 'Ready'], nodeSets)}
${table('Workloads', ['Workload', 'Desired', 'Ready'], workloads)}
${table('Policies: last decision', ['Policy', 'Decision', 'Inputs', 'Outputs', 'Printed'], policies)}
</section>`;
}

export function renderDashboard(apps: readonly DashboardApp[]): string {
  const body = apps.length === 0 ? `<p>No application is deployed. <a href="${editorPath()}">Launch one</a>, or send <code>POST /toscasubmitter/v1.0/app/launch/</code>.</p>` : apps.map(appSection).join('\n');
  return page('Applications', `<h1>Applications</h1>\n<div data-live="15">\n${body}\n</div>`, ['live.js']);
}
