/**
 * The OpenAPI 3.0 description of `adtc serve`'s submitter API, served at /openapi.json. test/serve-openapi.test.ts
 * sends a request for every operation listed here and checks the answer against the schema given, so the
 * document cannot drift from the implementation.
 */
import { API_BASE } from './submitter-api.js';
import { V2_BASE } from './submitter-v2.js';

const answer = (data: Record<string, unknown> = {}) => ({
  type: 'object',
  required: ['status_code', 'message'],
  properties: { status_code: { type: 'integer' }, message: { type: 'string' }, data },
});

const diagnostic = {
  type: 'object',
  required: ['severity', 'code', 'message', 'line', 'column', 'file'],
  properties: {
    severity: { type: 'string', enum: ['error', 'warning', 'info', 'hint'] },
    code: { type: 'string', pattern: '^ADT[0-9]{4}$' },
    message: { type: 'string' },
    line: { type: 'integer', minimum: 1 },
    column: { type: 'integer', minimum: 1 },
    file: { type: 'string' },
  },
};

const withDiagnostics = answer({ type: 'object', properties: { diagnostics: { type: 'array', items: diagnostic } } });

const adtForm = (extra: Record<string, unknown> = {}) => ({
  required: true,
  content: {
    'multipart/form-data': {
      schema: { type: 'object', properties: { file: { type: 'string', format: 'binary', description: 'the ADT (curl -F file=@adt.yaml)' }, input: { type: 'string', description: 'file:// URL or absolute path of an ADT on the server' }, params: { type: 'string', description: 'input values: a JSON object or a Python dict literal' }, ...extra } },
    },
    'application/x-www-form-urlencoded': { schema: { type: 'object', properties: { input: { type: 'string' }, params: { type: 'string' }, ...extra } } },
  },
});

const json = (description: string, schema: unknown) => ({ description, content: { 'application/json': { schema } } });
const appId = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
const refused = json('refused: see message', answer());

const message = (extra: Record<string, unknown> = {}) => ({ type: 'object', required: ['message'], properties: { message: { type: 'string' }, ...extra } });
const v2Failed = json('refused or failed: "<code> <reason>: <text>", with the diagnostics when the ADT has errors', message({ diagnostics: { type: 'array', items: diagnostic } }));
const v2Adt = {
  required: true,
  content: {
    'multipart/form-data': { schema: { type: 'object', properties: { adt: { type: 'string', format: 'binary' }, url: { type: 'string' }, params: { type: 'string' }, dryrun: { type: 'string' } } } },
    'application/json': { schema: { type: 'object', properties: { adt: { type: 'object', description: 'the ADT as an object' }, url: { type: 'string' }, params: { type: 'object' }, dryrun: { type: 'boolean' } } } },
  },
};
const v2Done = json('done', message({ diagnostics: { type: 'array', items: diagnostic }, progress: { type: 'array', items: { type: 'string' } } }));

