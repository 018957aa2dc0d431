/**
 * The ADT editor's behaviour: line numbers beside the textarea, Validate (every diagnostic of the submitter's
 * validate, which is `adtc validate`, listed and its line marked; choosing one puts the caret on its line),
 * Launch or Update (the text sent as the ADT file, then the operation followed until it ends), and Undeploy.
 * A link to `#line-N` opens the editor with the caret on line N.
 */
import { call, follow, progressRegion, undeploy } from './api.js';
import type { ApiDiagnostic } from './api.js';

const form = document.getElementById('adt-form') as HTMLFormElement;
const text = document.getElementById('adt') as HTMLTextAreaElement;
const gutter = document.getElementById('gutter') as HTMLPreElement;
const idField = document.getElementById('app-id') as HTMLInputElement;
const params = document.getElementById('params') as HTMLInputElement;
const summary = document.getElementById('diagnostics-summary') as HTMLElement;
const list = document.getElementById('diagnostics') as HTMLOListElement;
const operation = document.getElementById('operation') as HTMLElement;
const submit = document.getElementById('submit') as HTMLButtonElement;
let fileName = form.dataset['file'] || 'adt.yaml';
/** Line → the worst severity reported on it. */
let marks = new Map<number, string>();
let current: number | undefined;

const STALE = ' The text has changed since; validate again.';
const RANK: Record<string, number> = { error: 3, warning: 2, information: 1, hint: 0 };

function renderGutter(): void {
  const count = text.value.split('\n').length;
  const spans: HTMLSpanElement[] = [];
  for (let n = 1; n <= count; n++) {
    const span = document.createElement('span');
    span.textContent = String(n);
    span.dataset['line'] = String(n);
    const severity = marks.get(n);
    if (severity !== undefined) {
      span.className = severity;
      span.title = `${severity} on line ${n}`;
    }
    if (n === current) span.classList.add('current');
    spans.push(span);
  }
  gutter.replaceChildren(...spans);
  gutter.scrollTop = text.scrollTop;
}

/** Puts the caret at the start of `line` (1-based) and scrolls it into view. */
function goToLine(line: number, column = 1): void {
  const lines = text.value.split('\n');
  const target = Math.min(Math.max(line, 1), lines.length);
  let offset = 0;
  for (let n = 1; n < target; n++) offset += lines[n - 1]!.length + 1;
  offset += Math.min(column - 1, lines[target - 1]!.length);
  current = target;
  text.focus();
  text.setSelectionRange(offset, offset);
  const height = parseFloat(getComputedStyle(text).lineHeight) || 19;
  text.scrollTop = Math.max(0, (target - 4) * height);
  renderGutter();
}

/** Whether a diagnostic is in the text being edited, not in a file it imports (the API names the uploaded copy). */
const inThisText = (d: ApiDiagnostic) => d.file.split(/[\\/]/).pop() === fileName.replace(/[^\w.-]/g, '_');

function showDiagnostics(diagnostics: readonly ApiDiagnostic[], headline: string): void {
  marks = new Map();
  for (const d of diagnostics.filter(inThisText)) if ((RANK[d.severity] ?? 0) > (RANK[marks.get(d.line) ?? ''] ?? -1)) marks.set(d.line, d.severity);
  const items = diagnostics.map((d) => {
    const item = document.createElement('li');
    const severity = document.createElement('span');
    severity.className = `severity-${d.severity}`;
    severity.textContent = d.severity;
    if (!inThisText(d)) {
      item.append(severity, ` ${d.code} ${d.file.split(/[\\/]/).pop()} line ${d.line}:${d.column}: ${d.message}`);
      return item;
    }
    const button = document.createElement('button');
    button.type = 'button';
    button.dataset['line'] = String(d.line);
    button.append(severity, ` ${d.code} line ${d.line}:${d.column}: ${d.message}`);
    button.addEventListener('click', () => goToLine(d.line, d.column));
    item.append(button);
    return item;
  });
  list.replaceChildren(...items);
  summary.textContent = headline;
  renderGutter();
}

function counted(diagnostics: readonly ApiDiagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  return `${errors} ${errors === 1 ? 'error' : 'errors'}, ${warnings} ${warnings === 1 ? 'warning' : 'warnings'}`;
}

