/**
 * The OpenAPI document adtc serve publishes at /openapi.json against the server itself: one real request per
 * documented operation (with and without credentials), each answer's status listed for that operation and its
 * body valid against the schema the document gives for that status (checked with ajv), also for a change sent
 * from another site's page.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { Ajv } from 'ajv';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { curl, startServe, STRESSNG_ADT, until } from './harness/serve.js';

const s = suite('adtc serve: the OpenAPI document matches the implementation');
const TOKEN = 'openapi-test-token';

type Operation = { responses: Record<string, { content: { 'application/json': { schema: object } } }> };

s('every documented operation answers with a documented status and a body of its schema', async () => {
  const served = await startServe({ credentials: { kind: 'bearer', token: TOKEN } });
  try {
    const auth = ['-H', `Authorization: Bearer ${TOKEN}`];
    const document = (await curl([...auth, `${served.url}/openapi.json`])).json as { openapi: string; paths: Record<string, Record<string, Operation>> };
    assert.is(document.openapi, '3.0.3');
    const V1 = '/toscasubmitter/v1.0';
    const V2 = '/toscasubmitter/v2.0';
    assert.equal(Object.keys(document.paths).sort(), [`${V1}/app/launch/`, `${V1}/app/update/{id}`, `${V1}/app/undeploy/{id}`, `${V1}/app/validate/`, `${V1}/app/{id}/status`, `${V1}/list_app/`, `${V1}/info_threads`, `${V2}/applications/`, `${V2}/applications/{id}/`].sort());
    const broken = join(served.dir, 'broken.yaml');
    await writeFile(broken, (await readFile(STRESSNG_ADT, 'utf8')).replace('Docker.Deployment', 'Dockr.Deployment'));
    // For each operation, requests that reach different answers; app 'dry' exists once its dry-run launch is done.
    const requests: Record<string, string[][]> = {
      [`post ${V1}/app/launch/`]: [['-F', `file=@${STRESSNG_ADT}`, '-F', 'id=dry', '-F', 'dryrun=True'], ['-F', `file=@${broken}`], []],
      [`post ${V1}/app/validate/`]: [['-F', `file=@${STRESSNG_ADT}`], ['-F', `file=@${broken}`], ['-d', 'input=http://example.org/a.yaml']],
      [`put ${V1}/app/update/{id}`]: [['-F', `file=@${STRESSNG_ADT}`, '-F', 'dryrun=True'], ['-F', `file=@${broken}`]],
      [`delete ${V1}/app/undeploy/{id}`]: [[]],
      [`get ${V1}/list_app/`]: [[]],
      [`get ${V1}/info_threads`]: [[]],
      [`get ${V1}/app/{id}/status`]: [[]],
      [`get ${V2}/applications/`]: [[]],
      [`post ${V2}/applications/`]: [['-F', `adt=@${broken}`], []],
      [`get ${V2}/applications/{id}/`]: [[]],
      [`post ${V2}/applications/{id}/`]: [['-F', `adt=@${broken}`]],
      [`put ${V2}/applications/{id}/`]: [['-F', `adt=@${broken}`], ['-F', `adt=@${STRESSNG_ADT}`, '-F', 'dryrun=true']],
      [`delete ${V2}/applications/{id}/`]: [['-d', 'force=']],
    };
    const ajv = new Ajv({ strict: false, allErrors: true });
    let checked = 0;
    for (const [path, methods] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        const cases = requests[`${method} ${path}`];
        assert.ok(cases, `a request for ${method} ${path}`);
        for (const [i, args] of cases.entries()) {
          for (const id of ['dry', 'nope']) {
            for (const withAuth of [true, false]) {
              const url = `${served.url}${path.replace('{id}', id)}`;
              const answer = await curl([...(withAuth ? auth : []), '-X', method.toUpperCase(), ...args, url]);
              const documented = operation.responses[String(answer.status)];
              assert.ok(documented, `${method} ${path} (case ${i}, id ${id}) answered ${answer.status}, not documented: ${answer.body}`);
              const validate = ajv.compile(documented.content['application/json'].schema);
              assert.ok(validate(answer.json), `${method} ${path} ${answer.status}: ${ajv.errorsText(validate.errors)} in ${answer.body}`);
              checked++;
              if (!withAuth) assert.is(answer.status, 401);
            }
            if (!path.includes('{id}')) break;
          }
        }
        if (path.endsWith('/launch/')) {
          await until('the dry run to finish', async () => {
            const status = await curl([...auth, `${served.url}${V1}/app/dry/status`]);
            return status.json['data']?.['status']?.['adtc'] === 'dry-run' ? true : undefined;
          });
        }
      }
    }
    // A change a browser sends from another site's page is refused, with the documented answer.
    for (const [path, methods] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        if (method === 'get') continue;
        const answer = await curl([...auth, '-H', 'Origin: https://elsewhere.example', '-X', method.toUpperCase(), ...requests[`${method} ${path}`]![0]!, `${served.url}${path.replace('{id}', 'dry')}`]);
        assert.is(answer.status, 403, `${method} ${path} from another site: ${answer.body}`);
        const validate = ajv.compile(operation.responses['403']!.content['application/json'].schema);
        assert.ok(validate(answer.json), `${method} ${path} 403: ${ajv.errorsText(validate.errors)} in ${answer.body}`);
        checked++;
      }
    }
    assert.ok(checked >= 30, `${checked} answers checked`);
    assert.equal(served.api.all('apps/v1', 'Deployment'), [], 'dry runs deploy nothing');
  } finally {
    await served.stop();
  }
});

s.run();