const documented = {
  openapi: '3.0.3',
  info: { title: 'adtc serve: MiCADO submitter API', version: '1.0' },
  components: {
    securitySchemes: { basic: { type: 'http', scheme: 'basic' }, bearer: { type: 'http', scheme: 'bearer' } },
    schemas: { Diagnostic: diagnostic },
  },
  security: [{ basic: [] }, { bearer: [] }],
  paths: {
    [`${API_BASE}/app/launch/`]: {
      post: {
        summary: 'Compile and deploy an ADT (queued; poll its status)',
        requestBody: adtForm({ id: { type: 'string' }, dryrun: { type: 'string', enum: ['True', 'False'] } }),
        responses: { '200': json('queued', withDiagnostics), '400': refused, '401': refused, '413': refused, '422': json('the ADT has errors', withDiagnostics) },
      },
    },
    [`${API_BASE}/app/validate/`]: {
      post: {
        summary: 'Report every diagnostic of an ADT',
        requestBody: adtForm(),
        responses: { '200': json('valid (warnings may be listed)', withDiagnostics), '400': refused, '401': refused, '413': refused, '422': json('the ADT has errors', withDiagnostics) },
      },
    },
    [`${API_BASE}/app/update/{id}`]: {
      put: {
        summary: 'Compile and update a deployed app (queued)',
        parameters: [appId],
        requestBody: adtForm({ dryrun: { type: 'string', enum: ['True', 'False'] } }),
        responses: { '200': json('queued', withDiagnostics), '400': refused, '401': refused, '422': json('the ADT has errors', withDiagnostics) },
      },
    },
    [`${API_BASE}/app/undeploy/{id}`]: {
      delete: { summary: 'Remove everything the app created (queued)', parameters: [appId], responses: { '200': json('queued', answer()), '400': refused, '401': refused } },
    },
    [`${API_BASE}/list_app/`]: {
      get: {
        summary: 'The deployed apps',
        responses: {
          '200': json('the apps', answer({ type: 'array', items: { type: 'object', required: ['type', 'id'], properties: { type: { type: 'string' }, id: { type: 'string' }, dryrun: { type: 'boolean' } } } })),
          '401': refused,
        },
      },
    },
    [`${API_BASE}/info_threads`]: {
      get: {
        summary: 'The operation being carried out and those waiting',
        responses: {
          '200': json('the queue', answer({ type: 'object', required: ['thread being executed', 'list of threads waiting'], properties: { 'thread being executed': { type: 'string', nullable: true }, 'list of threads waiting': { type: 'array', items: { type: 'string' } } } })),
          '401': refused,
        },
      },
    },
    [`${API_BASE}/app/{id}/status`]: {
      get: {
        summary: "An app's phase, the progress of its last operation and its status report",
        parameters: [appId],
        responses: {
          '200': json('the app', answer({ type: 'object', required: ['id', 'status', 'progress'], properties: { id: { type: 'string' }, status: { type: 'object' }, progress: { type: 'array', items: { type: 'string' } }, report: { type: 'array', items: { type: 'string' } }, error: { type: 'string' }, decisions: { type: 'object', description: "each policy's last decision: ts, action, inputs, outputs, printed, error", additionalProperties: { type: 'object', required: ['ts', 'policy', 'action'], properties: { ts: { type: 'string' }, policy: { type: 'string' }, action: { type: 'string' }, printed: { type: 'string' }, error: { type: 'string' } } } } } })),
          '401': refused,
          '404': refused,
        },
      },
    },
    [`${V2_BASE}/applications/`]: {
      get: { summary: 'The ids of the deployed apps', responses: { '200': json('the ids', message({ applications: { type: 'array', items: { type: 'string' } } })), '401': v2Failed } },
      post: { summary: 'Deploy an ADT under a new id (synchronous)', requestBody: v2Adt, responses: { '200': v2Done, '400': v2Failed, '401': v2Failed, '500': v2Failed } },
    },
    [`${V2_BASE}/applications/{id}/`]: {
      get: { summary: "An app's state", parameters: [appId], responses: { '200': json('the app', message({ adaptors: { type: 'object' }, report: { type: 'array', items: { type: 'string' } } })), '401': v2Failed, '404': v2Failed } },
      post: { summary: 'Deploy an ADT under this id (synchronous)', parameters: [appId], requestBody: v2Adt, responses: { '200': v2Done, '400': v2Failed, '401': v2Failed, '500': v2Failed } },
      put: { summary: 'Update the app (synchronous)', parameters: [appId], requestBody: v2Adt, responses: { '200': v2Done, '400': v2Failed, '401': v2Failed, '404': v2Failed, '500': v2Failed } },
      delete: { summary: 'Remove the app (synchronous)', parameters: [appId], responses: { '200': v2Done, '400': v2Failed, '401': v2Failed, '404': v2Failed, '500': v2Failed } },
    },
  },
} as const;

type Operations = Record<string, { requestBody?: unknown; responses: Record<string, unknown> }>;

/**
 * The answers any operation may give beside its own: a body too large (413) or too slow (408) where there is one,
 * 503 from a replica standing by for every change, and 403 for a change a browser sends from another site
 * (serve/routes.ts, same-origin.ts).
 */
function withServerAnswers<T extends { paths: Record<string, unknown> }>(document: T): T {
  const copy = structuredClone(document) as T;
  for (const [path, operations] of Object.entries(copy.paths as Record<string, Operations>)) {
    for (const [method, operation] of Object.entries(operations)) {
      if (operation.requestBody !== undefined) {
        operation.responses['408'] ??= json('the request body did not arrive in time', { type: 'object', required: ['message'], properties: { message: { type: 'string' } } });
        operation.responses['413'] ??= json('the request body is over --max-upload', { type: 'object', required: ['message'], properties: { message: { type: 'string' } } });
      }
      if (method !== 'get' && !path.endsWith('/app/validate/')) operation.responses['503'] = json('this replica stands by: another one leads', answer());
      if (method !== 'get') operation.responses['403'] = json('a browser request from another site (Sec-Fetch-Site or Origin), refused', answer());
    }
  }
  return copy;
}

export const openApiDocument = withServerAnswers(documented);