/** The form the submitter API takes: the text as the uploaded `file`, with `id` and `params` when given. */
function adtForm(withId: boolean): FormData {
  const body = new FormData();
  body.append('file', new Blob([text.value], { type: 'application/x-yaml' }), fileName);
  if (params.value.trim() !== '') body.append('params', params.value.trim());
  if (withId && idField.value.trim() !== '') body.append('id', idField.value.trim());
  return body;
}

function diagnosticsOf(data: Record<string, unknown> | undefined): ApiDiagnostic[] {
  return Array.isArray(data?.['diagnostics']) ? (data['diagnostics'] as ApiDiagnostic[]) : [];
}

async function validate(): Promise<void> {
  summary.textContent = 'Validating…';
  const answer = await call('POST', '/app/validate/', adtForm(false));
  if (answer.status !== 200 && answer.status !== 422) {
    showDiagnostics([], `Not validated: ${answer.message}`);
    return;
  }
  const diagnostics = diagnosticsOf(answer.data);
  showDiagnostics(diagnostics, `${answer.status === 200 ? 'Valid' : 'Not valid'}: ${counted(diagnostics)}.`);
}

async function launchOrUpdate(): Promise<void> {
  const existing = form.dataset['app'] ?? '';
  submit.disabled = true;
  operation.textContent = existing ? `Updating ${existing}…` : 'Launching…';
  try {
    const answer = existing ? await call('PUT', `/app/update/${encodeURIComponent(existing)}`, adtForm(false)) : await call('POST', '/app/launch/', adtForm(true));
    const diagnostics = diagnosticsOf(answer.data);
    if (answer.status !== 200) {
      if (diagnostics.length > 0) showDiagnostics(diagnostics, `Not valid: ${counted(diagnostics)}.`);
      operation.textContent = `${existing ? 'Update' : 'Launch'} refused: ${answer.message}`;
      return;
    }
    showDiagnostics(diagnostics, `Valid: ${counted(diagnostics)}.`);
    const appId = String(answer.data?.['id'] ?? existing);
    const phase = await follow(appId, operation);
    if (!existing && phase !== 'failed') {
      // The new app is now edited in place: the page becomes its editor, and the next submit updates it.
      form.dataset['app'] = appId;
      idField.value = appId;
      idField.readOnly = true;
      operation.dataset['progressFor'] = appId;
      submit.textContent = 'Update';
      history.replaceState(null, '', `/dashboard/editor/${encodeURIComponent(appId)}`);
      const link = document.createElement('p');
      const a = document.createElement('a');
      a.href = `/dashboard/app/${encodeURIComponent(appId)}`;
      a.textContent = `Charts and rule errors of ${appId}`;
      link.append(a);
      operation.append(link);
    }
  } finally {
    submit.disabled = false;
  }
}

text.addEventListener('input', () => {
  renderGutter();
  // The marks point at lines of the text as it was validated; say so rather than move them by guesswork.
  if (list.children.length > 0 && !summary.textContent?.endsWith(STALE)) summary.textContent += STALE;
});
text.addEventListener('scroll', () => (gutter.scrollTop = text.scrollTop));
text.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
    event.preventDefault();
    void validate();
  }
});
document.getElementById('validate')!.addEventListener('click', () => void validate());
submit.addEventListener('click', () => void launchOrUpdate());
document.getElementById('adt-file')!.addEventListener('change', async (event) => {
  const file = (event.target as HTMLInputElement).files?.[0];
  if (file === undefined) return;
  text.value = await file.text();
  fileName = file.name;
  showDiagnostics([], `Opened ${file.name}; not validated yet.`);
});
document.querySelector<HTMLButtonElement>('button[data-undeploy]')?.addEventListener('click', async (event) => {
  const button = event.currentTarget as HTMLButtonElement;
  const appId = button.dataset['undeploy']!;
  button.disabled = true;
  try {
    const phase = await undeploy(appId, progressRegion(appId) ?? operation);
    if (phase === 'undeployed') submit.disabled = true;
  } finally {
    button.disabled = false;
  }
});

renderGutter();
const hashLine = /^#line-(\d+)$/.exec(location.hash);
if (hashLine !== null) goToLine(Number(hashLine[1]));
