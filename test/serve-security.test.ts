/**
 * `adtc serve`'s security as an attacker would probe it: every route of the OpenAPI document (and those outside it)
 * refuses a request without the right credentials, except the probes; request bodies are bounded in size
 * (multipart, url-encoded and JSON) and in time (a slow or endless body is cut); an uploaded ADT is never executed:
 * YAML tags meant for Python, rules calling __import__, open or exec, and imports of the server's files are
 * refused without any side effect.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { join } from 'node:path';
import { curl, startServe, STRESSNG_ADT, until } from './harness/serve.js';

const s = suite('adtc serve: security');
const V1 = '/toscasubmitter/v1.0';
const V2 = '/toscasubmitter/v2.0';
const USER = { kind: 'basic', user: 'admin', password: 'pa55-w0rd' } as const;

s('every route but the probes refuses a request without the right credentials, before reading its body', async () => {
  const served = await startServe({ credentials: USER });
  try {
    const document = (await curl(['-u', 'admin:pa55-w0rd', `${served.url}/openapi.json`])).json as { paths: Record<string, Record<string, unknown>> };
    const routes: [string, string][] = Object.entries(document.paths).flatMap(([path, methods]) => Object.keys(methods).map((m): [string, string] => [m.toUpperCase(), path.replace('{id}', 'web')]));
    assert.ok(routes.length >= 13, `${routes.length} documented operations`);
    routes.push(['GET', '/'], ['GET', '/apps'], ['GET', '/openapi.json'], ['GET', '/no/such/path'], ['POST', '/'], ['HEAD', `${V1}/list_app/`]);
    for (const [method, path] of routes) {
      const body = method === 'POST' || method === 'PUT' ? ['-F', `file=@${STRESSNG_ADT}`, '-F', `adt=@${STRESSNG_ADT}`, '-F', 'id=web'] : [];
      for (const who of [[], ['-u', 'admin:wrong'], ['-u', 'someone:pa55-w0rd'], ['-H', 'Authorization: Bearer pa55-w0rd']]) {
        const answer = await curl(['-i', ...(method === 'HEAD' ? ['-I'] : ['-X', method]), ...who, ...body, `${served.url}${path}`]);
        assert.is(answer.status, 401, `${method} ${path} with ${who.join(' ') || 'no credentials'}: ${answer.body}`);
        assert.match(answer.body, /www-authenticate: Basic realm="adtc"/i);
      }
    }
    for (const probe of ['/healthz', '/readyz', '/metrics']) assert.is((await curl([`${served.url}${probe}`])).status, 200, probe);
    assert.equal(served.api.all('apps/v1', 'Deployment'), [], 'nothing deployed');
    assert.not.ok(existsSync(join(served.dir, 'state', 'uploads')), 'no upload was written');
    assert.not.match(served.output(), /pa55-w0rd/);
  } finally {
    await served.stop();
  }
});

/** A request whose body trickles: `chunk` every `everyMs` until the answer comes or `total` bytes were sent; its status and body. */
function trickle(url: string, headers: Record<string, string>, chunk: string, everyMs: number, total = Infinity): Promise<{ status: number; body: string; sent: number }> {
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    let timer: NodeJS.Timeout | undefined;
    const req = request(url, { method: 'POST', headers }, (res) => {
      answered = true;
      clearInterval(timer);
      let body = '';
      res.on('data', (d) => void (body += String(d)));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, sent }));
    });
    // A write after the server has answered and closed fails (EPIPE); the outcome is the answer, or its absence.
    req.on('error', () => undefined);
    req.on('close', () => {
      // Also ends the writes, which would otherwise keep the test process alive after a failure.
      clearInterval(timer);
      if (!answered) reject(new Error(`the connection closed after ${sent} bytes without an answer`));
    });
    timer = setInterval(() => {
      if (sent >= total || req.destroyed) return;
      req.write(chunk);
      sent += chunk.length;
    }, everyMs);
    req.flushHeaders();
  });
}

s('bodies are bounded: multipart, url-encoded and JSON over the limit get 413; an endless body is cut at the limit; a slow one at the deadline', async () => {
  const served = await startServe({ maxUploadBytes: 2000, bodyTimeoutMs: 1500 });
  try {
    const big = await curl(['-F', `adt=@${STRESSNG_ADT}`, '-X', 'POST', `${served.url}${V2}/applications/big/`]);
    assert.is(big.status, 413, big.body);
    const form = await curl(['--data-urlencode', `params=${'x'.repeat(5000)}`, '-X', 'POST', `${served.url}${V1}/app/validate/`]);
    assert.is(form.status, 413, form.body);
    const json = await curl(['-H', 'content-type: application/json', '--data-binary', JSON.stringify({ adt: { description: 'y'.repeat(5000) } }), '-X', 'PUT', `${served.url}${V2}/applications/big/`]);
    assert.is(json.status, 413, json.body);
    assert.match(json.json['message'], /^413 .*at most 2000 are accepted/);

    // Chunked, without a length, never ending: refused once it passes the limit.
    const endless = await trickle(`${served.url}${V1}/app/launch/`, { 'content-type': 'application/x-www-form-urlencoded', 'transfer-encoding': 'chunked' }, `input=${'z'.repeat(500)}`, 5);
    assert.is(endless.status, 413, endless.body);
    assert.match(endless.body, /exceeds 2000 bytes/);
    // 10 bytes every 200 ms of a declared 1000: cut at the 1.5 s deadline.
    const slow = await trickle(`${served.url}${V1}/app/validate/`, { 'content-type': 'application/x-www-form-urlencoded', 'content-length': '1000' }, 'input=aaaa', 200, 1000);
    assert.is(slow.status, 408, slow.body);
    assert.match(slow.body, /did not arrive within 1\.5 s/);
    assert.ok(slow.sent < 1000);
    const slowV2 = await trickle(`${served.url}${V2}/applications/`, { 'content-type': 'application/json', 'content-length': '1000' }, '{"a":1', 200, 1000);
    assert.is(slowV2.status, 408, slowV2.body);
    assert.is((await curl([`${served.url}/healthz`])).body, 'ok\n', 'the server goes on');
    assert.equal(served.api.all('apps/v1', 'Deployment'), []);
  } finally {
    await served.stop();
  }
});

