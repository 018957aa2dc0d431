/**
 * The dashboard at `/`: one server-rendered page (no script, no external resource, so it works offline and
 * with any browser or screen reader) with every app, its node sets and workloads (desired against ready) and
 * each policy's last decision, taken from the same report `adtc status` prints, with the decision's inputs,
 * outputs and printed text from the decision log. It refreshes itself every 15 s.
 */
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

import type { DecisionRecord } from './last-decisions.js';

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const NODE_SET = /^node set (\S+): desired (\S+), actual (.+)$/;
const WORKLOAD = /^(Deployment|StatefulSet|DaemonSet) (\S+): desired (\d+), ready (\d+)$/;
const POLICY = /^policy (\S+): (.*)$/;

function table(caption: string, headings: readonly string[], rows: readonly (readonly string[])[]): string {
  if (rows.length === 0) return '';
  const head = headings.map((h) => `<th scope="col">${escape(h)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c, i) => (i === 0 ? `<th scope="row">${escape(c)}</th>` : `<td>${escape(c)}</td>`)).join('')}</tr>`).join('\n');
  return `<table><caption>${escape(caption)}</caption><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

function appSection(app: DashboardApp): string {
  const nodeSets = app.lines.map((l) => NODE_SET.exec(l)).filter((m) => m !== null).map((m) => [m[1]!, m[2]!, m[3]!]);
  const workloads = app.lines.map((l) => WORKLOAD.exec(l)).filter((m) => m !== null).map((m) => [`${m[1]} ${m[2]}`, m[3]!, m[4]!]);
  const policies = app.lines.map((l) => POLICY.exec(l)).filter((m) => m !== null).map((m) => {
    const record = app.decisions.get(m[1]!);
    return [m[1]!, m[2]!, compact(record?.inputs), compact(record?.outputs), record?.printed ?? ''];
  });
  const other = app.lines.filter((l) => !NODE_SET.test(l) && !WORKLOAD.test(l) && !POLICY.test(l));
  return `<section aria-labelledby="app-${escape(app.id)}">
<h2 id="app-${escape(app.id)}">${escape(app.id)} <small>${escape(app.phase)}</small></h2>
<ul>${other.map((l) => `<li>${escape(l)}</li>`).join('')}</ul>
${table('Node sets', ['Node set', 'Desired', 'Ready'], nodeSets)}
${table('Workloads', ['Workload', 'Desired', 'Ready'], workloads)}
${table('Policies: last decision', ['Policy', 'Decision', 'Inputs', 'Outputs', 'Printed'], policies)}
</section>`;
}

export function renderDashboard(apps: readonly DashboardApp[]): string {
  const body = apps.length === 0 ? '<p>No application is deployed. Launch one with <code>POST /toscasubmitter/v1.0/app/launch/</code>.</p>' : apps.map(appSection).join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="15"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>adtc serve: applications</title>
<style>body{font:15px/1.4 system-ui,sans-serif;margin:1.5rem;max-width:70rem;color:#111}h2 small{font-weight:normal;color:#555}table{border-collapse:collapse;margin:.6rem 0}caption{text-align:left;font-weight:600}th,td{border:1px solid #bbb;padding:.2rem .6rem;text-align:left;vertical-align:top;white-space:pre-wrap;word-break:break-word}section{border-top:2px solid #ddd;padding-top:.4rem}</style>
</head><body><main><h1>Applications</h1>
${body}
</main></body></html>
`;
}
