/**
 * The ADT editor (`/dashboard/editor` for a new application, `/dashboard/editor/<id>` for a deployed one): the
 * ADT in a plain textarea with line numbers, and buttons that call the submitter API (editor.js): Validate
 * lists every diagnostic `adtc validate` reports (the API runs the same check) and marks its line; Launch or
 * Update sends the text and follows the queued operation's progress; Undeploy asks first. Nothing on the page
 * refreshes by itself, so text being edited is never lost.
 */
import { appPath, escape, page } from './dashboard-page.js';

export interface EditorPageData {
  /** The deployed app being edited; undefined for a new application. */
  readonly id?: string;
  readonly phase?: string;
  /** The app's ADT, when it can be read. */
  readonly adt?: { readonly name: string; readonly text: string };
}

export function renderEditorPage(data: EditorPageData): string {
  const existing = data.id !== undefined;
  const id = escape(data.id ?? '');
  const heading = existing ? `Edit ${id} <small>${escape(data.phase ?? '')}</small>` : 'Launch a new application';
  const missing = existing && data.adt === undefined ? `<p class="note">The ADT ${id} was deployed from cannot be read on the server; paste or open it to update the app.</p>` : '';
  const body = `<h1>${heading}</h1>
${existing ? `<p class="actions"><a href="${appPath(data.id!)}">Charts and rule errors of ${id}</a></p>` : ''}
${missing}
<noscript><p class="note">The editor's buttons need JavaScript.</p></noscript>
<form id="adt-form" data-app="${id}" data-file="${escape(data.adt?.name ?? 'adt.yaml')}" novalidate>
<p><label for="app-id">Application id</label> <input id="app-id" name="id" value="${id}" ${existing ? 'readonly' : 'placeholder="chosen by the server when empty"'} pattern="[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?" aria-describedby="app-id-help" autocomplete="off"> <span id="app-id-help" class="help">Lowercase letters, digits and '-', as Kubernetes names.</span></p>
<p><label for="adt-file">Open an ADT file</label> <input id="adt-file" type="file" accept=".yaml,.yml,text/yaml"></p>
<p><label for="params">Input values (<code>params</code>, JSON)</label> <input id="params" name="params" placeholder='{"replicas": 2}' autocomplete="off"></p>
<label for="adt" class="block">ADT (TOSCA YAML)</label>
<div class="editor"><pre id="gutter" class="gutter" aria-hidden="true"></pre><textarea id="adt" name="adt" rows="28" spellcheck="false" autocapitalize="off" wrap="off" aria-describedby="adt-help">${escape(data.adt?.text ?? '')}</textarea></div>
<p id="adt-help" class="help">Line numbers are on the left; a line with a diagnostic is marked there. Ctrl+Enter validates.</p>
<p class="buttons"><button type="button" id="validate">Validate</button> <button type="button" id="submit">${existing ? 'Update' : 'Launch'}</button>${existing ? ` <button type="button" data-undeploy="${id}">Undeploy ${id}</button>` : ''}</p>
</form>
<section aria-labelledby="diagnostics-heading"><h2 id="diagnostics-heading">Diagnostics</h2>
<p id="diagnostics-summary" role="status" aria-live="polite">Not validated yet.</p>
<ol id="diagnostics"></ol></section>
<section aria-labelledby="progress-heading"><h2 id="progress-heading">Operation</h2>
<div role="status" aria-live="polite" id="operation" data-progress-for="${id}"></div></section>`;
  return page(existing ? `Edit ${data.id}` : 'Launch a new application', body, ['editor.js']);
}