s('an ADT is never executed: Python YAML tags, rules calling __import__, open or exec, and imports of server files do nothing', async () => {
  const served = await startServe();
  const marker = join(served.dir, 'MARKER');
  const adt = await readFile(STRESSNG_ADT, 'utf8');
  const cases: { name: string; text: string; error: RegExp; line?: number }[] = [
    {
      name: 'yaml-tag',
      text: adt.replace('description: ADT for stressng on EC2', `description: !!python/object/apply:os.system ["touch ${marker}"]`),
      error: /^ADT1004 The YAML tag 'tag:yaml\.org,2002:python\/object\/apply:os\.system' is not supported/,
      line: 9,
    },
    { name: 'import-os', text: adt.replace("print('Transient phase, skipping update of containers...')", `__import__('os').system('touch ${marker}')`), error: /ADT6201 '__import__' is not defined/, line: 92 },
    { name: 'open', text: adt.replace("print('Transient phase, skipping update of nodes...')", `open('${marker}', 'w').write('x')`), error: /ADT6203 'open' is not available in scaling rules/, line: 120 },
    { name: 'exec', text: adt.replace("print('Transient phase, skipping update of containers...')", `exec("open('${marker}', 'w')")`), error: /exec/, line: 92 },
  ];
  // A file of the server's, beside the upload folder and at an absolute path: a valid type file the ADT would need.
  const outside = join(served.dir, 'outside.yaml');
  await writeFile(outside, 'tosca_definitions_version: tosca_simple_yaml_1_2\nnode_types:\n  my.Secret.Type:\n    derived_from: tosca.nodes.Root\n');
  for (const spec of ['../../../outside.yaml', outside]) {
    cases.push({
      name: `import ${spec}`,
      text: adt.replace('imports:\n', `imports:\n  - ${spec}\n`).replace('type: tosca.nodes.MiCADO.EC2.Compute', 'type: my.Secret.Type'),
      error: /ADT3002 .*an uploaded ADT reads only the files uploaded with it and the bundled profiles, not files of the server/,
      line: 4,
    });
  }
  try {
    for (const [i, c] of cases.entries()) {
      const path = join(served.dir, `case-${i}.yaml`);
      await writeFile(path, c.text);
      const validate = await curl(['-F', `file=@${path}`, '-X', 'POST', `${served.url}${V1}/app/validate/`]);
      assert.is(validate.status, 422, `${c.name}: ${validate.body}`);
      const first = (validate.json['data']['diagnostics'] as { severity: string; code: string; message: string; line: number }[]).find((d) => d.severity === 'error')!;
      assert.match(`${first.code} ${first.message}`, c.error, c.name);
      if (c.line !== undefined) assert.is(first.line, c.line, c.name);
      const launch = await curl(['-F', `file=@${path}`, '-F', `id=case-${i}`, '-X', 'POST', `${served.url}${V1}/app/launch/`]);
      assert.is(launch.status, 422, `${c.name}: ${launch.body}`);
      const v2 = await curl(['-F', `adt=@${path}`, '-X', 'POST', `${served.url}${V2}/applications/v2-case-${i}/`]);
      assert.is(v2.status, 500, `${c.name}: ${v2.body}`);
    }
    // Uploaded under a name that climbs out of its folder, it is still written inside it.
    const climbing = await curl(['-F', `file=@${STRESSNG_ADT};filename=../../../escaped.yaml`, '-F', 'id=climb', '-F', 'dryrun=True', '-X', 'POST', `${served.url}${V1}/app/launch/`]);
    assert.is(climbing.status, 200, climbing.body);
    await until('the dry run', async () => ((await curl([`${served.url}${V1}/app/climb/status`])).json['data']?.['status']?.['adtc'] === 'dry-run' ? true : undefined));
    assert.equal(await readdir(join(served.dir, 'state', 'uploads', 'climb')), ['escaped.yaml']);
    assert.not.ok(existsSync(join(served.dir, 'escaped.yaml')) || existsSync(join(served.dir, 'state', 'escaped.yaml')));
    assert.not.ok(existsSync(marker), 'nothing of an ADT ran on the server');
    assert.equal(served.api.all('apps/v1', 'Deployment'), []);
  } finally {
    await served.stop();
  }
});

s.run();
