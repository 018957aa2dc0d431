/**
 * MiCADO's submitter API v2.0 (`/toscasubmitter/v2.0/applications/…`): synchronous, so each request answers when
 * its deploy, update or delete has ended, with `{"message"}` bodies worded as MiCADO's and errors as
 * `"<code> <reason>: <text>"`. The ADT comes as a multipart `adt` file or `url`, or as JSON `{adt, url, params, dryrun}`;
 * validation failures also carry adtc's diagnostics. The checks and the queue are v1.0's (submitter-api.ts).
 */
import { STATUS_CODES } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BadForm, readForm, TooLarge, TooSlow } from './form.js';
import type { Form } from './form.js';
import { appIdProblem, newAppId } from './operations.js';
import type { Operation, OperationQueue } from './operations.js';
import type { ApiDiagnostic, AppActions } from './submitter-api.js';

export const V2_BASE = '/toscasubmitter/v2.0';

type Refusal = { status: number; message: string; diagnostics?: ApiDiagnostic[] };

interface V2Options {
  readonly queue: OperationQueue;
  readonly actions: AppActions;
  readonly maxUploadBytes: number;
  readonly bodyTimeoutMs?: number;
  readonly queueSubmit: (form: Form, appId: string, mode: 'deploy' | 'update', dryrun: boolean) => Promise<{ operation: Operation; diagnostics: ApiDiagnostic[] } | Refusal>;
}

function reply(response: ServerResponse, status: number, body: Record<string, unknown>): true {
  response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  response.end(`${JSON.stringify(body, null, 1)}\n`);
  return true;
}

function failure(response: ServerResponse, status: number, text: string, diagnostics?: ApiDiagnostic[]): true {
  return reply(response, status, { message: `${status} ${STATUS_CODES[status] ?? ''}: ${text}`, ...(diagnostics ? { diagnostics } : {}) });
}

/** MiCADO v2's field names (`adt`, `url`) as v1's (`file`, `input`), which the shared checks read. */
function asV1(form: Form): Form {
  const renamed = new Map(form);
  const adt = form.get('adt');
  const url = form.get('url');
  if (adt !== undefined) renamed.set('file', adt);
  if (url !== undefined) renamed.set('input', url);
  return renamed;
}

/** MiCADO v2: any non-empty value not starting with "false" means true. */
const dryrunOf = (form: Form) => {
  const value = form.get('dryrun')?.value.trim() ?? '';
  return value !== '' && !/^false/i.test(value);
};

export function v2Route(options: V2Options) {
  const { queue, actions } = options;
  return async (request: IncomingMessage, response: ServerResponse, route: string): Promise<boolean> => {
    const match = /^\/applications\/(?:([^/]+)\/?)?$/.exec(route);
    if (match === null) return failure(response, 404, `no such path; the v2.0 paths are ${V2_BASE}/applications/ and ${V2_BASE}/applications/<id>/`);
    const appId = match[1] === undefined ? undefined : decodeURIComponent(match[1]);
    const method = request.method ?? 'GET';
    let form: Form;
    try {
      form = asV1(await readForm(request, options.maxUploadBytes, options.bodyTimeoutMs));
    } catch (error) {
      if (error instanceof TooLarge || error instanceof TooSlow) {
        response.setHeader('connection', 'close');
        return failure(response, error instanceof TooLarge ? 413 : 408, error.message);
      }
      if (error instanceof BadForm) return failure(response, 400, error.message);
      throw error;
    }
    const deployed = await actions.deployed();
    const known = (id: string) => deployed.includes(id) || (queue.get(id) !== undefined && queue.get(id)!.phase !== 'undeployed' && queue.get(id)!.phase !== 'failed');
    if (method === 'GET' && appId === undefined) return reply(response, 200, { message: 'MiCADO Applications', applications: [...new Set([...deployed, ...queue.all().filter((o) => known(o.app)).map((o) => o.app)])].sort() });
    if (method === 'GET' && appId !== undefined) {
      if (!known(appId)) return failure(response, 404, `Application ${appId} does not exist`);
      const status = await actions.status(appId);
      return reply(response, 200, { message: 'MiCADO Application Info', adaptors: { adtc: queue.get(appId)?.phase ?? 'deployed' }, report: status.lines });
    }
    if (method === 'POST' || method === 'PUT') {
      const mode = method === 'POST' ? 'deploy' : 'update';
      if (mode === 'update' && appId === undefined) return failure(response, 405, `PUT names the application: ${V2_BASE}/applications/<id>/`);
      const id = appId ?? newAppId();
      if (mode === 'deploy' && known(id)) return failure(response, 400, 'The application ID already exists');
      if (mode === 'update' && !known(id)) return failure(response, 404, `Application with ID ${id} does not exist`);
      if (queue.busy(id)) return failure(response, 400, `Application ${id} has an operation pending`);
      if (!form.has('file') && !form.has('input')) return failure(response, 400, 'No ADT data was included in the request');
      const problem = appIdProblem(id);
      if (problem !== undefined) return failure(response, 400, problem);
      const queued = await options.queueSubmit(form, id, mode, dryrunOf(form));
      if (!('operation' in queued)) return failure(response, queued.status === 422 ? 500 : queued.status, queued.status === 422 ? `Error while validating: ${queued.message}` : queued.message, queued.diagnostics);
      await queued.operation.finished;
      const { operation } = queued;
      if (operation.phase === 'failed') return failure(response, 500, `Error while ${mode === 'deploy' ? 'deploying' : 'updating'}: ${operation.error ?? operation.progress.join('\n')}`);
      return reply(response, 200, { message: `Application ${id} successfully ${mode === 'deploy' ? 'deployed' : 'updated'}`, diagnostics: queued.diagnostics, progress: operation.progress });
    }
    if (method === 'DELETE' && appId !== undefined) {
      if (!known(appId)) return failure(response, 404, `Application with ID ${appId} does not exist`);
      if (queue.busy(appId)) return failure(response, 400, `Application ${appId} has an operation pending`);
      const operation = queue.enqueue(appId, 'undeploying', 'undeployed', async (log) => ({ ok: await actions.undeploy(appId, log) }));
      await operation.finished;
      if (operation.phase === 'failed') return failure(response, 500, `Error while deleting: ${operation.error ?? operation.progress.join('\n')}`);
      return reply(response, 200, { message: `Application ${appId} successfully deleted`, progress: operation.progress });
    }
    return failure(response, 405, `${method} is not answered on ${V2_BASE}${route}`);
  };
}
