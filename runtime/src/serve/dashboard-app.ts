/**
 * One app's page (`/dashboard/app/<id>`): each policy's last rule error (the Python-level message, the ADT line
 * of the rule statement that raised it, that line's text, and a link to it in the editor) and each policy's
 * charts over time from the decision log (dashboard-chart.ts). With script (live.js) the figures refresh in
 * place every 15 s.
 */
import { policyCharts } from './dashboard-chart.js';
import { editorPath, escape, page } from './dashboard-page.js';
import type { PolicyHistory } from './decision-history.js';

export interface AppPageData {
  readonly id: string;
  readonly phase: string;
  readonly histories: readonly PolicyHistory[];
  /** The app's ADT, to quote the lines errors point at. */
  readonly adt?: { readonly name: string; readonly text: string };
}

function ruleErrors(data: AppPageData): string {
  const lines = data.adt?.text.split(/\r?\n/);
  const failing = data.histories.filter((h) => h.lastError !== undefined);
  if (failing.length === 0) return '<p>No policy has had a rule error.</p>';
  const rows = failing.map((h) => {
    const e = h.lastError!;
    const where = e.line === undefined
      ? '<td>—</td><td></td>'
      : `<td><a href="${editorPath(data.id)}#line-${e.line}" data-line="${e.line}">${escape(data.adt?.name ?? 'ADT')} line ${e.line}</a></td><td><code>${escape(lines?.[e.line - 1]?.trim() ?? '')}</code></td>`;
    return `<tr><th scope="row">${escape(h.policy)}</th><td>${new Date(e.t).toISOString()}</td><td>${escape(e.message)}</td>${where}</tr>`;
  });
  return `<table class="errors"><caption>Rule errors: each policy's last</caption><thead><tr><th scope="col">Policy</th><th scope="col">Time (UTC)</th><th scope="col">Error</th><th scope="col">ADT line</th><th scope="col">Rule statement</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table>`;
}

export function renderAppPage(data: AppPageData): string {
  const policies = data.histories.map((h, i) => `<section aria-labelledby="policy-${i}"><h3 id="policy-${i}">Policy ${escape(h.policy)}</h3>${policyCharts(h, i)}</section>`);
  const body = `<h1>${escape(data.id)} <small>${escape(data.phase)}</small></h1>
<p class="actions"><a href="${editorPath(data.id)}">Edit and update the ADT</a></p>
<div data-live="15">
<section aria-labelledby="errors"><h2 id="errors">Rule errors</h2>${ruleErrors(data)}</section>
<section aria-labelledby="charts"><h2 id="charts">Policies over the last 6 hours</h2>
${policies.length === 0 ? '<p>The scaling loop has not evaluated a policy yet.</p>' : policies.join('\n')}
</section>
</div>`;
  return page(`${data.id}: charts and rule errors`, body, ['live.js']);
}
