/**
 * MiCADO's submitter REST API, v1.0 (seed 003, "REST API"): the same paths, verbs, form fields and answer shape
 * `{status_code, message, data}`, so MiCADO's curl commands work unchanged. adtc's improvements: validation
 * answers carry every diagnostic with its line, column and code; launch and update refuse an ADT with errors and
 * say why; the HTTP status equals `status_code`; status reports the progress of the queued operation.
 * The ADT is only read and compiled here: nothing in it runs on the server but its compiled rules, in the loop's sandbox.
 */
import { constants } from 'node:fs';
import { access, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { newPlanFolder } from '../deploy/plan-folders.js';
import { rememberAdt } from './adt-source.js';
import { BadForm, readForm, TooLarge, TooSlow } from './form.js';
import { lastDecisions } from './last-decisions.js';
import { parseParams } from './params.js';
import type { Form } from './form.js';
import { appIdProblem, newAppId } from './operations.js';
import type { Operation, OperationQueue } from './operations.js';
import { V2_BASE, v2Route } from './submitter-v2.js';

export const API_BASE = '/toscasubmitter/v1.0';

/** One diagnostic as the API reports it (positions 1-based, as editors show them). */
export interface ApiDiagnostic {
  readonly severity: string;
  readonly code: string;
  readonly message: string;
  readonly line: number;
  readonly column: number;
  readonly file: string;
}

/** The compiler's part, given by the CLI (the runtime never imports the compiler). */
export interface AdtTools {
  /** Every diagnostic `adtc validate` reports for the ADT at this path; an uploaded ADT reads only its `uploadDir`. */
  check(adtPath: string, inputs: Readonly<Record<string, string>>, uploadDir?: string): Promise<ApiDiagnostic[]>;
  /** Compiles into `planDir`; on failure, the compiler's report. */
  compile(adtPath: string, planDir: string, appId: string, inputs: Readonly<Record<string, string>>, uploadDir?: string): Promise<{ ok: true } | { ok: false; report: string }>;
}

/** The runtime's part: deploy, update, undeploy and status, writing what they do line by line. */
export interface AppActions {
  deploy(planDir: string, mode: 'deploy' | 'update', log: (line: string) => void): Promise<boolean>;
  undeploy(appId: string, log: (line: string) => void): Promise<boolean>;
  status(appId: string): Promise<{ known: boolean; lines: string[] }>;
  deployed(): Promise<string[]>;
}

export interface SubmitterOptions {
  readonly stateDir: string;
  readonly tools: AdtTools;
  readonly actions: AppActions;
  readonly queue: OperationQueue;
  /** Largest request body accepted, in bytes. */
  readonly maxUploadBytes: number;
  /** How long a request body may take to arrive (default DEFAULT_BODY_TIMEOUT_MS). */
  readonly bodyTimeoutMs?: number;
}

export function answer(response: ServerResponse, status: number, message: string, data?: unknown): true {
  if (!response.headersSent) {
    response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    response.end(`${JSON.stringify({ status_code: status, message, ...(data === undefined ? {} : { data }) }, null, 1)}\n`);
  }
  return true;
}

/** The ADT of a request: an uploaded `file`, or `input` naming a local file (file:// URL or absolute path). */
async function adtText(form: Form): Promise<{ text: string; name: string } | { path: string } | { problem: string }> {
  const file = form.get('file');
  // Only the name's last part is kept, and never '.' or '..', so an upload is written inside its folder and nowhere else.
  if (file !== undefined) return { text: file.value, name: /^\.*$/.test(basename(file.filename ?? '')) ? 'adt.yaml' : basename(file.filename!) };
  const input = form.get('input')?.value.trim();
  if (!input) return { problem: 'Application template is required; please provide a correct URL or file for the application template (curl -F file=@adt.yaml, or -d input=<URL>)' };
  let path: string;
  if (input.startsWith('file:')) path = fileURLToPath(input);
  else if (input.startsWith('/')) path = input;
  else return { problem: `adtc serve works offline and does not fetch ${input}: upload the ADT instead (curl -F file=@adt.yaml), or name a file on the server (file:///path/adt.yaml)` };
  // Read in place, so the ADT's relative imports resolve beside it.
  try {
    await access(path, constants.R_OK);
    return { path };
  } catch (error) {
    return { problem: `cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` };
  }
}

export function submitterRoute(options: SubmitterOptions): (request: IncomingMessage, response: ServerResponse) => Promise<boolean> {
  const { tools, actions, queue } = options;

  /** Writes the ADT into the app's upload folder and checks it; the diagnostics, and whether any is an error. */
  async function stage(form: Form, folder: string): Promise<{ path: string; uploadDir?: string; inputs: Record<string, string>; diagnostics: ApiDiagnostic[]; errors: number } | { problem: string }> {
    const params = parseParams(form.get('params')?.value);
    if ('problem' in params) return params;
    const adt = await adtText(form);
    if ('problem' in adt) return adt;
    let path: string;
    if ('path' in adt) path = adt.path;
    else {
      await mkdir(folder, { recursive: true });
      path = join(folder, adt.name.replace(/[^\w.-]/g, '_'));
      await writeFile(path, adt.text);
    }
    const uploadDir = 'path' in adt ? undefined : folder;
    const diagnostics = await tools.check(path, params.inputs, uploadDir);
    return { path, ...(uploadDir ? { uploadDir } : {}), inputs: params.inputs, diagnostics, errors: diagnostics.filter((d) => d.severity === 'error').length };
  }

  function refusal(diagnostics: ApiDiagnostic[]): string {
    const first = diagnostics.find((d) => d.severity === 'error')!;
    const count = diagnostics.filter((d) => d.severity === 'error').length;
    return `The application is not valid: ${count} ${count === 1 ? 'error' : 'errors'}, the first at line ${first.line}, column ${first.column}: ${first.code} ${first.message}`;
  }

  /** Checks, then queues compiling and deploying or updating; the operation, or the refusal (status, message, diagnostics). */
  async function queueSubmit(form: Form, appId: string, mode: 'deploy' | 'update', dryrun: boolean): Promise<{ operation: Operation; diagnostics: ApiDiagnostic[] } | { status: number; message: string; diagnostics?: ApiDiagnostic[] }> {
    const staged = await stage(form, join(options.stateDir, 'uploads', appId));
    if ('problem' in staged) return { status: 400, message: staged.problem };
    if (staged.errors > 0) return { status: 422, message: refusal(staged.diagnostics), diagnostics: staged.diagnostics };
    const planDir = newPlanFolder(options.stateDir, appId);
    const operation = queue.enqueue(
      appId,
      mode === 'deploy' ? 'deploying' : 'updating',
      dryrun ? 'dry-run' : 'deployed',
      async (log) => {
        const compiled = await tools.compile(staged.path, planDir, appId, staged.inputs, staged.uploadDir);
        if (!compiled.ok) return { ok: false, error: compiled.report };
        log(`compiled into ${planDir}`);
        await rememberAdt(options.stateDir, appId, staged.path);
        if (dryrun) return { ok: true };
        return { ok: await actions.deploy(planDir, mode, log) };
      },
      dryrun,
    );
    return { operation, diagnostics: staged.diagnostics };
  }

  /** v1.0: queues and answers at once. */
  async function submit(response: ServerResponse, form: Form, appId: string, mode: 'deploy' | 'update'): Promise<true> {
    const queued = await queueSubmit(form, appId, mode, /^true$/i.test(form.get('dryrun')?.value ?? ''));
    if (!('operation' in queued)) return answer(response, queued.status, queued.message, queued.diagnostics ? { diagnostics: queued.diagnostics } : undefined);
    const verb = mode === 'deploy' ? 'Thread to deploy application launched.' : 'Thread to update the application is launch.';
    return answer(response, 200, `${verb} To check the progress: curl -X GET <server>${API_BASE}/app/${appId}/status`, { id: appId, diagnostics: queued.diagnostics });
  }

  const v2 = v2Route({ queue, actions, queueSubmit, maxUploadBytes: options.maxUploadBytes, ...(options.bodyTimeoutMs === undefined ? {} : { bodyTimeoutMs: options.bodyTimeoutMs }) });

  return async (request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (path.startsWith(`${V2_BASE}/`)) return v2(request, response, path.slice(V2_BASE.length));
    if (!path.startsWith(`${API_BASE}/`)) return false;
    const route = path.slice(API_BASE.length);
    const method = request.method ?? 'GET';
    let form: Form;
    try {
      form = await readForm(request, options.maxUploadBytes, options.bodyTimeoutMs);
    } catch (error) {
      if (error instanceof TooLarge) {
        response.setHeader('connection', 'close');
        return answer(response, 413, `${error.message}; start the server with a larger --max-upload if the ADT really is that large`);
      }
      if (error instanceof TooSlow) {
        response.setHeader('connection', 'close');
        return answer(response, 408, error.message);
      }
      if (error instanceof BadForm) return answer(response, 400, error.message);
      throw error;
    }
    const idRoute = /^\/app\/(update|undeploy)\/([^/]+)\/?$/.exec(route) ?? /^\/app\/([^/]+)\/(status)\/?$/.exec(route);
    if (method === 'POST' && (route === '/app/launch/' || route === '/app/launch')) {
      const given = form.get('id')?.value.trim();
      const problem = given ? appIdProblem(given) : undefined;
      if (problem !== undefined) return answer(response, 400, problem);
      const appId = given || newAppId();
      if (queue.busy(appId) || (await actions.deployed()).includes(appId)) return answer(response, 400, `id already register on this service: ${appId} is deployed; update it with PUT ${API_BASE}/app/update/${appId}`);
      return submit(response, form, appId, 'deploy');
    }
    if (method === 'POST' && (route === '/app/validate/' || route === '/app/validate')) {
      await mkdir(join(options.stateDir, 'uploads'), { recursive: true });
      const folder = await mkdtemp(join(options.stateDir, 'uploads', 'validate-'));
      try {
        const staged = await stage(form, folder);
        if ('problem' in staged) return answer(response, 400, staged.problem);
        if (staged.errors > 0) return answer(response, 422, refusal(staged.diagnostics), { diagnostics: staged.diagnostics });
        return answer(response, 200, 'The provided application template is valid', { diagnostics: staged.diagnostics });
      } finally {
        await rm(folder, { recursive: true, force: true });
      }
    }
    if (method === 'GET' && (route === '/info_threads' || route === '/info_threads/')) {
      const running = queue.all().find((o) => o.phase === 'deploying' || o.phase === 'updating' || o.phase === 'undeploying');
      const waiting = queue.all().filter((o) => o.phase === 'queued');
      return answer(response, 200, 'Info on Thread', { 'thread being executed': running ? `${running.phase} ${running.app}` : null, 'list of threads waiting': waiting.map((o) => `${o.phase} ${o.app}`) });
    }
    if (method === 'GET' && (route === '/list_app/' || route === '/list_app')) {
      const apps = [...new Set([...(await actions.deployed()), ...queue.all().filter((o) => o.phase !== 'undeployed' && o.phase !== 'failed').map((o) => o.app)])].sort();
      if (apps.length === 0) return answer(response, 200, 'There are no running applications', []);
      return answer(response, 200, 'List running applications', apps.map((id) => ({ type: 'application', id, outputs: {}, components: ['adtc'], dryrun: queue.get(id)?.dryrun ?? false })));
    }
    if (idRoute !== null) {
      const [, first, second] = idRoute;
      const action = second === 'status' ? 'status' : first!;
      const appId = decodeURIComponent(second === 'status' ? first! : second!);
      const known = (await actions.deployed()).includes(appId) || queue.get(appId) !== undefined;
      if (action === 'status' && method === 'GET') {
        const operation = queue.get(appId);
        const status = await actions.status(appId);
        if (!status.known && operation === undefined) return answer(response, 404, `App with ID ${appId} does not exist`);
        return answer(response, 200, `Detail application ${appId}`, {
          type: 'application',
          id: appId,
          outputs: {},
          components: ['adtc'],
          status: { adtc: operation?.phase ?? 'deployed' },
          progress: operation?.progress ?? [],
          ...(operation?.error !== undefined ? { error: operation.error } : {}),
          report: status.known ? status.lines : [],
          // Each policy's last decision with its inputs, outputs and printed text (already redacted in the log).
          decisions: Object.fromEntries(await lastDecisions(options.stateDir, appId)),
        });
      }
      if (!known) return answer(response, 400, `There is no running application with ID=${appId}, please use a correct application ID`);
      if (queue.busy(appId)) return answer(response, 400, `this application has already an action pending (${queue.get(appId)!.phase}); check ${API_BASE}/app/${appId}/status`);
      if (action === 'update' && method === 'PUT') return submit(response, form, appId, 'update');
      if (action === 'undeploy' && method === 'DELETE') {
        queue.enqueue(appId, 'undeploying', 'undeployed', async (log) => ({ ok: await actions.undeploy(appId, log) }));
        return answer(response, 200, `successfully send undeployed for ${appId} to MiCADO master`, { id: appId });
      }
    }
    return answer(response, 404, `no ${method} ${path}: see /openapi.json for the paths adtc serve answers`);
  };
}
